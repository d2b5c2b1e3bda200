import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { notFound } from "~/auth/guard.server";
import { isDomainError } from "~/domain/errors";
import { useDates } from "~/time/use-dates";
import { LineChart, type LineGeometry } from "~/monitoring/charts";
import { trendChart } from "~/monitoring/charts.server";
import { COMPONENTS } from "~/monitoring/enthusiasm";
import { exportPath } from "~/monitoring/export.server";
import { EVIDENCE_INVOICE_KEY, EVIDENCE_SESSION_KEY, evidenceInvoicePage, evidenceSessionPage, partnerEvidence } from "~/monitoring/partners.server";
import { Pager } from "~/components/pager";
import { pageRequestOf } from "~/paging/request.server";
import { monitoringRequest, type MonitoringRequest } from "~/monitoring/request.server";
import { queryOf, ExportLinks, type FilterState } from "~/monitoring/ui";

/** The invoice list pages with its own cursor parameters, so the two lists page independently (decision 122). */
const INVOICE_PAGE_PARAMS = { next: "invoicesAfter", previous: "invoicesBefore" };

async function load(m: MonitoringRequest, partnerId: string) {
  try {
    const [evidence, sessions, invoices] = await Promise.all([
      partnerEvidence(m.scope, partnerId),
      evidenceSessionPage(m.scope, partnerId, pageRequestOf(m.url.searchParams, EVIDENCE_SESSION_KEY)),
      evidenceInvoicePage(m.scope, partnerId, pageRequestOf(m.url.searchParams, EVIDENCE_INVOICE_KEY, INVOICE_PAGE_PARAMS)),
    ]);
    return { evidence, sessions, invoices };
  } catch (error) {
    if (isDomainError(error)) throw notFound();
    throw error;
  }
}

/** One partner's enthusiasm evidence: the records behind each component, and why it is (not) passive. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const m = await monitoringRequest(request);
  if (m.format) throw redirect(exportPath("partner", m.url, { partnerId: params.partnerId ?? "" }));
  const { evidence, sessions, invoices } = await load(m, params.partnerId ?? "");
  const f = m.scope.filters;
  const filters: FilterState = { fromKey: f.fromKey, toKey: f.toKey, kecamatanId: f.kecamatanId, groupType: f.groupType, sector: f.sector, officeId: f.officeId };
  // the session and invoice lists are one page each (by key); the index above them counts every record of the window
  const e = { ...evidence, sessions: sessions.rows, invoices: invoices.rows };
  return json({
    e,
    trend: trendChart(evidence.row.trend),
    sessionPage: { next: sessions.next, previous: sessions.previous },
    invoicePage: { next: invoices.next, previous: invoices.previous },
    filters,
    zone: m.scope.zone,
  });
}

export default function PartnerEvidence() {
  const { t } = useTranslation();
  const { e, trend, sessionPage, invoicePage, filters, zone } = useLoaderData<typeof loader>() as unknown as {
    trend: LineGeometry;
    e: Omit<Awaited<ReturnType<typeof partnerEvidence>>, "sessions" | "invoices"> & {
      sessions: Awaited<ReturnType<typeof evidenceSessionPage>>["rows"];
      invoices: Awaited<ReturnType<typeof evidenceInvoicePage>>["rows"];
    } & Record<string, never>;
    sessionPage: { next: string | null; previous: string | null };
    invoicePage: { next: string | null; previous: string | null };
    filters: FilterState;
    zone: string;
  };
  const { date: fmtDate } = useDates(zone);
  const row = e.row;
  const pct = (v: number | null) => (v === null ? t("monitoring:noData") : `${Math.round(v * 100)} %`);
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/dinas/partners${queryOf(filters)}`}>{t("monitoring:evidence.back")}</Link>
      </p>
      <h1 className="text-2xl font-bold" data-testid="evidence-title">
        {e.partner.displayName}
      </h1>
      <p className="text-lg" data-testid="evidence-index">
        {t("monitoring:partners.index")}: {row.index === null ? t("monitoring:partners.notEnoughData") : row.index}
        {row.rank ? ` · ${t("monitoring:partners.rankOf", { rank: row.rank })}` : ""}
      </p>
      {e.passive ? (
        <p className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800" data-testid="passive-evidence">
          {t("monitoring:evidence.passive", {
            since: fmtDate(e.passive.since),
            lastOrder: e.passive.lastOrder ? fmtDate(e.passive.lastOrder) : t("monitoring:evidence.never"),
            lastCoaching: e.passive.lastCoaching ? fmtDate(e.passive.lastCoaching) : t("monitoring:evidence.never"),
          })}
        </p>
      ) : null}
      <section tabIndex={0} className="card overflow-x-auto">
        <h2 className="text-lg font-semibold">{t("monitoring:evidence.components")}</h2>
        <table className="data-table" data-testid="components-table">
          <tbody>
            {COMPONENTS.map((c) => (
              <tr key={c}>
                <th scope="row">{t(`monitoring:partners.components.${c}`)}</th>
                <td>{pct(row.components[c].score)}</td>
                <td>{t("monitoring:records.count", { count: row.components[c].records })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card space-y-2">
        <h2 className="text-lg font-semibold">{t("monitoring:partners.trend")}</h2>
        <LineChart testId="chart-trend" chart={trend} />
        <table className="data-table">
          <tbody>
            {row.trend.map((p) => (
              <tr key={p.month}>
                <th scope="row">{p.month}</th>
                <td>{p.index === null ? t("monitoring:partners.notEnoughData") : p.index}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section tabIndex={0} className="card overflow-x-auto">
        <h2 className="text-lg font-semibold">{t("monitoring:evidence.sessions")}</h2>
        <table className="data-table" data-testid="sessions-table">
          <thead>
            <tr>
              <th>{t("monitoring:evidence.topic")}</th>
              <th>{t("monitoring:columns.status")}</th>
              <th>{t("monitoring:evidence.due")}</th>
              <th className="hidden sm:table-cell">{t("monitoring:evidence.rating")}</th>
            </tr>
          </thead>
          <tbody>
            {e.sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/coaching/${s.id}`}>{s.topic}</Link>
                  <br />
                  <span className="text-xs text-stone-600">{s.group}</span>
                </td>
                <td>{t(`monitoring:status.${s.status}`)}</td>
                <td>{fmtDate(s.dueDate)}</td>
                <td className="hidden sm:table-cell">{s.rating ?? null}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pager page={sessionPage} testId="evidence-session-pages" />
      </section>
      <section tabIndex={0} className="card overflow-x-auto">
        <h2 className="text-lg font-semibold">{t("monitoring:evidence.mous")}</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th>{t("monitoring:evidence.mou")}</th>
              <th>{t("monitoring:evidence.expected")}</th>
              <th>{t("monitoring:evidence.ordered")}</th>
            </tr>
          </thead>
          <tbody>
            {e.mous.map((x) => (
              <tr key={x.id}>
                <td>
                  <Link to={`/mou/${x.id}`}>{x.number}</Link>
                </td>
                <td>{x.expected}</td>
                <td>{x.ordered}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section tabIndex={0} className="card overflow-x-auto">
        <h2 className="text-lg font-semibold">{t("monitoring:evidence.invoices")}</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th>{t("monitoring:evidence.invoice")}</th>
              <th>{t("monitoring:evidence.due")}</th>
              <th>{t("monitoring:evidence.paid")}</th>
            </tr>
          </thead>
          <tbody>
            {e.invoices.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`/invoices/${i.id}`}>{i.number}</Link>
                </td>
                <td>{fmtDate(i.dueAt)}</td>
                <td>{i.paidAt ? fmtDate(i.paidAt) : t("monitoring:evidence.unpaid")}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pager page={invoicePage} names={INVOICE_PAGE_PARAMS} testId="evidence-invoice-pages" />
      </section>
      <ExportLinks filters={filters} path="" />
    </div>
  );
}
