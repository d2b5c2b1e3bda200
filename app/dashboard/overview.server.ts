import { officesOverseenBy, partnersActionableBy, type Actor } from "~/auth/actor";
import { db } from "~/db/db.server";
import { groupScope } from "~/groups/access.server";
import { roleHas } from "~/permissions/permissions";
import { partnershipMonitoring } from "./monitoring.server";

/**
 * The Dinas home page: groups per kecamatan, partner and pending-verification counts and the partnership
 * figures, for the actor's own office (ADMIN: every office). Null when the actor oversees no office.
 */
export async function dinasOverview(actor: Actor) {
  if (!roleHas(actor.role, "read:monitoring:any")) return null;
  if (actor.role !== "ADMIN" && !actor.dinasOfficeId) return null;
  const groups = groupScope(actor, "read", "group");
  const partners = partnersActionableBy(actor);
  const [byKecamatan, verifiedPartners, pendingGroups, pendingPartners] = await Promise.all([
    db.kecamatan.findMany({
      where: { dinasOffice: officesOverseenBy(actor) },
      orderBy: { name: "asc" },
      select: { id: true, name: true, groups: { where: { verificationStatus: "VERIFIED" }, select: { type: true, active: true } } },
    }),
    db.partner.count({ where: { AND: [partners, { verificationStatus: "VERIFIED" }] } }),
    db.group.count({ where: { AND: [groups, { verificationStatus: "PENDING" }] } }),
    db.partner.count({ where: { AND: [partners, { verificationStatus: "PENDING" }] } }),
  ]);
  const rows = byKecamatan.map((k) => ({
    name: k.name,
    kpm: k.groups.filter((g) => g.type === "KPM").length,
    kube: k.groups.filter((g) => g.type === "KUBE").length,
    kubeActive: k.groups.filter((g) => g.type === "KUBE" && g.active).length,
  }));
  const total = rows.reduce((a, r) => ({ kpm: a.kpm + r.kpm, kube: a.kube + r.kube, kubeActive: a.kubeActive + r.kubeActive }), { kpm: 0, kube: 0, kubeActive: 0 });
  const partnership = await partnershipMonitoring(actor.role === "ADMIN" ? null : actor.dinasOfficeId);
  return { rows, total, partners: verifiedPartners, pending: pendingGroups + pendingPartners, partnership };
}
