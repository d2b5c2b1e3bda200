import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { isDomainError } from "~/domain/errors";
import { formatNumber, formatRupiah } from "~/i18n/format";
import { useDates } from "~/time/use-dates";
import { formatDayKey } from "~/time/calendar";
import { BarChart, ChartWithTable, LineChart } from "~/monitoring/charts";
import { overviewCharts } from "~/monitoring/charts.server";
import { loadOverview, overviewSummary, type Share } from "~/monitoring/overview.server";
import { openShareLink } from "~/monitoring/share.server";
import { NO_SCRIPTS } from "~/components/scripts-policy";

/** Works without JavaScript: served without the client scripts (decision 128). */
export const handle = NO_SCRIPTS;

export const meta: MetaFunction = () => [{ title: "Bermitra" }, { name: "robots", content: "noindex, nofollow" }];

const PRIVATE = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer" };

export function headers() {
  return PRIVATE;
}

/**
 * The mayor's office's read-only view of one office's programme overview, without an account (decision 088).
 * Figures only: no drill-down to records, no names of people. Unknown token 404; revoked or expired 410.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  try {
    const link = await openShareLink(params.token ?? "");
    const overview = overviewSummary(await loadOverview(link.scope));
    return json(
      { charts: overviewCharts(overview), label: link.label, officeName: link.officeName, expiresAt: link.expiresAt.toISOString(), zone: link.scope.zone, overview, kecamatanName: link.scope.kecamatans.find((k) => k.id === link.scope.filters.kecamatanId)?.name ?? null },
      { headers: PRIVATE },
    );
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.key === "monitoring:share.gone") throw new Response(error.key, { status: 410, headers: PRIVATE });
    throw new Response("errors:notFound", { status: 404, headers: PRIVATE });
  }
}

function percent(s: Share, t: (k: string, o?: Record<string, unknown>) => string): string {
  return s.percent === null ? t("monitoring:noData") : t("monitoring:percentOf", { percent: s.percent, count: formatNumber(s.count), total: formatNumber(s.total) });
}

export default function SharedOverview() {
  const { t } = useTranslation();
  const { charts, label, officeName, expiresAt, overview: o, kecamatanName, zone } = useLoaderData<typeof loader>();
  const { date: fmtDate } = useDates(zone);
  const tt = (k: string, opts?: Record<string, unknown>) => t(k, opts) as string;
  const days = (d: { median: number | null; count: number }) => (d.median === null ? t("monitoring:noData") : t("monitoring:indicators.days", { days: d.median, count: d.count }));
  return (
    <div className="space-y-4" data-testid="shared-overview">
      <p className="text-sm text-stone-600">{t("reports:shared.for", { label })}</p>
      <h1 className="text-2xl font-bold">{t("reports:shared.title", { office: officeName })}</h1>
      <p className="text-sm text-stone-600">
        {t("reports:shared.period", { from: formatDayKey(o.period.fromKey), to: formatDayKey(o.period.toKey) })}
        {kecamatanName ? ` · ${t("monitoring:filters.kecamatan")}: ${kecamatanName}` : ""}
        {" · "}
        {t("reports:shared.expires", { date: fmtDate(expiresAt) })}
      </p>
      <section className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {(["formed", "verified", "active", "partnered"] as const).map((k) => (
          <div key={k} className="card" data-testid={`shared-${k}`}>
            <p className="text-2xl font-bold text-brand-700">{formatNumber(o.groups.totals[k])}</p>
            <p className="text-sm">{t(`monitoring:figures.groups.${k}`)}</p>
            {k !== "formed" ? <p className="text-xs text-stone-500">{percent(o.groups.shares[k], tt)}</p> : null}
          </div>
        ))}
      </section>
      <section className="card space-y-1" data-testid="shared-indicators">
        <h2 className="text-lg font-semibold">{t("monitoring:indicators.title")}</h2>
        <p className="text-sm">
          {t("monitoring:indicators.effectiveness")}: {percent(o.indicators.effectiveness, tt)}
        </p>
        <p className="text-sm">
          {t("monitoring:indicators.responsiveness")}: {t("monitoring:indicators.verification")} {days(o.indicators.responsiveness.verificationDays)} · {t("monitoring:indicators.firstOffer")}{" "}
          {days(o.indicators.responsiveness.firstOfferDays)} · {t("monitoring:indicators.answer")} {days(o.indicators.responsiveness.answerDays)}
        </p>
        <p className="text-sm">
          {t("monitoring:indicators.accountability")}: {t("monitoring:indicators.coaching")} {percent(o.indicators.accountability.coaching, tt)} · {t("monitoring:indicators.reports")}{" "}
          {percent(o.indicators.accountability.reports, tt)} · {t("monitoring:indicators.visits")} {percent(o.indicators.accountability.visits, tt)}
        </p>
      </section>
      <ChartWithTable
        title={t("monitoring:tables.kecamatan")}
        chart={<BarChart chart={charts.kecamatan} />}
        table={
          <table className="data-table" data-testid="shared-kecamatan">
            <thead>
              <tr>
                <th>{t("monitoring:columns.kecamatan")}</th>
                <th>{t("monitoring:columns.formed")}</th>
                <th>{t("monitoring:columns.active")}</th>
                <th>{t("monitoring:columns.partnered")}</th>
              </tr>
            </thead>
            <tbody>
              {o.groups.byKecamatan.map((k) => (
                <tr key={k.kecamatanId}>
                  <th scope="row">{k.kecamatan}</th>
                  <td>{k.formed}</td>
                  <td>{k.active}</td>
                  <td>{k.partnered}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <section className="grid gap-3 sm:grid-cols-2">
        <div className="card text-sm">
          <h2 className="text-lg font-semibold">{t("monitoring:mous.title")}</h2>
          <p>{t("monitoring:mous.active", { count: o.mous.active })}</p>
          <p>{t("monitoring:mous.expiring", { count: o.mous.expiring })}</p>
          <p>{t("monitoring:mous.ended", { count: o.mous.ended })}</p>
        </div>
        <div className="card text-sm">
          <h2 className="text-lg font-semibold">{t("monitoring:coaching.title")}</h2>
          <p>{t("monitoring:coaching.promised", { count: o.coaching.promised })}</p>
          <p>{t("monitoring:coaching.delivered", { count: o.coaching.delivered })}</p>
          <p>{t("monitoring:coaching.missed", { count: o.coaching.missed })}</p>
        </div>
      </section>
      <ChartWithTable
        title={t("monitoring:tables.revenue")}
        chart={<LineChart chart={charts.revenue} />}
        table={
          <>
            <p className="text-sm" data-testid="shared-revenue">
              {t("monitoring:revenue.period", { amount: formatRupiah(o.revenue.period) })} · {t("monitoring:revenue.yearToDate", { amount: formatRupiah(o.revenue.yearToDate) })}
            </p>
            <table className="data-table">
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
          </>
        }
      />
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const gone = status === 410;
  return (
    <div className="mx-auto max-w-xl py-12 text-center" data-testid="share-error">
      <p className="text-5xl font-bold text-brand-700">{status}</p>
      <h1 className="mt-2 text-2xl font-bold">{t(gone ? "reports:shared.goneTitle" : status === 404 ? "errors:notFoundTitle" : "errors:serverErrorTitle")}</h1>
      <p className="mt-2 text-stone-600">{t(gone ? "reports:shared.goneBody" : status === 404 ? "errors:notFoundBody" : "errors:serverErrorBody")}</p>
    </div>
  );
}
