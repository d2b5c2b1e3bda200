import type { SessionUser } from "~/auth/session.server";
import { forbidden, notFound } from "~/auth/guard.server";
import { db, type DbClient } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { roleHas } from "~/permissions/permissions";

/**
 * Who may see an MoU: Dinas (its office) and admins; the partner's users; the users of each group that
 * is a party and those groups' facilitator. Everybody else gets 404 (no hint that it exists).
 */
export function mouScopeWhere(user: Pick<SessionUser, "id" | "role" | "groupId" | "partnerId" | "dinasOfficeId">): Prisma.MouWhereInput {
  switch (user.role) {
    case "ADMIN":
      return {};
    case "DINAS":
      return user.dinasOfficeId ? { dinasOfficeId: user.dinasOfficeId } : { id: "__none__" };
    case "PARTNER":
      return user.partnerId ? { partnerId: user.partnerId } : { id: "__none__" };
    case "GROUP":
      return user.groupId ? { groups: { some: { groupId: user.groupId } } } : { id: "__none__" };
    case "FACILITATOR":
      return { groups: { some: { group: { facilitatorId: user.id } } } };
  }
}

export async function canSeeMou(user: SessionUser, mouId: string, client: DbClient = db): Promise<boolean> {
  if (!roleHas(user.role, "read:mou:any") && !roleHas(user.role, "read:mou:own") && !roleHas(user.role, "read:mou:assigned")) return false;
  const found = await client.mou.findFirst({ where: { AND: [{ id: mouId }, mouScopeWhere(user)] }, select: { id: true } });
  return !!found;
}

/** Throws 404 unless the user is a party to the MoU (or Dinas). */
export async function requireMouAccess(user: SessionUser, mouId: string): Promise<void> {
  if (!(await canSeeMou(user, mouId))) throw notFound();
}

/** Dinas of the MoU's office (or an admin) manages drafting, review, amendments, termination and renewals. */
export async function requireMouManager(user: SessionUser, mouId: string | null, dinasOfficeId?: string | null): Promise<void> {
  if (!roleHas(user.role, "review:mou:any")) throw forbidden();
  if (user.role === "ADMIN") return;
  if (mouId) {
    const mou = await db.mou.findUnique({ where: { id: mouId }, select: { dinasOfficeId: true } });
    if (!mou) throw notFound();
    if (mou.dinasOfficeId !== user.dinasOfficeId) throw forbidden();
  } else if (dinasOfficeId && dinasOfficeId !== user.dinasOfficeId) throw forbidden();
}
