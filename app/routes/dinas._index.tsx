import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, forbidden, requirePermission } from "~/auth/guard.server";
import { dinasOverview } from "~/dashboard/overview.server";
import { formatNumber, formatRupiah } from "~/i18n/format";

/** Dinas Sosial home: the state of the programme at a glance. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:monitoring:any");
  // the provincial Dinas has no city home: its start is the cities' overview
  if (user.role === "PROVINCE") throw redirect("/dinas/monitoring");
  const overview = await dinasOverview(actorOf(user));
  if (!overview) throw forbidden();
  return json(overview);
}

export default function DinasHome() {
  const { t } = useTranslation();
  const { rows, total, partners, pending, partnership: p } = useLoaderData<typeof loader>();
  const tiles = [
    { label: t("dinas:tiles.kpm"), value: total.kpm },
    { label: t("dinas:tiles.kube"), value: total.kube },
    { label: t("dinas:tiles.kubeActive"), value: total.kubeActive },
    { label: t("dinas:tiles.partners"), value: partners },
  ];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold" data-testid="home-title">{t("dinas:home.title")}</h1>
      {pending > 0 ? (
        <Link to="/dinas/verification" className="block rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-900">
          {t("dinas:home.pending", { count: pending })}
        </Link>
      ) : null}
      <nav className="flex flex-wrap gap-3 text-sm" aria-label={t("monitoring:nav.monitoring")} data-testid="monitoring-links">
        <Link to="/dinas/monitoring">{t("monitoring:nav.monitoring")}</Link>
        <Link to="/dinas/partners">{t("monitoring:nav.partners")}</Link>
        <Link to="/dinas/warnings">{t("warnings:nav")}</Link>
        <Link to="/dinas/aid">{t("aid:nav")}</Link>
      </nav>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {tiles.map((tile) => (
          <div key={tile.label} className="card">
            <p className="text-2xl font-bold text-brand-700">{formatNumber(tile.value)}</p>
            <p className="text-sm text-stone-600">{tile.label}</p>
          </div>
        ))}
      </div>
      <section className="card space-y-2" data-testid="partnership-monitoring">
        <h2 className="text-lg font-semibold">{t("dinas:partnership.title")}</h2>
        <p className="text-2xl font-bold text-brand-700">
          {t("dinas:partnership.kpmWithMou", { count: p.kpmWithMou, total: p.kpmTotal, percent: p.kpmWithMouPercent })}
        </p>
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          <li>
            <Link to="/mou?status=ACTIVE">{t("dinas:partnership.activeMous", { count: p.activeMous, groups: p.groupsWithMou })}</Link>
          </li>
          <li>
            <Link to="/mou">{t("dinas:partnership.mousInProgress", { count: p.mousInProgress })}</Link>
          </li>
          <li>
            <Link to="/dinas/coaching">
              {p.coachingDeliveredPercent === null
                ? t("dinas:partnership.noCoachingYet")
                : t("dinas:partnership.coachingDelivered", { percent: p.coachingDeliveredPercent })}
            </Link>
          </li>
          <li>{t("dinas:partnership.tradeThisMonth", { orders: p.ordersThisMonth, paid: formatRupiah(p.paidThisMonth) })}</li>
          {p.overdueInvoices > 0 ? <li className="text-red-700">{t("dinas:partnership.overdueInvoices", { count: p.overdueInvoices })}</li> : null}
        </ul>
        {p.passivePartners.length > 0 ? (
          <Link to="/dinas/coaching" className="block rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            {t("dinas:partnership.passive", { count: p.passivePartners.length, names: p.passivePartners.join(", ") })}
          </Link>
        ) : null}
      </section>
      <section tabIndex={0} className="card overflow-x-auto">
        <h2 className="mb-2 text-lg font-semibold">{t("dinas:home.byKecamatan")}</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th>{t("dinas:columns.kecamatan")}</th>
              <th>{t("dinas:columns.kpm")}</th>
              <th>{t("dinas:columns.kube")}</th>
              <th>{t("dinas:columns.kubeActive")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <td>{r.name}</td>
                <td>{r.kpm}</td>
                <td>{r.kube}</td>
                <td>{r.kubeActive}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
