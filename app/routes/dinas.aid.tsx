import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { aidFormOptions, aidRecords, aidReturns, recordAid } from "~/aid/aid.server";
import { AID_KINDS, AID_SOURCES, AidFormSchema, aidInputOf, ITEM_ROWS } from "~/aid/schema";
import { forbidden } from "~/auth/guard.server";
import { Field, FormMessage, Notice, SelectField, SummaryForm } from "~/components/form";
import { isDomainError } from "~/domain/errors";
import { formError, formRefusal, formValues, parseForm } from "~/forms/parse.server";
import { z } from "~/forms/validation";
import { formatRupiah } from "~/i18n/format";
import { useDates } from "~/time/use-dates";
import { exportPath } from "~/monitoring/export.server";
import { GROUP_TYPES } from "~/monitoring/filters";
import { monitoringRequest, statusOf } from "~/monitoring/request.server";

export const meta: MetaFunction = () => [{ title: "Bermitra" }];

export const AidQuerySchema = /* @__PURE__ */ (() => z.object({
  kind: z.preprocess((v) => (v === "" ? undefined : v), z.enum(AID_KINDS).optional()),
  source: z.preprocess((v) => (v === "" ? undefined : v), z.enum(AID_SOURCES).optional()),
}))();

/** Programme aid per group against the revenue earned since (issue 12, decision 085). */
export async function loader({ request }: LoaderFunctionArgs) {
  const m = await monitoringRequest(request);
  if (m.format) throw redirect(exportPath("aid", m.url));
  const parsed = AidQuerySchema.safeParse(Object.fromEntries(m.url.searchParams));
  const errors = { ...m.errors };
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  const filter = parsed.success ? parsed.data : {};
  const [returns, records, options] = await Promise.all([aidReturns(m.scope, filter), aidRecords(m.scope, filter), aidFormOptions(m.scope)]);
  const f = m.scope.filters;
  return json(
    {
      zone: m.scope.zone,
      returns,
      records: records.slice(0, 50),
      recordCount: records.length,
      options,
      kecamatans: m.scope.kecamatans,
      filters: { kind: filter.kind ?? "", source: filter.source ?? "", kecamatanId: f.kecamatanId ?? "", groupType: f.groupType ?? "" },
      errors,
    },
    { status: Object.keys(errors).length ? 400 : statusOf(m) },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const m = await monitoringRequest(request);
  const formData = await request.formData();
  const parsed = parseForm(AidFormSchema, formData);
  if (!parsed.ok) return formError(parsed);
  try {
    await recordAid(m.viewer, aidInputOf(parsed.data));
  } catch (error) {
    if (isDomainError(error)) {
      if (error.key === "errors:forbidden") throw forbidden();
      return formRefusal(error.key, formValues(formData) as Record<string, string>, error.field);
    }
    throw error;
  }
  return redirect("/dinas/aid?done=recorded");
}

export default function Aid() {
  const { t } = useTranslation();
  const { returns, records, recordCount, options, kecamatans, filters, zone } = useLoaderData<typeof loader>();
  const { date: fmtDate } = useDates(zone);
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const exportQuery = (format: string) => {
    const p = new URLSearchParams(params);
    p.delete("done");
    p.set("format", format);
    return `?${p.toString()}`;
  };
  const pct = (v: number | null) => (v === null ? t("aid:noValue") : `${String(v).replace(".", ",")} %`);
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/dinas/monitoring">{t("monitoring:overview.title")}</Link> · <Link to="/dinas/warnings">{t("warnings:nav")}</Link>
      </p>
      <h1 className="text-2xl font-bold">{t("aid:title")}</h1>
      <p className="text-sm text-stone-600">{t("aid:intro")}</p>
      {params.get("done") === "recorded" ? <Notice tone="success">{t("aid:recorded")}</Notice> : null}

      <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-5" data-testid="aid-filters">
        <div>
          <label htmlFor="af-kind" className="label">
            {t("aid:fields.kind")}
          </label>
          <select id="af-kind" name="kind" className="input" defaultValue={filters.kind}>
            <option value="">{t("aid:all")}</option>
            {AID_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`aid:kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="af-source" className="label">
            {t("aid:fields.source")}
          </label>
          <select id="af-source" name="source" className="input" defaultValue={filters.source}>
            <option value="">{t("aid:all")}</option>
            {AID_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`aid:sources.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="af-kecamatan" className="label">
            {t("aid:columns.kecamatan")}
          </label>
          <select id="af-kecamatan" name="kecamatanId" className="input" defaultValue={filters.kecamatanId}>
            <option value="">{t("aid:all")}</option>
            {kecamatans.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="af-type" className="label">
            {t("aid:columns.type")}
          </label>
          <select id="af-type" name="groupType" className="input" defaultValue={filters.groupType}>
            <option value="">{t("aid:all")}</option>
            {GROUP_TYPES.map((g) => (
              <option key={g} value={g}>
                {t(`enums:groupType.${g}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end">
          <button type="submit" className="btn-primary w-full">
            {t("aid:apply")}
          </button>
        </div>
      </Form>

      <section className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="aid-totals">
        <div className="card">
          <p className="text-xl font-bold text-brand-700" data-testid="aid-total">
            {formatRupiah(returns.totals.totalAid)}
          </p>
          <p className="text-sm">{t("aid:totals.aid", { count: returns.totals.groups })}</p>
        </div>
        {AID_KINDS.map((k) => (
          <div key={k} className="card">
            <p className="text-xl font-bold text-brand-700" data-testid={`aid-total-${k}`}>
              {formatRupiah(returns.totals.byKind[k])}
            </p>
            <p className="text-sm">{t(`aid:kinds.${k}`)}</p>
          </div>
        ))}
        <div className="card">
          <p className="text-xl font-bold text-brand-700" data-testid="aid-revenue">
            {formatRupiah(returns.totals.revenueSince)}
          </p>
          <p className="text-sm">{t("aid:totals.revenue")}</p>
        </div>
        <div className="card">
          <p className="text-xl font-bold text-brand-700" data-testid="aid-return">
            {pct(returns.totals.returnPercent)}
          </p>
          <p className="text-sm">{t("aid:totals.return")}</p>
        </div>
      </section>

      <p className="flex flex-wrap gap-3 text-sm" data-testid="export-aid">
        <span className="text-stone-600">{t("aid:export.label")}</span>
        <Link to={exportQuery("csv")} reloadDocument>
          {t("aid:export.csv")}
        </Link>
        <Link to={exportQuery("xlsx")} reloadDocument>
          {t("aid:export.xlsx")}
        </Link>
      </p>

      <section className="card overflow-x-auto p-0">
        <h2 className="p-3 text-lg font-semibold">{t("aid:returnsTitle")}</h2>
        <p className="px-3 text-xs text-stone-600">{t("aid:returnHint")}</p>
        <table className="data-table" data-testid="aid-returns">
          <thead>
            <tr>
              <th>{t("aid:columns.group")}</th>
              <th className="hidden sm:table-cell">{t("aid:columns.kecamatan")}</th>
              <th>{t("aid:columns.totalAid")}</th>
              <th className="hidden sm:table-cell">{t("aid:columns.firstAid")}</th>
              <th>{t("aid:columns.revenueSince")}</th>
              <th>{t("aid:columns.return")}</th>
            </tr>
          </thead>
          <tbody>
            {returns.rows.map((r) => (
              <tr key={r.groupId} data-testid="aid-return-row">
                <td>
                  <Link to={`/groups/${r.groupId}`}>{r.name}</Link>
                  <br />
                  <span className="text-xs text-stone-600">{AID_KINDS.filter((k) => r.byKind[k] > 0).map((k) => `${t(`aid:kinds.${k}`)} ${formatRupiah(r.byKind[k])}`).join(" · ")}</span>
                </td>
                <td className="hidden sm:table-cell">{r.kecamatan}</td>
                <td>{formatRupiah(r.totalAid)}</td>
                <td className="hidden sm:table-cell">{fmtDate(r.firstAidOn)}</td>
                <td>{formatRupiah(r.revenueSince)}</td>
                <td>{pct(r.returnPercent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card overflow-x-auto p-0">
        <h2 className="p-3 text-lg font-semibold">{t("aid:recordsTitle", { count: recordCount })}</h2>
        <table className="data-table" data-testid="aid-records">
          <thead>
            <tr>
              <th>{t("aid:fields.receivedOn")}</th>
              <th>{t("aid:columns.group")}</th>
              <th>{t("aid:fields.kind")}</th>
              <th className="hidden sm:table-cell">{t("aid:fields.source")}</th>
              <th>{t("aid:columns.value")}</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={r.id}>
                <td>{fmtDate(r.receivedOn)}</td>
                <td>
                  {r.groupName}
                  <br />
                  <span className="text-xs text-stone-600">
                    {r.description}
                    {r.items.length ? ` (${r.items.map((i) => `${i.quantity} × ${i.name}`).join(", ")})` : ""}
                  </span>
                </td>
                <td>{t(`aid:kinds.${r.kind}`)}</td>
                <td className="hidden sm:table-cell">{r.partnerName ? `${t(`aid:sources.${r.source}`)} · ${r.partnerName}` : t(`aid:sources.${r.source}`)}</td>
                <td>{formatRupiah(r.valueRupiah)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card space-y-3" id="record">
        <h2 className="text-lg font-semibold">{t("aid:form.title")}</h2>
        <p className="text-sm text-stone-600">{t("aid:form.intro")}</p>
        <SummaryForm method="post" className="space-y-3" data-testid="aid-form">
          <FormMessage data={data} />
          <input type="hidden" name="intent" value="record" />
          <SelectField name="groupId" label={t("aid:fields.group")} data={data} placeholder={t("aid:form.choose")} options={options.groups.map((g) => ({ value: g.id, label: g.name }))} />
          <div className="grid gap-3 sm:grid-cols-3">
            <SelectField name="kind" label={t("aid:fields.kind")} data={data} options={AID_KINDS.map((k) => ({ value: k, label: t(`aid:kinds.${k}`) }))} />
            <SelectField name="source" label={t("aid:fields.source")} data={data} options={AID_SOURCES.map((s) => ({ value: s, label: t(`aid:sources.${s}`) }))} />
            <Field name="receivedOn" type="date" label={t("aid:fields.receivedOn")} data={data} />
          </div>
          <SelectField name="partnerId" label={t("aid:fields.partner")} data={data} placeholder={t("aid:form.noPartner")} options={options.partners.map((p) => ({ value: p.id, label: p.displayName }))} />
          <Field name="description" label={t("aid:fields.description")} data={data} hint={t("aid:form.descriptionHint")} />
          <Field name="valueRupiah" inputMode="numeric" label={t("aid:fields.value")} data={data} hint={t("aid:form.valueHint")} />
          <fieldset className="space-y-2">
            <legend className="label">{t("aid:form.items")}</legend>
            <p className="text-xs text-stone-600">{t("aid:form.itemsHint")}</p>
            {Array.from({ length: ITEM_ROWS }, (_, i) => (
              <div key={i} className="grid gap-2 sm:grid-cols-3">
                <Field name={`item${i}Name`} label={t("aid:fields.itemName", { n: i + 1 })} data={data} />
                <Field name={`item${i}Quantity`} inputMode="numeric" label={t("aid:fields.itemQuantity", { n: i + 1 })} data={data} />
                <Field name={`item${i}Value`} inputMode="numeric" label={t("aid:fields.itemValue", { n: i + 1 })} data={data} />
              </div>
            ))}
          </fieldset>
          <button type="submit" className="btn-primary">
            {t("aid:form.submit")}
          </button>
        </SummaryForm>
      </section>
    </div>
  );
}
