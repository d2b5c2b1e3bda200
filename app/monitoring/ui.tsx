import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { useTranslateError } from "~/components/form";
import { filterQuery, GROUP_TYPES, PARTNER_SECTORS } from "./filters";

export type FilterState = {
  fromKey: string;
  toKey: string;
  kecamatanId: string | null;
  groupType: string | null;
  sector: string | null;
  officeId: string | null;
};

export type FilterOptions = { kecamatans: { id: string; name: string }[]; offices: { id: string; name: string }[] };

/** The query-string form of the active filters (for links and exports). */
export function queryOf(f: FilterState, extra: Record<string, string> = {}): string {
  return filterQuery({ from: f.fromKey, to: f.toKey, kecamatanId: f.kecamatanId, groupType: f.groupType, sector: f.sector, officeId: f.officeId }, extra);
}

/** Filters as a plain GET form: works without JavaScript, and the URL can be shared. */
export function MonitoringFilters({ filters, options, errors, showSector = true }: { filters: FilterState; options: FilterOptions; errors: Record<string, string>; showSector?: boolean }) {
  const { t } = useTranslation();
  const translate = useTranslateError();
  const err = (name: string) =>
    errors[name] ? (
      <p id={`mf-${name}-error`} className="field-error" role="alert">
        {translate(errors[name])}
      </p>
    ) : null;
  return (
    <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="monitoring-filters">
      <div>
        <label htmlFor="mf-from" className="label">
          {t("monitoring:filters.from")}
        </label>
        <input id="mf-from" name="from" type="date" className="input" defaultValue={filters.fromKey} aria-invalid={errors.from ? true : undefined} />
        {err("from")}
      </div>
      <div>
        <label htmlFor="mf-to" className="label">
          {t("monitoring:filters.to")}
        </label>
        <input id="mf-to" name="to" type="date" className="input" defaultValue={filters.toKey} aria-invalid={errors.to ? true : undefined} />
        {err("to")}
      </div>
      {options.offices.length > 1 ? (
        <div>
          <label htmlFor="mf-office" className="label">
            {t("monitoring:filters.office")}
          </label>
          <select id="mf-office" name="officeId" className="input" defaultValue={filters.officeId ?? ""}>
            <option value="">{t("monitoring:filters.all")}</option>
            {options.offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          {err("officeId")}
        </div>
      ) : null}
      <div>
        <label htmlFor="mf-kecamatan" className="label">
          {t("monitoring:filters.kecamatan")}
        </label>
        <select id="mf-kecamatan" name="kecamatanId" className="input" defaultValue={filters.kecamatanId ?? ""}>
          <option value="">{t("monitoring:filters.all")}</option>
          {options.kecamatans.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name}
            </option>
          ))}
        </select>
        {err("kecamatanId")}
      </div>
      <div>
        <label htmlFor="mf-type" className="label">
          {t("monitoring:filters.groupType")}
        </label>
        <select id="mf-type" name="groupType" className="input" defaultValue={filters.groupType ?? ""}>
          <option value="">{t("monitoring:filters.all")}</option>
          {GROUP_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
        {err("groupType")}
      </div>
      {showSector ? (
        <div>
          <label htmlFor="mf-sector" className="label">
            {t("monitoring:filters.sector")}
          </label>
          <select id="mf-sector" name="sector" className="input" defaultValue={filters.sector ?? ""}>
            <option value="">{t("monitoring:filters.all")}</option>
            {PARTNER_SECTORS.map((s) => (
              <option key={s} value={s}>
                {t(`enums:sector.${s}`)}
              </option>
            ))}
          </select>
          {err("sector")}
        </div>
      ) : null}
      <div className="flex items-end">
        <button type="submit" className="btn-primary w-full">
          {t("monitoring:filters.apply")}
        </button>
      </div>
    </Form>
  );
}

/** "CSV · XLSX" download links for a table, keeping the filters. */
export function ExportLinks({ filters, table, path = "", params = {} }: { filters: FilterState; table?: string; path?: string; params?: Record<string, string> }) {
  const { t } = useTranslation();
  const extra = table ? { ...params, table } : params;
  return (
    <p className="flex gap-3 text-sm" data-testid={`export-${table ?? "all"}`}>
      <span className="text-stone-600">{t("monitoring:export.label")}</span>
      <Link to={`${path}${queryOf(filters, { ...extra, format: "csv" })}`} reloadDocument>
        {t("monitoring:export.csv")}
      </Link>
      <Link to={`${path}${queryOf(filters, { ...extra, format: "xlsx" })}`} reloadDocument>
        {t("monitoring:export.xlsx")}
      </Link>
    </p>
  );
}
