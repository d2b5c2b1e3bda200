import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { notFound } from "~/auth/guard.server";
import { FormMessage, Notice, SummaryForm, TextAreaField, useTranslateError } from "~/components/form";
import { isDomainError } from "~/domain/errors";
import { formError, formRefusal, parseForm } from "~/forms/parse.server";
import { formText, z } from "~/forms/validation";
import { useDates } from "~/time/use-dates";
import { exportPath } from "~/monitoring/export.server";
import { GROUP_TYPES, PARTNER_SECTORS } from "~/monitoring/filters";
import { monitoringRequest, statusOf } from "~/monitoring/request.server";
import { WARNING_RULES, WARNING_STATES } from "~/monitoring/warnings";
import { filterWarnings, followUpWarning, loadWarnings, openCounts } from "~/monitoring/warnings.server";
import { warningDetail } from "~/monitoring/warnings-text";

export const meta: MetaFunction = () => [{ title: "Bermitra" }];

/** The page's own query (besides the monitoring filters): which rule, open or followed up, which warning to follow up. */
export const WarningQuerySchema = /* @__PURE__ */ (() => z.object({
  rule: z.preprocess((v) => (v === "" ? undefined : v), z.enum(WARNING_RULES).optional()),
  state: z.preprocess((v) => (v === "" ? undefined : v), z.enum(WARNING_STATES).optional()),
  key: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(300).optional()),
}))();

/** Early warnings of the viewer's office (issue 12, decision 084). */
export async function loader({ request }: LoaderFunctionArgs) {
  const m = await monitoringRequest(request);
  if (m.format) throw redirect(exportPath("warnings", m.url));
  const parsed = WarningQuerySchema.safeParse(Object.fromEntries(m.url.searchParams));
  const errors = { ...m.errors };
  const query = parsed.success ? parsed.data : {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  const rows = await loadWarnings(m.scope);
  const selected = query.key ? rows.find((w) => w.key === query.key) : undefined;
  if (query.key && !selected) throw notFound();
  const f = m.scope.filters;
  return json(
    {
      now: m.scope.now.toISOString(),
      zone: m.scope.zone,
      warnings: filterWarnings(rows, query),
      counts: openCounts(rows),
      selected: selected ?? null,
      filters: { rule: query.rule ?? "", state: query.state ?? "open", kecamatanId: f.kecamatanId ?? "", groupType: f.groupType ?? "", sector: f.sector ?? "" },
      kecamatans: m.scope.kecamatans,
      errors,
    },
    { status: Object.keys(errors).length ? 400 : statusOf(m) },
  );
}

const FollowUpSchema = /* @__PURE__ */ (() => z.object({
  intent: z.enum(["followUp"]),
  key: z.string().min(1).max(300),
  note: formText(1000).pipe(z.string().min(3)),
}))();

export async function action({ request }: ActionFunctionArgs) {
  const m = await monitoringRequest(request);
  const parsed = parseForm(FollowUpSchema, await request.formData());
  if (!parsed.ok) return formError(parsed);
  const { key, note } = parsed.data;
  try {
    await followUpWarning(m.viewer, m.scope, key, note);
  } catch (error) {
    if (isDomainError(error)) {
      if (error.key === "errors:notFound" || error.key === "errors:forbidden") throw notFound();
      return formRefusal(error.key, { key, note }, error.field);
    }
    throw error;
  }
  return redirect("/dinas/warnings?done=followUp");
}

export default function Warnings() {
  const { t } = useTranslation();
  const translate = useTranslateError();
  const { warnings, counts, selected, filters, kecamatans, now, errors, zone } = useLoaderData<typeof loader>();
  const { date: fmtDate, dateTime: fmtDateTime } = useDates(zone);
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const query = (extra: Record<string, string>) => {
    const p = new URLSearchParams(params);
    p.delete("key");
    p.delete("done");
    for (const [k, v] of Object.entries(extra)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    const s = p.toString();
    return s ? `?${s}` : "";
  };
  const totalOpen = Object.values(counts).reduce((s, n) => s + n, 0);
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/dinas/monitoring">{t("monitoring:overview.title")}</Link> · <Link to="/dinas/partners">{t("monitoring:nav.partners")}</Link> ·{" "}
        <Link to="/dinas/aid">{t("aid:nav")}</Link>
      </p>
      <h1 className="text-2xl font-bold">{t("warnings:title")}</h1>
      <p className="text-sm text-stone-600">{t("warnings:intro", { date: fmtDate(now) })}</p>
      {params.get("done") === "followUp" ? <Notice tone="success">{t("warnings:followUp.done")}</Notice> : null}

      {selected ? (
        <section id="follow-up" className="card space-y-3 border-2 border-amber-300" data-testid="follow-up">
          <h2 className="text-lg font-semibold">{t("warnings:followUp.title")}</h2>
          <p className="font-semibold">
            {t(`warnings:rules.${selected.rule}`)}: {selected.title}
          </p>
          <p className="text-sm">{warningDetail(t, selected)}</p>
          <p className="text-sm">
            <Link to={selected.href}>{t("warnings:evidence")}</Link>
          </p>
          {selected.followUp ? (
            <Notice tone="info">{t("warnings:followedUpNote", { date: fmtDateTime(selected.followUp.at), by: selected.followUp.by, note: selected.followUp.note })}</Notice>
          ) : (
            <SummaryForm method="post" className="space-y-3">
              <FormMessage data={data} />
              <input type="hidden" name="intent" value="followUp" />
              <input type="hidden" name="key" value={selected.key} />
              <TextAreaField name="note" label={t("warnings:followUp.note")} hint={t("warnings:followUp.noteHint")} data={data} rows={3} />
              <div className="flex flex-wrap gap-3">
                <button type="submit" className="btn-primary">
                  {t("warnings:followUp.submit")}
                </button>
                <Link to={`/dinas/warnings${query({})}`} className="btn-secondary">
                  {t("warnings:followUp.cancel")}
                </Link>
              </div>
            </SummaryForm>
          )}
        </section>
      ) : null}

      <nav className="flex flex-wrap gap-2 text-sm" aria-label={t("warnings:filters.rule")} data-testid="rule-tabs">
        <Link to={`/dinas/warnings${query({ rule: "" })}`} className={`badge ${filters.rule ? "bg-stone-100" : "bg-brand-100 font-semibold"}`}>
          {t("warnings:filters.allRules")} ({totalOpen})
        </Link>
        {WARNING_RULES.map((rule) => (
          <Link key={rule} to={`/dinas/warnings${query({ rule })}`} className={`badge ${filters.rule === rule ? "bg-brand-100 font-semibold" : "bg-stone-100"}`} data-testid={`tab-${rule}`}>
            {t(`warnings:rules.${rule}`)} ({counts[rule]})
          </Link>
        ))}
      </nav>

      <Form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="warning-filters">
        <div>
          <label htmlFor="wf-state" className="label">
            {t("warnings:filters.state")}
          </label>
          <select id="wf-state" name="state" className="input" defaultValue={filters.state}>
            {WARNING_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`warnings:states.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="wf-rule" className="label">
            {t("warnings:filters.rule")}
          </label>
          <select id="wf-rule" name="rule" className="input" defaultValue={filters.rule}>
            <option value="">{t("warnings:filters.allRules")}</option>
            {WARNING_RULES.map((r) => (
              <option key={r} value={r}>
                {t(`warnings:rules.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="wf-kecamatan" className="label">
            {t("warnings:filters.kecamatan")}
          </label>
          <select id="wf-kecamatan" name="kecamatanId" className="input" defaultValue={filters.kecamatanId}>
            <option value="">{t("warnings:filters.all")}</option>
            {kecamatans.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </select>
          {errors.kecamatanId ? (
            <p id="wf-kecamatanId-error" className="field-error" role="alert">
              {translate(errors.kecamatanId)}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="wf-type" className="label">
            {t("warnings:filters.groupType")}
          </label>
          <select id="wf-type" name="groupType" className="input" defaultValue={filters.groupType}>
            <option value="">{t("warnings:filters.all")}</option>
            {GROUP_TYPES.map((g) => (
              <option key={g} value={g}>
                {t(`enums:groupType.${g}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="wf-sector" className="label">
            {t("warnings:filters.sector")}
          </label>
          <select id="wf-sector" name="sector" className="input" defaultValue={filters.sector}>
            <option value="">{t("warnings:filters.all")}</option>
            {PARTNER_SECTORS.map((s) => (
              <option key={s} value={s}>
                {t(`enums:sector.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end">
          <button type="submit" className="btn-primary w-full">
            {t("warnings:filters.apply")}
          </button>
        </div>
      </Form>

      <p className="flex flex-wrap gap-3 text-sm" data-testid="export-warnings">
        <span className="text-stone-600">{t("warnings:export.label")}</span>
        <Link to={`/dinas/warnings${query({ format: "csv" })}`} reloadDocument>
          {t("warnings:export.csv")}
        </Link>
        <Link to={`/dinas/warnings${query({ format: "xlsx" })}`} reloadDocument>
          {t("warnings:export.xlsx")}
        </Link>
      </p>

      <p className="text-sm text-stone-600" data-testid="warning-count">
        {t("warnings:count", { count: warnings.length })}
      </p>
      {warnings.length === 0 ? <p className="card text-sm text-stone-600">{t("warnings:empty")}</p> : null}
      <ul className="space-y-2" data-testid="warning-list">
        {warnings.map((w) => (
          <li key={w.key} className="card space-y-1" data-testid="warning" data-rule={w.rule} data-subject={w.subjectId}>
            <p className="text-xs font-semibold uppercase tracking-wide text-amber-800">{t(`warnings:rules.${w.rule}`)}</p>
            <p className="font-semibold">
              <Link to={w.href} data-testid="warning-evidence">
                {w.title}
              </Link>
            </p>
            <p className="text-sm text-stone-700">{warningDetail(t, w)}</p>
            <p className="text-xs text-stone-500">{t(`warnings:ruleHints.${w.rule}`)}</p>
            {w.followUp ? (
              <p className="text-sm text-green-800" data-testid="warning-followed-up">
                {t("warnings:followedUpNote", { date: fmtDateTime(w.followUp.at), by: w.followUp.by, note: w.followUp.note })}
              </p>
            ) : (
              <p className="text-sm">
                <Link to={`/dinas/warnings${query({ key: w.key })}#follow-up`} data-testid="warning-follow-up-link">
                  {t("warnings:markFollowedUp")}
                </Link>
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
