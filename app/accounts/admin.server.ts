import { NO_ROW, type Actor } from "~/auth/actor";
import { containsIgnoringCase } from "~/db/text-filters";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { roleHas } from "~/permissions/permissions";

/**
 * The platform administrator's console (decision 060): user accounts and the email outbox are platform
 * records, read only by an actor with the admin permissions; anyone else's lookup matches no row.
 */
function usersReadableBy(actor: Actor): Prisma.UserWhereInput {
  return roleHas(actor.role, "read:user:any") ? {} : NO_ROW;
}

export async function adminOverview(actor: Actor) {
  if (!roleHas(actor.role, "read:admin-console:any")) return null;
  const [usersByRole, pendingEmails, failedEmails, pendingGroups, pendingPartners] = await Promise.all([
    db.user.groupBy({ by: ["role"], _count: { _all: true } }),
    db.emailMessage.count({ where: { status: "PENDING" } }),
    db.emailMessage.count({ where: { status: "FAILED" } }),
    db.group.count({ where: { verificationStatus: "PENDING" } }),
    db.partner.count({ where: { verificationStatus: "PENDING" } }),
  ]);
  return {
    usersByRole: usersByRole.map((r) => ({ role: r.role, count: r._count._all })),
    pendingEmails,
    failedEmails,
    pendingVerifications: pendingGroups + pendingPartners,
  };
}

/** Up to 100 user accounts, optionally matching `q` in name or e-mail. */
export async function listUsers(actor: Actor, q: string) {
  const match: Prisma.UserWhereInput = q ? { OR: [{ name: containsIgnoringCase(q) }, { email: containsIgnoringCase(q) }] } : {};
  return db.user.findMany({
    where: { AND: [usersReadableBy(actor), match] },
    orderBy: [{ role: "asc" }, { name: "asc" }],
    take: 100,
    select: { id: true, name: true, email: true, role: true, group: { select: { name: true } }, partner: { select: { displayName: true } } },
  });
}
