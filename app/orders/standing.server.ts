import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db/db.server";
import type { MouContent, MouScopeItem } from "~/mou/content";
import { groupUserIds, notifyUsers } from "~/notifications/notify.server";
import { addDays, newOrderNumber } from "./numbers";
import { isCorruptStoredData } from "~/db/stored-data";
import { activeMouContent } from "./orders.server";
import { addDays as addCalendarDays, dayKey, isoWeekday, startOfDay } from "~/time/calendar";
import { zoneOf } from "~/time/office-zone.server";
import { pausedOn } from "./standing-pause";

/** How many days ahead standing orders are generated. */
export const STANDING_HORIZON_DAYS = 7;

/** periodKey of a standing order: the delivery day, plus the group when the MoU has several groups. */
export function periodKeyFor(day: string, groupId: string, groupCount: number): string {
  return groupCount > 1 ? `${day}#${groupId}` : day;
}

/** Delivery days (yyyy-mm-dd) of a MoU from tomorrow (in its office's zone) to the horizon, within its period. Pure. */
export function deliveryDaysAhead(content: Pick<MouContent, "scope" | "period">, now: Date, horizonDays = STANDING_HORIZON_DAYS, zone: string): string[] {
  const today = dayKey(now, zone);
  const days: string[] = [];
  for (let i = 1; i <= horizonDays; i++) {
    const day = addCalendarDays(today, i);
    if (day < content.period.startDate || day > content.period.endDate) continue;
    if (!content.scope.deliveryDays.includes(isoWeekday(day))) continue;
    days.push(day);
  }
  return days;
}

/**
 * Job: for every active MoU, creates the standing orders of the coming week ahead of time, one per
 * delivery day and group (unique on mouId + periodKey, so running twice creates nothing new), except the days a
 * partner paused (app/orders/standing-pause.server.ts). The group confirms or adjusts them; the partner can
 * skip or change them within the MoU's terms.
 */
export async function generateStandingOrders(now: Date, horizonDays = STANDING_HORIZON_DAYS, options: { mouId?: string } = {}) {
  const mous = await db.mou.findMany({
    where: { ...(options.mouId ? { id: options.mouId } : {}), status: "ACTIVE", startDate: { lte: addDays(now, horizonDays + 1) }, endDate: { gte: now } },
    select: { id: true, number: true, partnerId: true, dinasOffice: { select: { timeZone: true } } },
  });
  let created = 0;
  for (const mou of mous) {
    let content: Awaited<ReturnType<typeof activeMouContent>>;
    try {
      content = await activeMouContent(db, mou.id);
    } catch (error) {
      // Logged where it was found (decision 076); the other MoUs' orders are still made.
      if (isCorruptStoredData(error)) continue;
      throw error;
    }
    if (!content?.scope?.items?.length) continue;
    // a line names the group's product (its current name), not the text the MoU was drafted with
    const productIds = content.scope.items.map((i) => i.productId).filter((id): id is string => !!id);
    const names = new Map((await db.product.findMany({ where: { id: { in: productIds } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
    const itemsByGroup = new Map<string, MouScopeItem[]>();
    for (const item of content.scope.items) {
      if (item.quantityPerDelivery <= 0) continue;
      itemsByGroup.set(item.groupId, [...(itemsByGroup.get(item.groupId) ?? []), item]);
    }
    const zone = zoneOf(mou.dinasOffice);
    const days = deliveryDaysAhead(content, now, horizonDays, zone);
    // a partner's pause (decision 116) keeps its days free: no order is made for them
    const pauses = await db.standingPause.findMany({ where: { mouId: mou.id, resumedAt: null, untilDay: { gt: dayKey(now, zone) } } });
    for (const day of days) {
      for (const [groupId, items] of itemsByGroup) {
        if (pausedOn(pauses, groupId, day)) continue;
        const periodKey = periodKeyFor(day, groupId, itemsByGroup.size);
        const exists = await db.order.findUnique({ where: { mouId_periodKey: { mouId: mou.id, periodKey } }, select: { id: true } });
        if (exists) continue;
        try {
          await db.$transaction(async (tx) => {
            const total = items.reduce((s, i) => s + i.quantityPerDelivery * i.unitPrice, 0);
            const order = await tx.order.create({
              data: {
                number: newOrderNumber(now, zone),
                groupId,
                partnerId: mou.partnerId,
                source: "STANDING",
                mouId: mou.id,
                periodKey,
                deliveryDate: startOfDay(day, zone),
                deliveryAddress: content.scope.deliveryAddress,
                totalRupiah: total,
                lines: {
                  create: items.map((i) => ({
                    productId: i.productId,
                    description: (i.productId && names.get(i.productId)) || i.description,
                    unit: i.unit,
                    quantity: i.quantityPerDelivery,
                    unitPrice: i.unitPrice,
                  })),
                },
              },
              select: { id: true, number: true },
            });
            await recordAudit(tx, null, {
              action: "order.generate",
              entityType: "Order",
              entityId: order.id,
              after: { status: "PLACED", source: "STANDING", mouId: mou.id, periodKey, totalRupiah: total },
            });
            await notifyUsers(tx, await groupUserIds(tx, groupId), {
              kind: "orders:notify.standing",
              params: { number: order.number, mou: mou.number, date: day.split("-").reverse().join("/") },
              link: `/orders/${order.id}`,
              email: false,
            });
          });
          created++;
        } catch (error) {
          // another run created it meanwhile (unique mouId + periodKey)
          if (!(error && typeof error === "object" && "code" in error && (error as { code: string }).code === "P2002")) throw error;
        }
      }
    }
  }
  return { created };
}
