import { useTranslation } from "~/i18n/react";

const TONES: Record<string, string> = {
  PENDING: "bg-amber-100 text-amber-900",
  VERIFIED: "bg-green-100 text-green-800",
  REJECTED: "bg-red-100 text-red-800",
};

/** A coloured status label; the text comes from `enums:<kind>.<status>`. */
export function StatusBadge({ kind, status, tones = TONES }: { kind: string; status: string; tones?: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${tones[status] ?? "bg-stone-100 text-stone-700"}`} data-status={status}>
      {t(`enums:${kind}.${status}`)}
    </span>
  );
}
