import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { BarChart, ChartWithTable } from "~/monitoring/charts";
import { rankingChart } from "~/monitoring/charts.server";
import { COMPONENTS, WEIGHTS } from "~/monitoring/enthusiasm";
import { exportPath } from "~/monitoring/export.server";
import { partnerRanking, rankingPage, type PartnerRankRow } from "~/monitoring/partners.server";
import { formatNumber } from "~/i18n/format";
import { pageHref } from "~/paging/page-href";
import { monitoringRequest, statusOf, type MonitoringRequest } from "~/monitoring/request.server";
import { ExportLinks, MonitoringFilters, queryOf, type FilterState } from "~/monitoring/ui";

/** Partners ranked by the enthusiasm index (issue 12), with its formula, components and monthly trend. */
export async function loader({ request }: LoaderFunctionArgs) {
  const m = await monitoringRequest(request);
  if (m.format) throw redirect(exportPath("partners", m.url));
  // the monthly trend for the rows of the page shown only
  const rows = await partnerRanking(m.scope, { trendFor: (ranked) => rankingPage(ranked, m.url.searchParams).rows.map((r) => r.partnerId) });
  return page(m, rows);
}

const PAGE_PARAM = { next: "page", previous: "page" };

function page(m: MonitoringRequest, rows: PartnerRankRow[]) {
  const f = m.scope.filters;
  const filters: FilterState = { fromKey: f.fromKey, toKey: f.toKey, kecamatanId: f.kecamatanId, groupType: f.groupType, sector: f.sector, officeId: f.officeId };
  // the page's rows only (the whole ranking at 2,000 partners is 1.5 MB of data); the chart shows the top 8 of all
  const shown = rankingPage(rows, m.url.searchParams);
  return json(
    {
      rows: shown.rows,
      // the neighbouring pages' links, made here (the query string with only `page` replaced): no pager code in the browser
      // the counts as shown (2.013, not 2013), formatted here: no number formatting in the page's bundle
      paging: { q: shown.q, total: shown.total, shown: { from: formatNumber(shown.from), to: formatNumber(shown.to), total: formatNumber(shown.total) }, next: pageHref(m.url.search, "next", shown.next, PAGE_PARAM), previous: pageHref(m.url.search, "previous", shown.previous, PAGE_PARAM) },
      chart: rankingChart(rows), filters, options: { kecamatans: m.scope.kecamatans, offices: m.scope.offices }, errors: m.errors, weights: WEIGHTS },
    { status: statusOf(m) },
  );
}

export default function DinasPartners() {
  const { t } = useTranslation();
  const { rows, paging, chart, filters, options, errors, weights } = useLoaderData<typeof page>();
  const filterValues: Record<string, string | null> = { from: filters.fromKey, to: filters.toKey, kecamatanId: filters.kecamatanId, groupType: filters.groupType, sector: filters.sector, officeId: filters.officeId };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("monitoring:partners.title")}</h1>
      <MonitoringFilters filters={filters} options={options} errors={errors} />
      <section className="card space-y-1 text-sm" data-testid="formula">
        <h2 className="text-lg font-semibold">{t("monitoring:partners.formulaTitle")}</h2>
        <p>{t("monitoring:partners.formula")}</p>
        <ul className="list-disc pl-5">
          {COMPONENTS.map((c) => (
            <li key={c}>
              {t(`monitoring:partners.components.${c}`)} ({weights[c]}): {t(`monitoring:partners.componentHelp.${c}`)}
            </li>
          ))}
        </ul>
        <p>{t("monitoring:partners.history")}</p>
      </section>
      <ChartWithTable
        title={t("monitoring:partners.ranking")}
        chart={<BarChart testId="chart-ranking" chart={chart} />}
        table={
          <>
            <form method="get" className="flex flex-wrap items-end gap-2" role="search">
              {Object.entries(filterValues).map(([key, value]) => (value ? <input key={key} type="hidden" name={key} value={value} /> : null))}
              <label className="flex flex-col text-sm">
                {t("monitoring:partners.search")}
                <input type="search" name="q" defaultValue={paging.q} maxLength={100} className="input" data-testid="partner-search" />
              </label>
              <button type="submit" className="btn-secondary">
                {t("monitoring:partners.searchButton")}
              </button>
            </form>
            <p className="text-sm text-stone-600" data-testid="ranking-showing">
              {paging.total ? t("monitoring:partners.showing", paging.shown) : t("monitoring:partners.noMatch")}
            </p>
            <table className="data-table" data-testid="ranking-table">
              <thead>
                <tr>
                  <th>{t("monitoring:partners.rank")}</th>
                  <th>{t("monitoring:partners.partner")}</th>
                  <th>{t("monitoring:partners.index")}</th>
                  <th className="hidden sm:table-cell">{t("monitoring:partners.trend")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.partnerId} data-testid="partner-rank-row" data-passive={r.passive ? "true" : "false"}>
                    <td>{r.rank ?? "–"}</td>
                    <td>
                      <Link to={`/dinas/partners/${r.partnerId}${queryOf(filters)}`}>{r.name}</Link>
                      <br />
                      <span className="text-xs text-stone-600">{t(`enums:sector.${r.sector}`)}</span>
                      {r.passive ? <span className="badge ml-1 bg-red-100 text-red-800">{t("monitoring:partners.passiveBadge")}</span> : null}
                    </td>
                    <td data-testid="partner-index">{r.index === null ? t("monitoring:partners.notEnoughData") : r.index}</td>
                    <td className="hidden text-xs sm:table-cell">
                      {r.trend
                        .filter((p) => p.index !== null)
                        .map((p) => `${p.month.slice(5)}: ${p.index}`)
                        .join(" · ") || t("monitoring:partners.notEnoughData")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {paging.previous || paging.next ? (
              <nav className="flex flex-wrap justify-between gap-2 text-sm" aria-label={t("common:pagination")} data-testid="ranking-pager">
                {paging.previous ? (
                  <Link to={paging.previous} rel="prev" className="btn-secondary btn-small">
                    {t("common:previous")}
                  </Link>
                ) : (
                  <span />
                )}
                {paging.next ? (
                  <Link to={paging.next} rel="next" className="btn-secondary btn-small">
                    {t("common:next")}
                  </Link>
                ) : (
                  <span />
                )}
              </nav>
            ) : null}
            <ExportLinks filters={filters} />
          </>
        }
      />
    </div>
  );
}
