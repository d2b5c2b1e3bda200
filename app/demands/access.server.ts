import { groupsSpokenForBy, NO_ROW, partnersSpokenForBy, type Actor } from "~/auth/actor";
import type { DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { Prisma } from "~/generated/prisma/client";

/**
 * Who may see and act on demands and offers (decision 060), as `where` fragments:
 *  - the partner's staff own its demands (edit, publish, close, shortlist/decline/accept offers, answer);
 *  - Dinas of the partner's office (admin: every office) oversee published demands (broker, invite, answer);
 *  - a group (or its facilitator, for the group acted for) owns its offer and its question thread.
 */
export function demandsOwnedBy(actor: Actor): Prisma.DemandWhereInput {
  return { partner: partnersSpokenForBy(actor) };
}

export function demandsOverseenBy(actor: Actor): Prisma.DemandWhereInput {
  if (actor.role === "ADMIN") return { status: { not: "DRAFT" } };
  if (actor.role === "DINAS" && actor.dinasOfficeId) return { status: { not: "DRAFT" }, partner: { dinasOfficeId: actor.dinasOfficeId } };
  return NO_ROW;
}

/**
 * Demands a group may look at, ask about and offer on: published demands of partners in the group's own Dinas
 * office (a group of another office reaches none, even by id).
 */
export function demandsOpenToGroup(groupId: string): Prisma.DemandWhereInput {
  return { status: { not: "DRAFT" }, partner: { dinasOffice: { groups: { some: { id: groupId } } } } };
}

/** Offers the actor may change as the offering group: its own group's, or the group it acts for. */
export function offersOfGroupSide(actor: Actor): Prisma.OfferWhereInput {
  return { group: groupsSpokenForBy(actor) };
}

/** Offers the actor may decide on as the buyer: those on its own partner's demands. */
export function offersOfPartnerSide(actor: Actor): Prisma.OfferWhereInput {
  return { demand: demandsOwnedBy(actor) };
}

/** Offers the actor may look at: as the group, as the buyer, or as Dinas of the office. */
export function offersVisibleTo(actor: Actor): Prisma.OfferWhereInput {
  return { OR: [offersOfGroupSide(actor), offersOfPartnerSide(actor), { demand: demandsOverseenBy(actor) }] };
}

/** The group the actor speaks for, or errors:notFound (a group user for another group, a facilitator not assigned). */
export async function requireGroupSide(client: DbClient, actor: Actor, groupId: string) {
  const group = await client.group.findFirst({ where: { AND: [{ id: groupId }, groupsSpokenForBy(actor)] }, select: { id: true } });
  if (!group) throw new DomainError("errors:notFound");
  return group;
}

/** The partner the actor speaks for, or errors:forbidden. */
export function requirePartnerSide(actor: Actor, partnerId: string): void {
  if (actor.role !== "PARTNER" || actor.partnerId !== partnerId) throw new DomainError("errors:forbidden");
}
