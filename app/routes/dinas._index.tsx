import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db/db.server";
import { formatNumber } from "~/i18n/format";

/** Dinas Sosial home: the state of the programme at a glance. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:monitoring:any");
  const officeFilter = user.dinasOfficeId ? { dinasOfficeId: user.dinasOfficeId } : {};
  const [byKecamatan, partners, pendingGroups, pendingPartners] = await Promise.all([
    db.kecamatan.findMany({
      where: officeFilter,
      orderBy: { name: "asc" },
      select: { id: true, name: true, groups: { where: { verificationStatus: "VERIFIED" }, select: { type: true, active: true } } },
    }),
    db.partner.count({ where: { ...officeFilter, verificationStatus: "VERIFIED" } }),
    db.group.count({ where: { ...officeFilter, verificationStatus: "PENDING" } }),
    db.partner.count({ where: { ...officeFilter, verificationStatus: "PENDING" } }),
  ]);
  const rows = byKecamatan.map((k) => ({
    name: k.name,
    kpm: k.groups.filter((g) => g.type === "KPM").length,
    kube: k.groups.filter((g) => g.type === "KUBE").length,
    kubeActive: k.groups.filter((g) => g.type === "KUBE" && g.active).length,
  }));
  const total = rows.reduce((a, r) => ({ kpm: a.kpm + r.kpm, kube: a.kube + r.kube, kubeActive: a.kubeActive + r.kubeActive }), { kpm: 0, kube: 0, kubeActive: 0 });
  return json({ rows, total, partners, pending: pendingGroups + pendingPartners });
}

export default function DinasHome() {
  const { t } = useTranslation();
  const { rows, total, partners, pending } = useLoaderData<typeof loader>();
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
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {tiles.map((tile) => (
          <div key={tile.label} className="card">
            <p className="text-2xl font-bold text-brand-700">{formatNumber(tile.value)}</p>
            <p className="text-sm text-stone-600">{tile.label}</p>
          </div>
        ))}
      </div>
      <section className="card overflow-x-auto">
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
