import { useTranslation } from "~/i18n/react";
import { Field, SelectField, SummaryForm, TextAreaField, useTranslateError, type ActionErrors } from "~/components/form";
import { formatRupiah, toDateInputValue } from "~/i18n/format";
import { useDates } from "~/time/use-dates";
import { FREQUENCIES, UNITS } from "./schemas";

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

type DemandView = {
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

export function DemandSummary({ demand }: { demand: DemandView }) {
  const { date: fmtDate } = useDates();
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  const quantityText = useQuantityText();
  const price =
    demand.priceMin != null || demand.priceMax != null
      ? `${demand.priceMin != null ? formatRupiah(demand.priceMin) : "…"} – ${demand.priceMax != null ? formatRupiah(demand.priceMax) : "…"}`
      : t("demands:fields.priceOpen");
  const rows: [string, string][] = [
    [t("demands:fields.category"), categoryName(demand.category)],
    [t("demands:fields.quantity"), quantityText(demand)],
    [t("demands:fields.awarded"), t("demands:awardedOf", { awarded: demand.awardedQuantity, quantity: demand.quantity })],
    [t("demands:fields.specification"), demand.specification],
    [t("demands:fields.qualityRequirements"), demand.qualityRequirements ?? "—"],
    [t("demands:fields.packaging"), demand.packaging ?? "—"],
    [t("demands:fields.deliveryAddress"), `${demand.deliveryAddress}${demand.deliveryKecamatan ? ` (${demand.deliveryKecamatan.name})` : ""}`],
    [t("demands:fields.period"), `${fmtDate(demand.startDate)}${demand.endDate ? ` – ${fmtDate(demand.endDate)}` : ""}`],
    [t("demands:fields.priceRange"), price],
    [t("demands:fields.offerDeadline"), fmtDate(demand.offerDeadline)],
    [t("demands:fields.allowSplit"), demand.allowSplit ? t("demands:yes") : t("demands:no")],
  ];
  if (demand.cancelReason) rows.push([t("demands:fields.cancelReason"), demand.cancelReason]);
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium text-stone-600">{label}</dt>
          <dd className="mb-1 whitespace-pre-line">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type DemandDefaults = Partial<{
  title: string;
  categoryId: string;
  specification: string;
  qualityRequirements: string | null;
  packaging: string | null;
  quantity: number;
  unit: string;
  frequency: string;
  daysOfWeek: string | null;
  deliveryAddress: string;
  deliveryKecamatanId: string | null;
  startDate: string | null;
  endDate: string | null;
  priceMin: number | null;
  priceMax: number | null;
  offerDeadline: string | null;
  allowSplit: boolean;
}>;

export function DemandForm({
  data,
  defaults,
  categories,
  kecamatans,
  isNew,
}: {
  data: ActionErrors;
  defaults: DemandDefaults;
  categories: { id: string; nameId: string; nameEn: string }[];
  kecamatans: { id: string; name: string }[];
  isNew: boolean;
}) {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  const typed = data?.values;
  const typedDays = typed ? ([] as string[]).concat((typed.daysOfWeek ?? typed["daysOfWeek[]"] ?? []) as string[]) : null;
  const days = typedDays ?? (defaults.daysOfWeek ? defaults.daysOfWeek.split(",") : []);
  const allowSplit = typed ? typed.allowSplit === "on" : (defaults.allowSplit ?? true);
  const daysError = data?.errors?.daysOfWeek;
  return (
    <SummaryForm method="post" className="card space-y-4">
      <Field name="title" label={t("demands:fields.title")} defaultValue={defaults.title} data={data} hint={t("demands:hints.title")} required />
      <SelectField
        name="categoryId"
        label={t("demands:fields.category")}
        defaultValue={defaults.categoryId}
        data={data}
        placeholder={t("demands:choose")}
        options={categories.map((c) => ({ value: c.id, label: categoryName(c) }))}
      />
      <TextAreaField name="specification" label={t("demands:fields.specification")} defaultValue={defaults.specification} data={data} rows={3} />
      <TextAreaField name="qualityRequirements" label={t("demands:fields.qualityRequirements")} defaultValue={defaults.qualityRequirements} data={data} rows={2} />
      <Field name="packaging" label={t("demands:fields.packaging")} defaultValue={defaults.packaging} data={data} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field name="quantity" type="number" inputMode="numeric" min={1} label={t("demands:fields.quantityPerPeriod")} defaultValue={defaults.quantity} data={data} />
        <SelectField name="unit" label={t("demands:fields.unit")} defaultValue={defaults.unit ?? "PCS"} data={data} options={UNITS.map((u) => ({ value: u, label: t(`demands:unit.${u}`) }))} />
        <SelectField
          name="frequency"
          label={t("demands:fields.frequency")}
          defaultValue={defaults.frequency ?? "DAILY"}
          data={data}
          options={FREQUENCIES.map((f) => ({ value: f, label: t(`demands:frequency.${f}`) }))}
        />
      </div>
      <fieldset>
        <legend className="label">{t("demands:fields.daysOfWeek")}</legend>
        <p className="mb-1 text-xs text-stone-500">{t("demands:hints.daysOfWeek")}</p>
        <div className="flex flex-wrap gap-3">
          {["1", "2", "3", "4", "5", "6", "7"].map((d) => (
            <label key={d} className="flex items-center gap-1 text-sm">
              <input type="checkbox" name="daysOfWeek" value={d} defaultChecked={days.includes(d)} />
              {t(`demands:weekday.${d}`)}
            </label>
          ))}
        </div>
        {daysError ? <ErrorLine message={daysError} /> : null}
      </fieldset>
      <Field name="deliveryAddress" label={t("demands:fields.deliveryAddress")} defaultValue={defaults.deliveryAddress} data={data} />
      <SelectField
        name="deliveryKecamatanId"
        label={t("demands:fields.deliveryKecamatan")}
        defaultValue={defaults.deliveryKecamatanId}
        data={data}
        placeholder={t("demands:choose")}
        options={kecamatans.map((k) => ({ value: k.id, label: k.name }))}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field name="offerDeadline" type="date" label={t("demands:fields.offerDeadline")} defaultValue={defaults.offerDeadline} data={data} />
        <Field name="startDate" type="date" label={t("demands:fields.startDate")} defaultValue={defaults.startDate} data={data} />
        <Field name="endDate" type="date" label={t("demands:fields.endDate")} defaultValue={defaults.endDate} data={data} hint={t("demands:hints.endDate")} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="priceMin" type="number" inputMode="numeric" min={1} label={t("demands:fields.priceMin")} defaultValue={defaults.priceMin} data={data} />
        <Field name="priceMax" type="number" inputMode="numeric" min={1} label={t("demands:fields.priceMax")} defaultValue={defaults.priceMax} data={data} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="allowSplit" defaultChecked={allowSplit} />
        {t("demands:fields.allowSplitLong")}
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="intent" value="save" className="btn-secondary">
          {isNew ? t("demands:actions.saveDraft") : t("demands:actions.save")}
        </button>
        {isNew ? (
          <button type="submit" name="intent" value="publish" className="btn-primary">
            {t("demands:actions.saveAndPublish")}
          </button>
        ) : null}
      </div>
    </SummaryForm>
  );
}

export function ErrorLine({ message }: { message: string }) {
  const translate = useTranslateError();
  return (
    <p className="field-error" role="alert">
      {translate(message)}
    </p>
  );
}

export function toDemandDefaults(d: {
  title: string;
  categoryId: string;
  specification: string;
  qualityRequirements: string | null;
  packaging: string | null;
  quantity: number;
  unit: string;
  frequency: string;
  daysOfWeek: string | null;
  deliveryAddress: string;
  deliveryKecamatanId: string | null;
  startDate: string;
  endDate: string | null;
  priceMin: number | null;
  priceMax: number | null;
  offerDeadline: string;
  allowSplit: boolean;
}, zone: string): DemandDefaults {
  // the demand's days are its partner's office days (decision 123)
  return {
    ...d,
    startDate: toDateInputValue(d.startDate, zone),
    endDate: d.endDate ? toDateInputValue(d.endDate, zone) : null,
    offerDeadline: toDateInputValue(d.offerDeadline, zone),
  };
}

export type ThreadView = {
  groupId: string;
  groupName: string;
  messages: { id: string; body: string; createdAt: string; authorName: string; authorRole: string }[];
};

/** One group's question thread; `reply` shows a form posting `intent=message` (with the group id). */
export function Thread({ thread, reply, data }: { thread: ThreadView; reply: boolean; data?: ActionErrors }) {
  const { dateTime: fmtDateTime } = useDates();
  const { t } = useTranslation();
  return (
    <div className="space-y-2" data-testid={`thread-${thread.groupId}`}>
      <p className="text-sm font-semibold">{thread.groupName}</p>
      <ul className="space-y-2">
        {thread.messages.map((m) => (
          <li key={m.id} className={`rounded-lg p-2 text-sm ${m.authorRole === "GROUP" || m.authorRole === "FACILITATOR" ? "bg-stone-100" : "bg-sky-50"}`}>
            <p className="whitespace-pre-line">{m.body}</p>
            <p className="mt-1 text-xs text-stone-500">
              {m.authorName} · {t(`roles:${m.authorRole}`)} · {fmtDateTime(m.createdAt)}
            </p>
          </li>
        ))}
      </ul>
      {reply ? <MessageForm groupId={thread.groupId} data={data} label={t("demands:thread.reply")} /> : null}
    </div>
  );
}

export function MessageForm({ groupId, data, label }: { groupId: string; data?: ActionErrors; label: string }) {
  const { t } = useTranslation();
  const sameGroup = data?.values?.groupId === groupId;
  const error = sameGroup ? data?.errors?.body : undefined;
  const id = `body-${groupId}`;
  return (
    <SummaryForm method="post" className="space-y-1">
      <input type="hidden" name="intent" value="message" />
      <input type="hidden" name="groupId" value={groupId} />
      <label htmlFor={id} className="label">
        {label}
      </label>
      <textarea id={id} name="body" rows={2} className="input" defaultValue={sameGroup ? (data?.values?.body as string) : undefined} aria-invalid={error ? true : undefined} />
      {error ? <ErrorLine message={error} /> : null}
      <button type="submit" className="btn-secondary btn-small">
        {t("demands:thread.send")}
      </button>
    </SummaryForm>
  );
}
