import type { DbClient } from "~/db/db.server";
import { DEFAULT_TIME_ZONE, isOfficeTimeZone, type OfficeTimeZone } from "./calendar";

/**
 * The time zone a record's days are counted in: the zone of the Dinas office it belongs to (a group's office,
 * an MoU's office). An office with no valid zone falls back to WIB. Decision 079.
 */
export function zoneOf(office: { timeZone: string } | null | undefined): OfficeTimeZone {
  return office && isOfficeTimeZone(office.timeZone) ? office.timeZone : DEFAULT_TIME_ZONE;
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
