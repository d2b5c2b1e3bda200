import { NO_ROW, type Actor } from "~/auth/actor";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { findGroupFor, groupScope } from "~/groups/access.server";

/** Visit logs: Dinas of the group's office (admins all), the assigned facilitator, and the group itself (its own log). */
export async function canReadVisits(actor: Actor, groupId: string): Promise<boolean> {
  if (actor.role === "GROUP") return actor.groupId === groupId;
  return !!(await findGroupFor(actor, groupId, "read", "visit", { id: true }));
}

/** Groups whose visit log the actor may read, as a `where`. */
function visitGroupScope(actor: Actor): Prisma.GroupWhereInput {
  if (actor.role === "GROUP") return actor.groupId ? { id: actor.groupId } : NO_ROW;
  return groupScope(actor, "read", "visit");
}

/** A visit photo, if the actor may read the group's visit log. */
export async function findVisitPhotoFor(actor: Actor, photoId: string) {
  return db.visitPhoto.findFirst({ where: { id: photoId, visit: { group: visitGroupScope(actor) } }, select: { fileKey: true } });
}

/**
 * The visit page of a group for the actor: null when the actor may not read it. The assigned facilitator
 * logs visits (and gets the member checklist); the group and the facilitator complete follow-ups.
 */
export async function visitPageFor(actor: Actor, groupId: string) {
  const group = await db.group.findFirst({ where: { AND: [{ id: groupId }, visitGroupScope(actor)] }, select: { id: true, name: true, facilitatorId: true } });
  if (!group) return null;
  const isFacilitator = actor.role === "FACILITATOR" && group.facilitatorId === actor.actorId;
  const members = isFacilitator
    ? await db.groupMember.findMany({ where: { groupId, leftAt: null }, orderBy: [{ role: "asc" }, { name: "asc" }], select: { id: true, name: true, role: true } })
    : [];
  return { group: { id: group.id, name: group.name }, members, isFacilitator, canCompleteFollowUps: isFacilitator || (actor.role === "GROUP" && actor.groupId === groupId) };
}
