import { useTranslation } from "~/i18n/react";
import { useTranslateError } from "~/components/form";

const DEMAND_TONES: Record<string, string> = {
  DRAFT: "bg-stone-100 text-stone-700",
  OPEN: "bg-sky-100 text-sky-900",
  PARTLY_AWARDED: "bg-amber-100 text-amber-900",
  AWARDED: "bg-green-100 text-green-800",
  CLOSED: "bg-stone-200 text-stone-700",
  CANCELLED: "bg-red-100 text-red-800",
};
const OFFER_TONES: Record<string, string> = {
  SUBMITTED: "bg-sky-100 text-sky-900",
  SHORTLISTED: "bg-amber-100 text-amber-900",
  ACCEPTED: "bg-green-100 text-green-800",
  DECLINED: "bg-red-100 text-red-800",
  WITHDRAWN: "bg-stone-200 text-stone-700",
};

export function DemandStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${DEMAND_TONES[status] ?? ""}`} data-status={status} data-testid="demand-status">
      {t(`demands:status.${status}`)}
    </span>
  );
}

export function OfferStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${OFFER_TONES[status] ?? ""}`} data-status={status} data-testid="offer-status">
      {t(`demands:offerStatus.${status}`)}
    </span>
  );
}

export function useCategoryName() {
  const { i18n } = useTranslation();
  return (c: { nameId: string; nameEn: string }) => (i18n.language === "en" ? c.nameEn : c.nameId);
}

export type DemandView = {
  title: string;
  specification: string;
  qualityRequirements: string | null;
  packaging: string | null;
  quantity: number;
  awardedQuantity: number;
  unit: string;
  frequency: string;
  daysOfWeek: string | null;
  deliveryAddress: string;
  startDate: string;
  endDate: string | null;
  priceMin: number | null;
  priceMax: number | null;
  offerDeadline: string;
  allowSplit: boolean;
  cancelReason: string | null;
  category: { nameId: string; nameEn: string };
  deliveryKecamatan: { name: string } | null;
  partner?: { displayName: string };
};

/** How much and how often, e.g. "300 pcs per delivery day (Mon, Wed)". */
export function useQuantityText() {
  const { t } = useTranslation();
  return (d: { quantity: number; unit: string; frequency: string; daysOfWeek: string | null }) => {
    const days = d.daysOfWeek
      ? `(${d.daysOfWeek.split(",").map((x) => t(`demands:weekday.${x}`)).join(", ")})`
      : d.frequency === "DAILY"
        ? t("demands:everyDay")
        : "";
    return t(`demands:quantityText.${d.frequency}`, { quantity: d.quantity, unit: t(`demands:unit.${d.unit}`), days });
  };
}

export function ErrorLine({ message }: { message: string }) {
  const translate = useTranslateError();
  return (
    <p className="field-error" role="alert">
      {translate(message)}
    </p>
  );
}
