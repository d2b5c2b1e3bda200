import { groupsActionableBy, NO_ROW, type Actor } from "~/auth/actor";
import { forbidden, notFound } from "~/auth/guard.server";
import { db, type DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { Prisma } from "~/generated/prisma/client";

/**
 * Who may see and act on orders and invoices (decision 060): the group side (its accounts, or its
 * facilitator), the partner side (its staff), and Dinas of the group's office (read, confirm payments,
 * cancel) or an admin. Every lookup below puts this scope in the `where`, so an id from a URL or a form
 * outside it is simply not found.
 */
export type OrderSide = "group" | "partner" | "dinas";

/** The side an actor speaks for on an order or invoice. */
export function sideOf(actor: Actor): OrderSide {
  switch (actor.role) {
    case "PARTNER":
      return "partner";
    case "GROUP":
    case "FACILITATOR":
      return "group";
    case "DINAS":
    case "ADMIN":
    case "PROVINCE":
      return "dinas";
  }
}

/** The parties' part of an order's or an invoice's `where` (both carry group, groupId and partnerId). */
type PartyWhere = { group?: Prisma.GroupWhereInput; groupId?: string; partnerId?: string; id?: { in: string[] } };

/** Records of orders and invoices the actor may see: own group / own partner / assigned groups / the Dinas office's groups / all (admin). */
function partyScope(actor: Actor): PartyWhere {
  switch (actor.role) {
    case "ADMIN":
      return {};
    case "DINAS":
      return actor.dinasOfficeId ? { group: { dinasOfficeId: actor.dinasOfficeId } } : NO_ROW;
    case "FACILITATOR":
      return { group: groupsActionableBy(actor) };
    case "GROUP":
      return actor.groupId ? { groupId: actor.groupId } : NO_ROW;
    case "PARTNER":
      return actor.partnerId ? { partnerId: actor.partnerId } : NO_ROW;
    case "PROVINCE":
      return NO_ROW;
  }
}

/** Orders the actor may see. */
export function orderScope(actor: Actor): Prisma.OrderWhereInput {
  return partyScope(actor);
}

/** Invoices the actor may see (same parties as the order). */
export function invoiceScope(actor: Actor): Prisma.InvoiceWhereInput {
  return partyScope(actor);
}

/** `where` of one order for an actor; a null actor is the system (jobs), unscoped. */
export function orderWhere(actor: Actor | null, orderId: string): Prisma.OrderWhereInput {
  return actor ? { AND: [{ id: orderId }, orderScope(actor)] } : { id: orderId };
}

export function invoiceWhere(actor: Actor | null, invoiceId: string): Prisma.InvoiceWhereInput {
  return actor ? { AND: [{ id: invoiceId }, invoiceScope(actor)] } : { id: invoiceId };
}

/** Refuses unless the actor speaks for `side` (e.g. only the partner records a handover). */
export function requireSide(actor: Actor, ...sides: OrderSide[]): OrderSide {
  const side = sideOf(actor);
  if (!sides.includes(side)) throw new DomainError("errors:forbidden");
  return side;
}

/**
 * The actor for an order or invoice of `groupId`: a facilitator acts in assisted mode for that group (the
 * audit names it, and the scope narrows to it). Others unchanged.
 */
export function actorForRecord(actor: Actor, record: { groupId: string }): Actor {
  return actor.role === "FACILITATOR" ? { ...actor, actingForGroupId: record.groupId } : actor;
}

/** Refuses (404) an order outside the actor's scope; returns its group and partner. */
export async function requireOrder(client: DbClient, actor: Actor | null, orderId: string) {
  const order = await client.order.findFirst({ where: orderWhere(actor, orderId), select: { id: true, groupId: true, partnerId: true } });
  if (!order) throw new DomainError("errors:notFound");
  return order;
}

/**
 * The groups whose order lists, production plan and ledger the actor may look at, for the group
 * switcher: a facilitator's assigned groups, Dinas's office groups (admin: all); empty for group and partner.
 */
export async function groupChoices(actor: Actor): Promise<{ id: string; name: string }[]> {
  if (actor.role !== "FACILITATOR") return [];
  return db.group.findMany({ where: groupsActionableBy({ ...actor, actingForGroupId: null }), select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/**
 * The group whose own pages (production plan, ledger) the actor may see: its own group, or `?group=` (a
 * facilitator's assigned group, by default the first; a group of the Dinas office; any for admin).
 */
export async function groupForPages(actor: Actor, groupParam: string | null): Promise<{ id: string; name: string; slug: string }> {
  if (actor.role === "PARTNER") throw forbidden();
  const scope = groupsActionableBy({ ...actor, actingForGroupId: null });
  if (actor.role === "GROUP" || actor.role === "FACILITATOR" || groupParam) {
    const where: Prisma.GroupWhereInput = actor.role === "GROUP" || !groupParam ? scope : { AND: [{ OR: [{ id: groupParam }, { slug: groupParam }] }, scope] };
    const group = await db.group.findFirst({ where, select: { id: true, name: true, slug: true }, orderBy: { name: "asc" } });
    if (!group) throw groupParam ? notFound() : forbidden();
    return group;
  }
  throw forbidden();
}
