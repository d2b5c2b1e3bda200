import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, requirePermission } from "~/auth/guard.server";
import { dinasDemandList, staleDays, staleDemands } from "~/demands/brokering.server";
import { DemandStatus, useCategoryName } from "~/demands/ui";
import { useDates } from "~/time/use-dates";

/** Dinas: every published demand, and those nobody answered after N days (DEMAND_STALE_DAYS). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "broker:demand:any");
  const actor = actorOf(user, request);
  const office = actor.role === "ADMIN" ? null : (actor.dinasOfficeId ?? "-");
  const [demands, stale] = await Promise.all([dinasDemandList(actor), staleDemands(office)]);
  return json({ demands, stale, days: staleDays() });
}

export default function DinasDemands() {
  const { date: fmtDate } = useDates();
  const { t } = useTranslation();
  const { demands, stale, days } = useLoaderData<typeof loader>();
  const categoryName = useCategoryName();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("demands:dinas.title")}</h1>
      <section className="card space-y-2" data-testid="stale-demands">
        <h2 className="text-lg font-semibold">{t("demands:dinas.stale", { days, count: stale.length })}</h2>
        {stale.length === 0 ? <p className="text-sm text-stone-500">{t("demands:dinas.noStale")}</p> : null}
        <ul className="space-y-1 text-sm">
          {stale.map((d) => (
            <li key={d.id}>
              <Link to={`/dinas/demands/${d.id}`} className="font-semibold">
                {d.title}
              </Link>{" "}
              · {d.partner.displayName} · {t("demands:dinas.publishedOn", { date: fmtDate(d.publishedAt) })} ·{" "}
              {t("demands:dinas.invitedCount", { count: d._count.invitations })}
            </li>
          ))}
        </ul>
      </section>
      <section tabIndex={0} className="card overflow-x-auto">
        <table className="data-table">
          <thead>
            <tr>
              <th>{t("demands:fields.title")}</th>
              <th>{t("demands:dinas.partner")}</th>
              <th>{t("demands:fields.category")}</th>
              <th>{t("demands:dinas.offers")}</th>
              <th>{t("demands:fields.offerDeadline")}</th>
              <th>{t("demands:dinas.status")}</th>
            </tr>
          </thead>
          <tbody>
            {demands.map((d) => (
              <tr key={d.id} data-testid="dinas-demand-row">
                <td>
                  <Link to={`/dinas/demands/${d.id}`}>{d.title}</Link>
                </td>
                <td>{d.partner.displayName}</td>
                <td>{categoryName(d.category)}</td>
                <td>{d._count.offers}</td>
                <td>{fmtDate(d.offerDeadline)}</td>
                <td>
                  <DemandStatus status={d.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
