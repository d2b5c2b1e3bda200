import { db, type DbClient } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { DEFAULT_TIME_ZONE, isOfficeTimeZone, OFFICE_TIME_ZONES, type OfficeTimeZone } from "./calendar";

/**
 * The time zone a record's days are counted in: the zone of the Dinas office it belongs to (a group's office,
 * an MoU's office). An office with no valid zone falls back to WIB. Decision 079.
 */
export function zoneOf(office: { timeZone: string } | null | undefined): OfficeTimeZone {
  return office && isOfficeTimeZone(office.timeZone) ? office.timeZone : DEFAULT_TIME_ZONE;
}

/**
 * For each office zone, the `where` on an office that `zoneOf` reads in that zone (an office without a known
 * zone counts in the default one), so that a query can apply a rule that depends on the office's day, one
 * branch per zone (e.g. "the due day is over": the due date lies before 00:00 today in that zone).
 */
export function officesByZone(): { zone: OfficeTimeZone; office: Prisma.DinasOfficeWhereInput }[] {
  return OFFICE_TIME_ZONES.map((zone) => ({
    zone,
    office: zone === DEFAULT_TIME_ZONE ? { OR: [{ timeZone: zone }, { timeZone: { notIn: [...OFFICE_TIME_ZONES] } }] } : { timeZone: zone },
  }));
}

export async function officeTimeZone(client: DbClient, officeId: string | null | undefined): Promise<OfficeTimeZone> {
  if (!officeId) return DEFAULT_TIME_ZONE;
  return zoneOf(await client.dinasOffice.findUnique({ where: { id: officeId }, select: { timeZone: true } }));
}

export async function groupTimeZone(client: DbClient, groupId: string): Promise<OfficeTimeZone> {
  const group = await client.group.findUnique({ where: { id: groupId }, select: { dinasOffice: { select: { timeZone: true } } } });
  return zoneOf(group?.dinasOffice);
}

export async function mouTimeZone(client: DbClient, mouId: string): Promise<OfficeTimeZone> {
  const mou = await client.mou.findUnique({ where: { id: mouId }, select: { dinasOffice: { select: { timeZone: true } } } });
  return zoneOf(mou?.dinasOffice);
}

/** The zone of an order: its MoU's office when it has one, else its group's office. */
export async function orderTimeZone(client: DbClient, order: { mouId: string | null; groupId: string }): Promise<OfficeTimeZone> {
  return order.mouId ? mouTimeZone(client, order.mouId) : groupTimeZone(client, order.groupId);
}

/** The fields of a signed-in user that name an office (the session user carries them). */
export type ZonedUser = {
  role: string;
  dinasOffice?: { timeZone: string } | null;
  group?: { dinasOffice?: { timeZone: string } | null } | null;
  partner?: { dinasOffice?: { timeZone: string } | null } | null;
};

/**
 * The viewer's zone (decision 123): the office the user works at or belongs to — a group's office, a
 * partner's office, the Dinas / facilitator / provincial office. WIB for an administrator (no office) and for
 * visitors who are not signed in. Pages print instants that belong to no office (sessions, notifications,
 * the audit log) in it, and records of the viewer's own office.
 */
export function viewerZone(user: ZonedUser | null | undefined): OfficeTimeZone {
  if (!user) return DEFAULT_TIME_ZONE;
  if (user.role === "GROUP") return zoneOf(user.group?.dinasOffice);
  if (user.role === "PARTNER") return zoneOf(user.partner?.dinasOffice);
  return zoneOf(user.dinasOffice);
}

export async function partnerTimeZone(client: DbClient, partnerId: string): Promise<OfficeTimeZone> {
  const partner = await client.partner.findUnique({ where: { id: partnerId }, select: { dinasOffice: { select: { timeZone: true } } } });
  return zoneOf(partner?.dinasOffice);
}

/** The zone of a group's office, for loaders (routes do not reach the database client themselves). */
export function zoneOfGroup(groupId: string): Promise<OfficeTimeZone> {
  return groupTimeZone(db, groupId);
}

/** The zone of an MoU's office, for loaders. */
export function zoneOfMou(mouId: string): Promise<OfficeTimeZone> {
  return mouTimeZone(db, mouId);
}

/** The zone of an order (its MoU's office, else its group's), for loaders. */
export function zoneOfOrder(order: { mouId: string | null; groupId: string }): Promise<OfficeTimeZone> {
  return orderTimeZone(db, order);
}

/** The zone of an office, for loaders. */
export function zoneOfOffice(officeId: string | null | undefined): Promise<OfficeTimeZone> {
  return officeTimeZone(db, officeId);
}

/** The zone of a partner's office, for loaders. */
export function zoneOfPartner(partnerId: string): Promise<OfficeTimeZone> {
  return partnerTimeZone(db, partnerId);
}
