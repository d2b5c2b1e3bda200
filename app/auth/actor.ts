import type { Prisma } from "~/generated/prisma/client";
import type { Role } from "~/generated/prisma/enums";

/**
 * Who acts, and for which party (decision 060). Every domain function that reads or changes a record takes
 * an Actor and loads the record through a lookup whose `where` carries the actor's scope, so an id from a
 * form can never reach another party's record.
 */
export type Actor = {
  actorId: string;
  actorName: string;
  role: Role;
  /** GROUP: the user's own group */
  groupId: string | null;
  /** PARTNER: the user's own partner */
  partnerId: string | null;
  /** DINAS (and a FACILITATOR whose user row names one): the office; PROVINCE: the provincial office */
  dinasOfficeId: string | null;
  /** set when a facilitator acts for a group (assisted mode) */
  actingForGroupId?: string | null;
  ip?: string | null;
};

/**
 * What the audit log records about who acted. A full Actor is one; so is a person without an account
 * (an external MoU signer using an emailed link) or a user who is only signing in.
 */
export type AuditActor = Pick<Actor, "actorId" | "actorName" | "actingForGroupId" | "ip">;

/** The user fields an Actor is built from (a session user or a loaded User row). */
export type ActorSource = {
  id: string;
  name: string;
  role: Role;
  groupId: string | null;
  partnerId: string | null;
  dinasOfficeId: string | null;
};

export function actorFromUser(user: ActorSource, extra: { actingForGroupId?: string | null; ip?: string | null } = {}): Actor {
  return {
    actorId: user.id,
    actorName: user.name,
    role: user.role,
    groupId: user.role === "GROUP" ? user.groupId : null,
    partnerId: user.role === "PARTNER" ? user.partnerId : null,
    dinasOfficeId: user.role === "DINAS" || user.role === "FACILITATOR" || user.role === "PROVINCE" ? user.dinasOfficeId : null,
    actingForGroupId: extra.actingForGroupId ?? null,
    ip: extra.ip ?? null,
  };
}

/** A `where` that matches no row (Prisma treats `in: []` as false). */
export const NO_ROW = { id: { in: [] as string[] } };

/**
 * Groups whose records the actor may act on as (or for) the group, or oversee:
 * ADMIN all, DINAS its office, FACILITATOR its assigned groups (only the one acted for in assisted mode),
 * GROUP its own group, PARTNER none.
 */
export function groupsActionableBy(actor: Actor): Prisma.GroupWhereInput {
  switch (actor.role) {
    case "ADMIN":
      return {};
    case "DINAS":
      return actor.dinasOfficeId ? { dinasOfficeId: actor.dinasOfficeId } : NO_ROW;
    case "FACILITATOR":
      return actor.actingForGroupId ? { id: actor.actingForGroupId, facilitatorId: actor.actorId } : { facilitatorId: actor.actorId };
    case "GROUP":
      return actor.groupId ? { id: actor.groupId } : NO_ROW;
    case "PARTNER":
    case "PROVINCE":
      return NO_ROW;
  }
}

/** Groups the actor may speak for as the group side of a trade: the group itself, or its facilitator. */
export function groupsSpokenForBy(actor: Actor): Prisma.GroupWhereInput {
  if (actor.role === "GROUP" || actor.role === "FACILITATOR") return groupsActionableBy(actor);
  return NO_ROW;
}

/** Partners the actor may act on or oversee: ADMIN all, DINAS its office, PARTNER its own, others none. */
export function partnersActionableBy(actor: Actor): Prisma.PartnerWhereInput {
  switch (actor.role) {
    case "ADMIN":
      return {};
    case "DINAS":
      return actor.dinasOfficeId ? { dinasOfficeId: actor.dinasOfficeId } : NO_ROW;
    case "PARTNER":
      return actor.partnerId ? { id: actor.partnerId } : NO_ROW;
    default:
      return NO_ROW;
  }
}

/** Partners the actor may speak for (the partner side of a trade): only the partner's own staff. */
export function partnersSpokenForBy(actor: Actor): Prisma.PartnerWhereInput {
  return actor.role === "PARTNER" && actor.partnerId ? { id: actor.partnerId } : NO_ROW;
}

/** Dinas offices the actor oversees: ADMIN all, DINAS its own, others none. */
export function officesOverseenBy(actor: Actor): Prisma.DinasOfficeWhereInput {
  if (actor.role === "ADMIN") return {};
  if (actor.role === "DINAS" && actor.dinasOfficeId) return { id: actor.dinasOfficeId };
  return NO_ROW;
}

export function isOverseer(actor: Actor): boolean {
  return actor.role === "ADMIN" || actor.role === "DINAS";
}
