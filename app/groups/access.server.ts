import { NO_ROW, type Actor } from "~/auth/actor";
import { db, type DbClient } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { scopesFor } from "~/permissions/permissions";

/**
 * Who may act on a group's records, in one place (decision 060/062): the role's scopes for
 * `action:entity` turned into a `where` on Group.
 *  - `any`: the actor's whole jurisdiction: every group for an ADMIN, the groups of *its own office* for
 *    DINAS (a Dinas user without an office reaches none);
 *  - `own`: the GROUP user's own group;
 *  - `assigned`: the groups the facilitator is assigned to (in assisted mode only the group acted for).
 */
export function groupScope(actor: Actor, action: string, entity: string): Prisma.GroupWhereInput {
  const scopes = scopesFor(actor.role, action, entity);
  const or: Prisma.GroupWhereInput[] = [];
  if (scopes.has("any")) {
    if (actor.role === "ADMIN") return {};
    if (actor.role === "DINAS" && actor.dinasOfficeId) or.push({ dinasOfficeId: actor.dinasOfficeId });
  }
  if (scopes.has("own") && actor.role === "GROUP" && actor.groupId) or.push({ id: actor.groupId });
  // in assisted mode, only the group the facilitator acts for
  if (scopes.has("assigned") && actor.role === "FACILITATOR") {
    or.push(actor.actingForGroupId ? { id: actor.actingForGroupId, facilitatorId: actor.actorId } : { facilitatorId: actor.actorId });
  }
  return or.length ? { OR: or } : NO_ROW;
}

/** The group `groupId` if the actor may do `action` on its `entity`; null otherwise (callers answer 404/403). */
export async function findGroupFor<S extends Prisma.GroupSelect>(
  actor: Actor,
  groupId: string,
  action: string,
  entity: string,
  select: S,
  client: DbClient = db,
) {
  return client.group.findFirst({ where: { AND: [{ id: groupId }, groupScope(actor, action, entity)] }, select });
}

/** Partners in the actor's jurisdiction for `action:entity` (ADMIN all, DINAS its office, PARTNER itself). */
export function partnerScope(actor: Actor, action: string, entity: string): Prisma.PartnerWhereInput {
  const scopes = scopesFor(actor.role, action, entity);
  const or: Prisma.PartnerWhereInput[] = [];
  if (scopes.has("any")) {
    if (actor.role === "ADMIN") return {};
    if (actor.role === "DINAS" && actor.dinasOfficeId) or.push({ dinasOfficeId: actor.dinasOfficeId });
  }
  if (scopes.has("own") && actor.role === "PARTNER" && actor.partnerId) or.push({ id: actor.partnerId });
  return or.length ? { OR: or } : NO_ROW;
}

/** May the actor see members' PKH status (welfare data)? Dinas of the group's office and its facilitator only. */
export async function mayReadWelfare(actor: Actor, groupId: string, client: DbClient = db): Promise<boolean> {
  return !!(await findGroupFor(actor, groupId, "read", "group-member-welfare", { id: true }, client));
}
