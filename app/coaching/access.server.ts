import type { Actor } from "~/auth/actor";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { findGroupFor, groupScope } from "~/groups/access.server";
import { scopesFor } from "~/permissions/permissions";

/**
 * Who may see coaching, in one place: the partner of a session (its own), the group, its assigned
 * facilitator, and Dinas of the group's office (any = its jurisdiction; admins all). Scope through the
 * group lookup of app/groups/access.server.ts.
 */
export async function canReadGroupCoaching(actor: Actor, groupId: string): Promise<boolean> {
  return !!(await findGroupFor(actor, groupId, "read", "coaching", { id: true }));
}

/** May this actor see one coaching session: its partner, its group (or facilitator), or Dinas of its office. */
export async function canReadSession(actor: Actor, session: { groupId: string; partnerId: string }): Promise<boolean> {
  const scopes = scopesFor(actor.role, "read", "coaching");
  if (scopes.has("own") && actor.role === "PARTNER" && actor.partnerId && actor.partnerId === session.partnerId) return true;
  return canReadGroupCoaching(actor, session.groupId);
}

/** Sessions the actor may see, as a `where`: its partner's, or those of groups in its coaching scope. */
export function sessionScope(actor: Actor): Prisma.CoachingSessionWhereInput {
  const groups = groupScope(actor, "read", "coaching");
  // every group (admins): no condition. An empty relation filter `{ group: {} }` nested in the file lookup's
  // `session: { … }` matched no row, so admins got 404 for coaching files.
  if (Object.keys(groups).length === 0) return {};
  const or: Prisma.CoachingSessionWhereInput[] = [{ group: groups }];
  if (scopesFor(actor.role, "read", "coaching").has("own") && actor.role === "PARTNER" && actor.partnerId) or.push({ partnerId: actor.partnerId });
  return { OR: or };
}

/** The session `sessionId` (id, group, partner) if the actor may see it; null otherwise. */
export async function findSessionFor(actor: Actor, sessionId: string) {
  return db.coachingSession.findFirst({ where: { AND: [{ id: sessionId }, sessionScope(actor)] }, select: { id: true, groupId: true, partnerId: true } });
}

/** A coaching file, if the actor may see its session. */
export async function findCoachingFileFor(actor: Actor, fileId: string) {
  return db.coachingFile.findFirst({ where: { id: fileId, session: sessionScope(actor) }, select: { fileKey: true, fileName: true } });
}

/** The group of a group coaching page, if the actor may see its coaching. */
export async function findGroupCoachingFor(actor: Actor, groupId: string) {
  return findGroupFor(actor, groupId, "read", "coaching", { id: true, name: true, facilitatorId: true });
}
