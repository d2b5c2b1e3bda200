import { Prisma } from "~/generated/prisma/client";
import { databaseKind } from "~/db/database-url";
import { db, type DbClient } from "~/db/db.server";
import { fixedOffsetMinutes, officeZone, sqlDayAt } from "~/time/sql-days";

/**
 * A group's delivery track record (issue 11 item 8: its cost must not grow with the group's history in
 * Node): per group, the received orders, those received on or before their delivery day (the first handover
 * counts, in the group office's zone), and the units delivered and accepted over all received handovers.
 * Two SQL aggregates per office zone among the groups asked about, one row per group back.
 */
export type TrackRecordSums = { receivedOrders: number; onTimeOrders: number; deliveredUnits: number; acceptedUnits: number };

const EMPTY: TrackRecordSums = { receivedOrders: 0, onTimeOrders: 0, deliveredUnits: 0, acceptedUnits: 0 };
const num = (v: unknown) => Number(v ?? 0); // SUM() of no rows is NULL; drivers may answer a bigint

export async function trackRecordSums(groupIds: string[], client: DbClient = db, now = new Date()): Promise<Map<string, TrackRecordSums>> {
  const result = new Map<string, TrackRecordSums>(groupIds.map((id) => [id, { ...EMPTY }]));
  if (groupIds.length === 0) return result;
  const groups = await client.group.findMany({ where: { id: { in: groupIds } }, select: { id: true, dinasOffice: { select: { timeZone: true } } } });
  const byOffset = new Map<number, string[]>();
  for (const g of groups) {
    // the office zones have no daylight saving: one offset over the whole history (checked since 2000)
    const offset = fixedOffsetMinutes(officeZone(g.dinasOffice), new Date("2000-01-01T00:00:00Z"), now);
    byOffset.set(offset, [...(byOffset.get(offset) ?? []), g.id]);
  }
  const dialect = databaseKind();
  for (const [offset, ids] of byOffset) {
    const inList = Prisma.join(ids);
    const onTime = Prisma.raw(`${sqlDayAt("f.first", offset, dialect)} <= ${sqlDayAt(`f."deliveryDate"`, offset, dialect)}`);
    const [orders, units] = await Promise.all([
      client.$queryRaw<{ groupId: string; received: unknown; onTime: unknown }[]>`
        SELECT f."groupId" AS "groupId", COUNT(*) AS received, SUM(CASE WHEN ${onTime} THEN 1 ELSE 0 END) AS "onTime"
        FROM (SELECT o."id", o."groupId", o."deliveryDate", MIN(d."receivedAt") AS first
              FROM "Order" o JOIN "Delivery" d ON d."orderId" = o."id"
              WHERE o."groupId" IN (${inList}) AND d."receivedAt" IS NOT NULL
              GROUP BY o."id", o."groupId", o."deliveryDate") f
        GROUP BY f."groupId"`,
      client.$queryRaw<{ groupId: string; delivered: unknown; accepted: unknown }[]>`
        SELECT o."groupId" AS "groupId", SUM(l."deliveredQty") AS delivered, SUM(l."acceptedQty") AS accepted
        FROM "Order" o JOIN "Delivery" d ON d."orderId" = o."id" JOIN "DeliveryLine" l ON l."deliveryId" = d."id"
        WHERE o."groupId" IN (${inList}) AND d."receivedAt" IS NOT NULL
        GROUP BY o."groupId"`,
    ]);
    for (const row of orders) Object.assign(result.get(row.groupId)!, { receivedOrders: num(row.received), onTimeOrders: num(row.onTime) });
    for (const row of units) Object.assign(result.get(row.groupId)!, { deliveredUnits: num(row.delivered), acceptedUnits: num(row.accepted) });
  }
  return result;
}

/** The rates shown: on-time share of received orders, accepted share of delivered units (null without any). */
export function trackRecordRates(sums: TrackRecordSums): { onTimeRate: number | null; qualityRate: number | null } {
  return {
    onTimeRate: sums.receivedOrders > 0 ? sums.onTimeOrders / sums.receivedOrders : null,
    qualityRate: sums.deliveredUnits > 0 ? sums.acceptedUnits / sums.deliveredUnits : null,
  };
}
