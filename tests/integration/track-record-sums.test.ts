import { db } from "~/db/db.server";
import { trackRecords } from "~/demands/brokering.server";
import { groupTrackRecord } from "~/orders/delivery.server";
import { trackRecordSums } from "~/orders/track-record.server";
import { endOfDay } from "~/time/calendar";
import { zoneOf } from "~/time/office-zone.server";

/** The track record counted row by row in JavaScript (what the pages did before the SQL aggregates). */
async function countedByHand(groupId: string) {
  const group = await db.group.findUniqueOrThrow({ where: { id: groupId }, select: { dinasOffice: { select: { timeZone: true } } } });
  const deliveries = await db.delivery.findMany({
    where: { receivedAt: { not: null }, order: { groupId } },
    select: { receivedAt: true, orderId: true, order: { select: { deliveryDate: true } }, lines: { select: { deliveredQty: true, acceptedQty: true } } },
  });
  const first = new Map<string, { at: Date; due: Date }>();
  let deliveredUnits = 0;
  let acceptedUnits = 0;
  for (const d of deliveries) {
    const prev = first.get(d.orderId);
    if (!prev || prev.at > d.receivedAt!) first.set(d.orderId, { at: d.receivedAt!, due: d.order.deliveryDate });
    for (const l of d.lines) {
      deliveredUnits += l.deliveredQty;
      acceptedUnits += l.acceptedQty;
    }
  }
  const onTimeOrders = [...first.values()].filter((o) => o.at < endOfDay(o.due, zoneOf(group.dinasOffice))).length;
  return { receivedOrders: first.size, onTimeOrders, deliveredUnits, acceptedUnits };
}

describe("track records from SQL aggregates", () => {
  it("equal the row-by-row count for every group of both cities, including rejected handovers", async () => {
    const groups = await db.group.findMany({ select: { id: true } });
    const sums = await trackRecordSums(groups.map((g) => g.id));
    let withHistory = 0;
    let rejected = 0;
    for (const g of groups) {
      const expected = await countedByHand(g.id);
      expect(sums.get(g.id), g.id).toEqual(expected);
      if (expected.receivedOrders > 0) withHistory++;
      if (expected.acceptedUnits < expected.deliveredUnits) rejected++;
    }
    // the seed has enough history for the comparison to mean something (late handovers: the next test)
    expect({ withHistory: withHistory > 10, rejected: rejected > 0 }).toEqual({ withHistory: true, rejected: true });
  });

  it("a handover received just before midnight in the office's zone is on time; just after, late", async () => {
    const order = await db.order.findFirstOrThrow({ where: { deliveries: { some: { receivedAt: { not: null } } } }, include: { deliveries: true, group: { include: { dinasOffice: true } } } });
    const zone = zoneOf(order.group.dinasOffice);
    const end = endOfDay(order.deliveryDate, zone);
    const before = (await trackRecordSums([order.groupId])).get(order.groupId)!;
    for (const d of order.deliveries) await db.delivery.update({ where: { id: d.id }, data: { receivedAt: new Date(end.getTime() - 60_000) } });
    const onTime = (await trackRecordSums([order.groupId])).get(order.groupId)!;
    for (const d of order.deliveries) await db.delivery.update({ where: { id: d.id }, data: { receivedAt: new Date(end.getTime() + 60_000) } });
    const lateNow = (await trackRecordSums([order.groupId])).get(order.groupId)!;
    expect(onTime.onTimeOrders - lateNow.onTimeOrders).toBe(1);
    expect(onTime.receivedOrders).toBe(before.receivedOrders);
    expect(await countedByHand(order.groupId)).toEqual(lateNow);
  });

  it("the demand pages' and the board's rates are the sums' rates; a group without deliveries has none", async () => {
    const groups = await db.group.findMany({ select: { id: true } });
    const records = await trackRecords(groups.map((g) => g.id));
    for (const g of groups.slice(0, 20)) {
      const expected = await countedByHand(g.id);
      const record = records.get(g.id)!;
      const board = await groupTrackRecord(g.id);
      expect(record.deliveries).toBe(expected.receivedOrders);
      expect(board.receivedOrders).toBe(expected.receivedOrders);
      expect(board.deliveredUnits).toBe(expected.deliveredUnits);
      if (expected.receivedOrders === 0) {
        expect(record.onTimeRate).toBeNull();
        expect(board.onTimeRate).toBeNull();
      } else {
        expect(record.onTimeRate).toBeCloseTo(expected.onTimeOrders / expected.receivedOrders, 10);
        expect(board.onTimeRate).toBeCloseTo(expected.onTimeOrders / expected.receivedOrders, 10);
      }
      if (expected.deliveredUnits > 0) expect(record.qualityRate).toBeCloseTo(expected.acceptedUnits / expected.deliveredUnits, 10);
    }
    expect((await trackRecords([])).size).toBe(0);
  });
});
