
import { useTranslation } from "~/i18n/react";
import { type ActionErrors, Field, FormMessage, SelectField, SummaryForm, TextAreaField, useTranslateError } from "~/components/form";
import { useDates } from "~/time/use-dates";
import { ProductPhoto } from "./photo";

const UNITS = ["PCS", "BOX", "PACK", "KG", "LITER", "SERVICE"];
const CERTS = ["PIRT", "HALAL", "DINKES", "OWN_BRAND"];
const MAX_PHOTOS = 5;

export type ProductFormDefaults = {
  name?: string;
  categoryId?: string;
  description?: string;
  unit?: string;
  priceRupiah?: number;
  minOrderQty?: number;
  weeklyCapacity?: number;
  leadTimeDays?: number;
  deliveryAreaIds?: string[];
  certifications?: { kind: string; number: string; expiresAt: string | null }[];
  photos?: { id: string; fileKey: string; width: number; height: number }[];
};

/** The product form (create and edit). Multipart, so it works without JavaScript, photos included. */
export function ProductForm({
  defaults = {},
  categories,
  kecamatans,
  locale,
  data,
  submitLabel,
  now,
}: {
  defaults?: ProductFormDefaults;
  categories: { id: string; nameId: string; nameEn: string }[];
  kecamatans: { id: string; name: string }[];
  locale: string;
  data?: ActionErrors;
  submitLabel: string;
  now: string;
}) {
  const { dateInput: fmtDateInput } = useDates(); // the group's own office (the form is the group's)
  const { t } = useTranslation();
  const translate = useTranslateError();
  const typedAreas = data?.values?.["deliveryAreaIds[]"];
  const areas = typedAreas !== undefined ? (Array.isArray(typedAreas) ? typedAreas : [typedAreas]) : data?.values ? [] : (defaults.deliveryAreaIds ?? []);
  const photos = defaults.photos ?? [];
  const photoError = data?.errors?.photos;
  const cert = (kind: string) => defaults.certifications?.find((c) => c.kind === kind);
  return (
    <SummaryForm method="post" encType="multipart/form-data" className="card space-y-4" data-testid="product-form">
      <FormMessage data={data} />
      <Field name="name" label={t("catalog:fields.name")} defaultValue={defaults.name} data={data} required />
      <SelectField
        name="categoryId"
        label={t("catalog:fields.category")}
        defaultValue={defaults.categoryId}
        placeholder={t("common:choose")}
        options={categories.map((c) => ({ value: c.id, label: locale === "en" ? c.nameEn : c.nameId }))}
        data={data}
        required
      />
      <TextAreaField name="description" label={t("catalog:fields.description")} defaultValue={defaults.description} data={data} rows={4} required />
      <div className="grid grid-cols-2 gap-3">
        <Field name="priceRupiah" label={t("catalog:fields.priceRupiah")} inputMode="numeric" defaultValue={defaults.priceRupiah} data={data} required />
        <SelectField name="unit" label={t("catalog:fields.unit")} defaultValue={defaults.unit ?? "PCS"} options={UNITS.map((u) => ({ value: u, label: t(`catalog:unit.${u}`) }))} data={data} />
        <Field name="minOrderQty" label={t("catalog:fields.minOrderQty")} inputMode="numeric" defaultValue={defaults.minOrderQty ?? 1} data={data} />
        <Field name="weeklyCapacity" label={t("catalog:fields.weeklyCapacity")} inputMode="numeric" defaultValue={defaults.weeklyCapacity} data={data} required />
        <Field name="leadTimeDays" label={t("catalog:fields.leadTimeDays")} inputMode="numeric" defaultValue={defaults.leadTimeDays ?? 1} data={data} />
      </div>
      <fieldset>
        <legend className="label">{t("catalog:fields.deliveryAreas")}</legend>
        <div className="flex flex-wrap gap-3">
          {kecamatans.map((k) => (
            <label key={k.id} className="flex min-h-11 items-center gap-2 text-sm">
              <input type="checkbox" name="deliveryAreaIds[]" value={k.id} defaultChecked={areas.includes(k.id)} className="h-5 w-5" />
              {k.name}
            </label>
          ))}
        </div>
        {data?.errors?.deliveryAreaIds ? <p className="field-error">{translate(data.errors.deliveryAreaIds)}</p> : null}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="label">{t("catalog:fields.certifications")}</legend>
        <p className="text-xs text-stone-500">{t("catalog:form.certHint")}</p>
        {data?.errors?.certifications ? <p className="field-error">{translate(data.errors.certifications)}</p> : null}
        {CERTS.map((kind) => {
          const c = cert(kind);
          const expired = !!c?.expiresAt && new Date(c.expiresAt) <= new Date(now);
          return (
            <div key={kind} className="grid grid-cols-[1fr_10rem] gap-2 rounded-lg border border-stone-200 p-2">
              <Field name={`certNumber_${kind}`} label={t(`catalog:certKind.${kind}`)} defaultValue={c?.number} data={data} />
              <Field name={`certExpiry_${kind}`} type="date" label={t("catalog:fields.expiresAt")} defaultValue={c?.expiresAt ? fmtDateInput(c.expiresAt) : ""} data={data} />
              {expired ? (
                <p className="col-span-2 text-sm text-red-700" data-testid={`cert-expired-${kind}`}>
                  {t("catalog:cert.expiredRenew")}
                </p>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="label">{t("catalog:fields.photos", { max: MAX_PHOTOS })}</legend>
        {photos.length ? (
          <ul className="grid grid-cols-3 gap-2 sm:grid-cols-5">
            {photos.map((p, i) => (
              <li key={p.id} className="space-y-1">
                <ProductPhoto photo={p} alt={t("catalog:public.photoN", { n: i + 1, name: defaults.name ?? "" })} className="aspect-square rounded-lg" />
                <label className="flex items-center gap-1 text-xs">
                  <input type="checkbox" name="removePhotoIds[]" value={p.id} className="h-4 w-4" />
                  {t("catalog:form.removePhoto")}
                </label>
              </li>
            ))}
          </ul>
        ) : null}
        <label htmlFor="f-photos" className="sr-only">
          {t("catalog:form.addPhotos")}
        </label>
        <input
          id="f-photos"
          name="photos"
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp"
          className="block w-full text-sm"
          aria-invalid={photoError ? true : undefined}
          aria-describedby={photoError ? "f-photos-error" : "f-photos-hint"}
        />
        {photoError ? (
          <p id="f-photos-error" className="field-error" role="alert">
            {translate(photoError)}
          </p>
        ) : (
          <p id="f-photos-hint" className="text-xs text-stone-500">
            {t("catalog:form.photoHint", { max: MAX_PHOTOS })}
          </p>
        )}
      </fieldset>
      <button type="submit" name="intent" value="save" className="btn-primary w-full sm:w-auto">
        {submitLabel}
      </button>
    </SummaryForm>
  );
}
