import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { scopesFor } from "~/permissions/permissions";

/** May this user see the coaching of a group (and of a partner's sessions with it)? any / own / assigned. */
export async function canReadGroupCoaching(user: SessionUser, groupId: string): Promise<boolean> {
  const scopes = scopesFor(user.role, "read", "coaching");
  if (scopes.has("any")) return true;
  if (scopes.has("own") && user.groupId === groupId) return true;
  if (scopes.has("assigned")) {
    const group = await db.group.findFirst({ where: { id: groupId, facilitatorId: user.id }, select: { id: true } });
    return !!group;
  }
  return false;
}

/** May this user see one coaching session: its partner, its group (or facilitator), or Dinas. */
export async function canReadSession(user: SessionUser, session: { groupId: string; partnerId: string }): Promise<boolean> {
  const scopes = scopesFor(user.role, "read", "coaching");
  if (scopes.has("own") && user.partnerId && user.partnerId === session.partnerId) return true;
  return canReadGroupCoaching(user, session.groupId);
}
