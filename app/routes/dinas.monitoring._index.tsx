import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { formatNumber, formatRupiah } from "~/i18n/format";
import { BarChart, ChartWithTable, LineChart } from "~/monitoring/charts";
import { overviewCharts } from "~/monitoring/charts.server";
import { exportPath } from "~/monitoring/export.server";
import { loadOverview, overviewSummary, type OverviewData, type Share } from "~/monitoring/overview.server";
import { monitoringRequest, statusOf, type MonitoringRequest } from "~/monitoring/request.server";
import { ExportLinks, MonitoringFilters, queryOf, type FilterState } from "~/monitoring/ui";
import { roleHas } from "~/permissions/permissions";

export const meta: MetaFunction = () => [{ title: "Bermitra" }];

/** Dinas programme overview (issue 12): figures by kecamatan and type, MoUs, trade, coaching, visits, indicators. */
export async function loader({ request }: LoaderFunctionArgs) {
  const m = await monitoringRequest(request);
  if (m.format) throw redirect(exportPath("overview", m.url));
  return page(m, await loadOverview(m.scope));
}

function page(m: MonitoringRequest, data: OverviewData) {
  const f = m.scope.filters;
  const filters: FilterState = { fromKey: f.fromKey, toKey: f.toKey, kecamatanId: f.kecamatanId, groupType: f.groupType, sector: f.sector, officeId: f.officeId };
  const overview = overviewSummary(data);
  return json(
    {
      overview,
      charts: overviewCharts(overview),
      filters,
      options: { kecamatans: m.scope.kecamatans, offices: m.scope.offices },
      errors: m.errors,
      // a city Dinas shares its overview and writes the annual report; the province only reads
      canShare: m.viewer.role === "DINAS" && roleHas(m.viewer.role, "share:monitoring:any"),
    },
    { status: statusOf(m) },
  );
}

function percentText(s: Share, t: (k: string, o?: Record<string, unknown>) => string): string {
  return s.percent === null ? t("monitoring:noData") : t("monitoring:percentOf", { percent: s.percent, count: formatNumber(s.count), total: formatNumber(s.total) });
}

export default function MonitoringOverview() {
  const { t } = useTranslation();
  const { overview: o, charts, filters, options, errors, canShare } = useLoaderData<typeof page>();
  const link = (figure: string, extra: Record<string, string> = {}) => `/dinas/monitoring/records${queryOf({ ...filters, ...extra }, { figure })}`;
  const tt = (k: string, opts?: Record<string, unknown>) => t(k, opts) as string;
  const days = (d: { median: number | null; count: number }) =>
    d.median === null ? t("monitoring:noData") : t("monitoring:indicators.days", { days: d.median, count: d.count });

  const tiles: { figure: string; label: string; value: string; sub?: string }[] = [
    { figure: "groups.formed", label: t("monitoring:figures.groups.formed"), value: formatNumber(o.groups.totals.formed) },
    { figure: "groups.verified", label: t("monitoring:figures.groups.verified"), value: formatNumber(o.groups.totals.verified), sub: percentText(o.groups.shares.verified, tt) },
    { figure: "groups.active", label: t("monitoring:figures.groups.active"), value: formatNumber(o.groups.totals.active), sub: percentText(o.groups.shares.active, tt) },
    { figure: "groups.partnered", label: t("monitoring:figures.groups.partnered"), value: formatNumber(o.groups.totals.partnered), sub: percentText(o.groups.shares.partnered, tt) },
  ];

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("monitoring:overview.title")}</h1>
      <nav className="flex flex-wrap gap-3 text-sm" aria-label={t("monitoring:nav.monitoring")} data-testid="monitoring-links">
        <Link to="/dinas/partners">{t("monitoring:nav.partners")}</Link>
        <Link to="/dinas/warnings">{t("warnings:nav")}</Link>
        <Link to="/dinas/aid">{t("aid:nav")}</Link>
      </nav>
      <p className="text-sm text-stone-600">{t("monitoring:overview.intro", { from: filters.fromKey, to: filters.toKey })}</p>
      <MonitoringFilters filters={filters} options={options} errors={errors} />
      {canShare ? (
        <p className="flex flex-wrap gap-3 text-sm">
          <Link to={`/dinas/monitoring/share${queryOf({ ...filters, officeId: null })}`} data-testid="share-link">
            {t("reports:share.open")}
          </Link>
        </p>
      ) : null}

      <section className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="group-figures">
        {tiles.map((tile) => (
          <Link key={tile.figure} to={link(tile.figure)} className="card block no-underline" data-testid={`figure-${tile.figure}`}>
            <p className="text-2xl font-bold text-brand-700" data-testid="figure-value">
              {tile.value}
            </p>
            <p className="text-sm text-stone-700">{tile.label}</p>
            {tile.sub ? <p className="text-xs text-stone-500">{tile.sub}</p> : null}
          </Link>
        ))}
      </section>

      <section className="card space-y-2" data-testid="indicators">
        <h2 className="text-lg font-semibold">{t("monitoring:indicators.title")}</h2>
        <dl className="grid gap-3 sm:grid-cols-3">
          <div>
            <dt className="font-semibold">{t("monitoring:indicators.effectiveness")}</dt>
            <dd className="text-sm">
              <Link to={link("groups.active")} data-testid="indicator-effectiveness">
                {percentText(o.indicators.effectiveness, tt)}
              </Link>
            </dd>
            <dd className="text-xs text-stone-500">{t("monitoring:indicators.effectivenessHint")}</dd>
          </div>
          <div>
            <dt className="font-semibold">{t("monitoring:indicators.responsiveness")}</dt>
            <dd className="text-sm">
              {t("monitoring:indicators.verification")}: {days(o.indicators.responsiveness.verificationDays)}
            </dd>
            <dd className="text-sm">
              {t("monitoring:indicators.firstOffer")}: {days(o.indicators.responsiveness.firstOfferDays)}
            </dd>
            <dd className="text-sm">
              {t("monitoring:indicators.answer")}: {days(o.indicators.responsiveness.answerDays)}
            </dd>
          </div>
          <div>
            <dt className="font-semibold">{t("monitoring:indicators.accountability")}</dt>
            <dd className="text-sm">
              <Link to={link("coaching.delivered")}>
                {t("monitoring:indicators.coaching")}: {percentText(o.indicators.accountability.coaching, tt)}
              </Link>
            </dd>
            <dd className="text-sm">
              {t("monitoring:indicators.reports")}: {percentText(o.indicators.accountability.reports, tt)}
            </dd>
            <dd className="text-sm">
              <Link to={link("visits.missing")}>
                {t("monitoring:indicators.visits")}: {percentText(o.indicators.accountability.visits, tt)}
              </Link>
            </dd>
          </div>
        </dl>
      </section>

      <ChartWithTable
        title={t("monitoring:tables.kecamatan")}
        chart={<BarChart testId="chart-kecamatan" chart={charts.kecamatan} />}
        table={
          <>
            <table className="data-table" data-testid="table-kecamatan">
              <thead>
                <tr>
                  <th>{t("monitoring:columns.kecamatan")}</th>
                  <th>{t("monitoring:columns.formed")}</th>
                  <th>{t("monitoring:columns.active")}</th>
                  <th>{t("monitoring:columns.partnered")}</th>
                  <th className="hidden sm:table-cell">{t("monitoring:columns.kubeFormed")}</th>
                  <th className="hidden sm:table-cell">{t("monitoring:columns.kubeActive")}</th>
                </tr>
              </thead>
              <tbody>
                {o.groups.byKecamatan.map((k) => (
                  <tr key={k.kecamatanId} data-testid="kecamatan-row">
                    <th scope="row">{k.kecamatan}</th>
                    <td>
                      <Link to={link("groups.formed", { kecamatanId: k.kecamatanId })}>{k.formed}</Link>
                    </td>
                    <td>
                      <Link to={link("groups.active", { kecamatanId: k.kecamatanId })}>{k.active}</Link>
                    </td>
                    <td>
                      <Link to={link("groups.partnered", { kecamatanId: k.kecamatanId })}>{k.partnered}</Link>
                    </td>
                    <td className="hidden sm:table-cell">
                      <Link to={link("groups.formed", { kecamatanId: k.kecamatanId, groupType: "KUBE" })}>{k.kube.formed}</Link>
                    </td>
                    <td className="hidden sm:table-cell">
                      <Link to={link("groups.active", { kecamatanId: k.kecamatanId, groupType: "KUBE" })}>{k.kube.active}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ExportLinks filters={filters} table="kecamatan" />
          </>
        }
      />

      <section tabIndex={0} className="card space-y-2 overflow-x-auto">
        <h2 className="text-lg font-semibold">{t("monitoring:tables.type")}</h2>
        <table className="data-table" data-testid="table-type">
          <thead>
            <tr>
              <th>{t("monitoring:columns.type")}</th>
              <th>{t("monitoring:columns.formed")}</th>
              <th className="hidden sm:table-cell">{t("monitoring:columns.verified")}</th>
              <th>{t("monitoring:columns.active")}</th>
              <th>{t("monitoring:columns.partnered")}</th>
            </tr>
          </thead>
          <tbody>
            {o.groups.byType.map((r) => (
              <tr key={r.type} data-testid={`type-row-${r.type}`}>
                <th scope="row">{r.type}</th>
                <td>
                  <Link to={link("groups.formed", { groupType: r.type })}>{r.formed}</Link>
                </td>
                <td className="hidden sm:table-cell">
                  <Link to={link("groups.verified", { groupType: r.type })}>{r.verified}</Link>
                </td>
                <td>
                  <Link to={link("groups.active", { groupType: r.type })}>{r.active}</Link>
                </td>
                <td>
                  <Link to={link("groups.partnered", { groupType: r.type })}>
                    {r.partnered}
                    {r.formed ? ` (${Math.round((r.partnered / r.formed) * 100)} %)` : ""}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ExportLinks filters={filters} table="type" />
      </section>

      <section className="grid gap-3 sm:grid-cols-2">
        <div className="card space-y-1">
          <h2 className="text-lg font-semibold">{t("monitoring:mous.title")}</h2>
          <ul className="text-sm">
            <li>
              <Link to={link("mous.active")} data-testid="figure-mous.active">
                {t("monitoring:mous.active", { count: o.mous.active })}
              </Link>
            </li>
            <li>
              <Link to={link("mous.expiring")}>{t("monitoring:mous.expiring", { count: o.mous.expiring })}</Link>
            </li>
            <li>
              <Link to={link("mous.ended")}>{t("monitoring:mous.ended", { count: o.mous.ended })}</Link>
            </li>
          </ul>
        </div>
        <div className="card space-y-1">
          <h2 className="text-lg font-semibold">{t("monitoring:quality.title")}</h2>
          <ul className="text-sm">
            <li>
              <Link to={link("deliveries.late")}>
                {t("monitoring:quality.onTime")}: {percentText(o.deliveries.onTime, tt)}
              </Link>
            </li>
            <li>
              <Link to={link("deliveries.rejected")}>
                {t("monitoring:quality.accepted")}: {percentText(o.deliveries.quality, tt)}
              </Link>
            </li>
          </ul>
        </div>
        <div className="card space-y-1">
          <h2 className="text-lg font-semibold">{t("monitoring:coaching.title")}</h2>
          <ul className="text-sm">
            <li>
              <Link to={link("coaching.promised")}>{t("monitoring:coaching.promised", { count: o.coaching.promised })}</Link>
            </li>
            <li>
              <Link to={link("coaching.delivered")}>{t("monitoring:coaching.delivered", { count: o.coaching.delivered })}</Link>
            </li>
            <li>
              <Link to={link("coaching.missed")}>{t("monitoring:coaching.missed", { count: o.coaching.missed })}</Link>
            </li>
          </ul>
        </div>
        <div className="card space-y-1">
          <h2 className="text-lg font-semibold">{t("monitoring:visits.title")}</h2>
          <p className="text-sm">
            <Link to={link("visits.missing")}>{t("monitoring:visits.covered", { covered: o.visits.covered, target: o.visits.target })}</Link>
          </p>
          <p className="text-xs text-stone-500">{t("monitoring:visits.hint")}</p>
        </div>
      </section>

      <ChartWithTable
        title={t("monitoring:tables.revenue")}
        chart={<LineChart testId="chart-revenue" chart={charts.revenue} />}
        table={
          <>
            <p className="text-sm">
              <Link to={link("revenue.payments")}>{t("monitoring:revenue.period", { amount: formatRupiah(o.revenue.period) })}</Link>
              {" · "}
              {t("monitoring:revenue.yearToDate", { amount: formatRupiah(o.revenue.yearToDate) })}
            </p>
            <table className="data-table" data-testid="table-revenue">
              <thead>
                <tr>
                  <th>{t("monitoring:columns.month")}</th>
                  <th>{t("monitoring:columns.revenue")}</th>
                </tr>
              </thead>
              <tbody>
                {o.revenue.byMonth.map((r) => (
                  <tr key={r.month}>
                    <th scope="row">{r.month}</th>
                    <td>{formatRupiah(r.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ExportLinks filters={filters} table="revenue" />
          </>
        }
      />
      <ExportLinks filters={filters} />
    </div>
  );
}
