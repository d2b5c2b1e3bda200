import { useTranslation } from "~/i18n/react";
import { Field, SelectField, SummaryForm, TextAreaField, type ActionErrors } from "~/components/form";
import { toDateInputValue } from "~/i18n/format";
import { FREQUENCIES, UNITS } from "./schemas";
import { ErrorLine, useCategoryName } from "./ui";

/** The demand form (new and edit pages; split from ui.tsx so list pages do not load it). */
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
