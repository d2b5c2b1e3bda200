import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { monthLabel } from "~/mentoring/topics";
import { requirePermission } from "~/auth/guard.server";
import { partnerPerformance, partnerPerformancePage, PERFORMANCE_KEY } from "~/coaching/coaching.server";
import { Pager } from "~/components/pager";
import { pageRequestOf } from "~/paging/request.server";
import { groupsWithoutVisit, monthKey } from "~/mentoring/visits.server";
import { viewerZone } from "~/time/office-zone.server";

/**
 * Dinas monitoring: which partners deliver the coaching they promised, and which groups had no visit this month.
 * The table pages by partner name (decision 122); the passive list covers every partner (SQL aggregates).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:coaching:any");
  const now = new Date();
  const office = user.dinasOfficeId ?? null;
  const url = new URL(request.url);
  const [all, page, groups] = await Promise.all([
    partnerPerformance(office, now),
    partnerPerformancePage(office, pageRequestOf(url.searchParams, PERFORMANCE_KEY), now),
    groupsWithoutVisit(office, now),
  ]);
  const passive = all.filter((p) => p.passive).map((p) => p.name);
  return json({ partners: page.rows, page: { next: page.next, previous: page.previous }, passive, groups, month: monthKey(now, viewerZone(user)) });
}

export default function DinasCoaching() {
  const { t } = useTranslation();
  const { partners, page, passive, groups, month } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("coaching:dinas.title")}</h1>
      <p className="text-sm text-stone-600">{t("coaching:dinas.intro")}</p>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("coaching:dinas.performance")}</h2>
        {passive.length ? (
          <p className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800" data-testid="passive-partners">
            {t("coaching:dinas.passiveSummary", { count: passive.length, names: passive.join(", ") })}
          </p>
        ) : null}
        {partners.length === 0 && !page.previous ? <p className="card text-sm text-stone-600">{t("coaching:dinas.noCommitments")}</p> : null}
        {partners.length ? (
          <div tabIndex={0} className="card overflow-x-auto p-0">
            <table className="data-table" data-testid="partner-performance">
              <thead>
                <tr>
                  <th>{t("coaching:dinas.partner")}</th>
                  <th className="hidden sm:table-cell">{t("coaching:dinas.promised")}</th>
                  <th className="hidden sm:table-cell">{t("coaching:dinas.dueSoFar")}</th>
                  <th>{t("coaching:dinas.delivered")}</th>
                  <th>{t("coaching:dinas.missed")}</th>
                  <th>{t("coaching:dinas.rate")}</th>
                  <th className="hidden sm:table-cell">{t("coaching:dinas.rating")}</th>
                </tr>
              </thead>
              <tbody>
                {partners.map((p) => (
                  <tr key={p.partnerId} data-testid="partner-row" data-passive={p.passive ? "true" : "false"}>
                    <td>
                      <span className="font-semibold">{p.name}</span>
                      <br />
                      <span className="text-xs text-stone-600">{t(`enums:sector.${p.sector}`)}</span>
                      {p.passive ? <span className="badge ml-1 bg-red-100 text-red-800">{t("coaching:dinas.passive")}</span> : null}
                    </td>
                    <td className="hidden sm:table-cell">{p.promised}</td>
                    <td className="hidden sm:table-cell">{p.dueSoFar}</td>
                    <td>{p.delivered}</td>
                    <td>{p.missed}</td>
                    <td>{p.deliveryRate === null ? t("coaching:dinas.notYetDue") : t("coaching:dinas.percent", { value: p.deliveryRate })}</td>
                    <td className="hidden sm:table-cell">{p.averageRating === null ? t("coaching:dinas.noRating") : t("coaching:ratingValue", { rating: p.averageRating })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <Pager page={page} testId="performance-pages" />
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("coaching:dinas.noVisitTitle", { month: monthLabel(month) })}</h2>
        <p className="text-sm text-stone-600">{t("coaching:dinas.noVisitIntro", { count: groups.length })}</p>
        <ul className="grid gap-2 sm:grid-cols-2" data-testid="groups-without-visit">
          {groups.map((g) => (
            <li key={g.id} className="card text-sm">
              <Link to={`/groups/${g.id}/visits`} className="font-semibold">
                {g.name}
              </Link>
              <p className="text-xs text-stone-600">
                {g.kecamatan.name} · {g.facilitator ? t("coaching:dinas.facilitator", { name: g.facilitator.name }) : t("coaching:dinas.noFacilitator")}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
