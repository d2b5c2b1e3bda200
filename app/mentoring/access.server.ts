import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { scopesFor } from "~/permissions/permissions";

/** Visit logs: Dinas (any), the assigned facilitator, and the group itself (its own log). */
export async function canReadVisits(user: SessionUser, groupId: string): Promise<boolean> {
  const scopes = scopesFor(user.role, "read", "visit");
  if (scopes.has("any")) return true;
  if (user.role === "GROUP" && user.groupId === groupId) return true;
  if (scopes.has("assigned")) {
    const group = await db.group.findFirst({ where: { id: groupId, facilitatorId: user.id }, select: { id: true } });
    return !!group;
  }
  return false;
}
