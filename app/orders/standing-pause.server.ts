import { recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/actor";
import { db, type DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import { mousVisibleTo } from "~/mou/access.server";
import type { MouContent } from "~/mou/content";
import { groupUserIds, notifyUsers } from "~/notifications/notify.server";
import { addDays, dayKey, formatDayKey, startOfDay } from "~/time/calendar";
import { zoneOf } from "~/time/office-zone.server";
import { requireSide } from "./access.server";
import { activeMouContent } from "./orders.server";
import { moveOrder } from "./order-transitions.server";
import { pausedOn } from "./standing-pause";
import { deliveryDaysAhead } from "./standing.server";

/** How far ahead the delivery calendar looks (issue 13 item 6: the next 4 weeks). */
export const CALENDAR_DAYS = 28;

/** The pauses still in force (not resumed, not over) of some MoUs, as of `today`. */
export async function pausesInForce(client: DbClient, mouIds: string[], today: string) {
  return client.standingPause.findMany({ where: { mouId: { in: mouIds }, resumedAt: null, untilDay: { gt: today } }, orderBy: { createdAt: "asc" } });
}

async function partnerMou(client: DbClient, actor: Actor, mouId: string) {
  requireSide(actor, "partner");
  const mou = await client.mou.findFirst({
    where: { AND: [{ id: mouId }, mousVisibleTo(actor)] },
    select: { id: true, number: true, status: true, partnerId: true, partner: { select: { displayName: true } }, dinasOffice: { select: { timeZone: true } } },
  });
  if (!mou) throw new DomainError("errors:notFound");
  return mou;
}

/**
 * The partner pauses the standing order of one group of an active MoU until `untilDay` (deliveries resume that
 * day). Within the MoU's terms: the MoU is active, the group delivers under it, the pause starts tomorrow (in
 * the office's zone) and ends on a later day no later than the MoU's last day; one pause at a time. Standing
 * orders already made for paused days are skipped where the order still allows it (before the group's lead
 * time); those too close to change stay and are returned. Audited on the MoU; the group is told.
 */
export async function pauseStandingOrder(actor: Actor, input: { mouId: string; groupId: string; untilDay: string; reason: string | null }, now = new Date()) {
  return db.$transaction(async (tx) => {
    const mou = await partnerMou(tx, actor, input.mouId);
    if (mou.status !== "ACTIVE") throw new DomainError("orders:pause.errors.notActive");
    const content = await activeMouContent(tx, mou.id);
    const items = content?.scope.items.filter((i) => i.groupId === input.groupId && i.quantityPerDelivery > 0) ?? [];
    if (!content || items.length === 0) throw new DomainError("errors:notFound");
    const zone = zoneOf(mou.dinasOffice);
    const today = dayKey(now, zone);
    const fromDay = addDays(today, 1) < content.period.startDate ? content.period.startDate : addDays(today, 1);
    if (input.untilDay <= today) throw new DomainError("orders:pause.errors.datePassed", {}, "untilDay");
    if (input.untilDay <= fromDay) throw new DomainError("orders:pause.errors.tooSoon", { first: formatDayKey(addDays(fromDay, 1)) }, "untilDay");
    if (input.untilDay > addDays(content.period.endDate, 1)) {
      throw new DomainError("orders:pause.errors.beyondPeriod", { end: formatDayKey(content.period.endDate) }, "untilDay");
    }
    if ((await pausesInForce(tx, [mou.id], today)).some((p) => p.groupId === input.groupId)) throw new DomainError("orders:pause.errors.alreadyPaused");
    const pause = await tx.standingPause.create({
      data: { mouId: mou.id, groupId: input.groupId, fromDay, untilDay: input.untilDay, reason: input.reason, createdById: actor.actorId },
    });
    // standing orders already made for the paused days: skipped while they may still change
    const made = await tx.order.findMany({
      where: { mouId: mou.id, groupId: input.groupId, source: "STANDING", status: { in: ["PLACED", "ACCEPTED"] }, deliveryDate: { gte: startOfDay(fromDay, zone), lt: startOfDay(input.untilDay, zone) } },
      include: { lines: { include: { product: { select: { leadTimeDays: true } } } } },
      orderBy: { deliveryDate: "asc" },
    });
    const skipped: string[] = [];
    const kept: { id: string; number: string; day: string }[] = [];
    for (const order of made) {
      const lead = Math.max(1, ...order.lines.map((l) => l.product?.leadTimeDays ?? 1));
      if (now.getTime() + lead * 86_400_000 > order.deliveryDate.getTime()) {
        kept.push({ id: order.id, number: order.number, day: dayKey(order.deliveryDate, zone) });
        continue;
      }
      // through the order machine (PLACED/ACCEPTED → SKIPPED, guarded, audited as order.skip), decision 103
      await moveOrder(tx, actor, order, "skip", { reason: input.reason ?? `standing order paused until ${input.untilDay}` });
      skipped.push(order.id);
    }
    await recordAudit(tx, actor, {
      action: "standing.pause",
      entityType: "Mou",
      entityId: mou.id,
      after: { groupId: input.groupId, fromDay, untilDay: input.untilDay, skippedOrders: skipped.length, keptOrders: kept.map((k) => k.number) },
      reason: input.reason,
    });
    const groupName = content.parties.groups.find((g) => g.id === input.groupId)?.name ?? "";
    await notifyUsers(tx, await groupUserIds(tx, input.groupId), {
      kind: "orders:notify.standingPaused",
      params: { mou: mou.number, partner: mou.partner.displayName, group: groupName, from: formatDayKey(fromDay), until: formatDayKey(input.untilDay), reason: input.reason ?? "" },
      link: "/orders/calendar",
    });
    return { pause, skipped, kept };
  });
}

/**
 * The partner resumes a paused standing order before its end date: deliveries from tomorrow on are made again
 * (the caller runs the standing-order job for the MoU right after). Audited on the MoU; the group is told.
 */
export async function resumeStandingOrder(actor: Actor, pauseId: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const pause = await tx.standingPause.findUnique({ where: { id: pauseId } });
    if (!pause) throw new DomainError("errors:notFound");
    const mou = await partnerMou(tx, actor, pause.mouId);
    const today = dayKey(now, zoneOf(mou.dinasOffice));
    if (pause.resumedAt || pause.untilDay <= today) throw new DomainError("orders:pause.errors.notPaused");
    if (mou.status !== "ACTIVE") throw new DomainError("orders:pause.errors.notActive");
    const updated = await tx.standingPause.updateMany({ where: { id: pause.id, resumedAt: null }, data: { resumedAt: now, resumedById: actor.actorId } });
    if (updated.count !== 1) throw new DomainError("errors:staleState");
    await recordAudit(tx, actor, {
      action: "standing.resume",
      entityType: "Mou",
      entityId: mou.id,
      before: { groupId: pause.groupId, fromDay: pause.fromDay, untilDay: pause.untilDay },
      after: { groupId: pause.groupId, resumedOn: today },
    });
    await notifyUsers(tx, await groupUserIds(tx, pause.groupId), {
      kind: "orders:notify.standingResumed",
      params: { mou: mou.number, partner: mou.partner.displayName },
      link: "/orders/calendar",
    });
    return { mouId: mou.id };
  });
}

export type CalendarEntry = {
  day: string;
  mouId: string;
  mouNumber: string;
  partner: string;
  groupId: string;
  group: string;
  lines: { product: string; quantity: number; unit: string }[];
  state: "order" | "planned" | "paused";
  order: { id: string; number: string; status: string } | null;
};

/**
 * The delivery calendar of the next 4 weeks (from tomorrow, in each MoU's office zone) of the actor's active
 * MoUs: the group sees its own deliveries, the partner those of all its groups; each delivery day is an order
 * already made (with its state), one still to be made, or paused. Plus, per standing order (MoU × group), the
 * pause in force and the MoU's period, for the partner's pause and resume forms.
 */
export async function deliveryCalendar(actor: Actor, now = new Date(), days = CALENDAR_DAYS) {
  const side = requireSide(actor, "group", "partner");
  const mous = await db.mou.findMany({
    where: { AND: [mousVisibleTo(actor), { status: "ACTIVE" }] },
    select: { id: true, number: true, partner: { select: { displayName: true } }, dinasOffice: { select: { timeZone: true } } },
    orderBy: { number: "asc" },
  });
  const entries: CalendarEntry[] = [];
  const standing: { mouId: string; mouNumber: string; partner: string; groupId: string; group: string; period: MouContent["period"]; pause: { id: string; fromDay: string; untilDay: string; reason: string | null } | null; today: string }[] = [];
  for (const mou of mous) {
    const content = await activeMouContent(db, mou.id);
    if (!content) continue;
    const zone = zoneOf(mou.dinasOffice);
    const today = dayKey(now, zone);
    const groupIds = [...new Set(content.scope.items.filter((i) => i.quantityPerDelivery > 0).map((i) => i.groupId))].filter((g) => actor.role !== "GROUP" || g === actor.groupId);
    if (groupIds.length === 0) continue;
    const pauses = await pausesInForce(db, [mou.id], today);
    const productIds = content.scope.items.map((i) => i.productId).filter((id): id is string => !!id);
    const names = new Map((await db.product.findMany({ where: { id: { in: productIds } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
    const dayList = deliveryDaysAhead(content, now, days, zone);
    const orders = await db.order.findMany({
      where: { mouId: mou.id, source: "STANDING", groupId: { in: groupIds }, deliveryDate: { gte: startOfDay(addDays(today, 1), zone), lt: startOfDay(addDays(today, days + 1), zone) } },
      select: { id: true, number: true, status: true, deliveryDate: true, groupId: true },
    });
    for (const groupId of groupIds) {
      const group = content.parties.groups.find((g) => g.id === groupId)?.name ?? "";
      const pause = pauses.find((p) => p.groupId === groupId) ?? null;
      standing.push({ mouId: mou.id, mouNumber: mou.number, partner: mou.partner.displayName, groupId, group, period: content.period, pause: pause && { id: pause.id, fromDay: pause.fromDay, untilDay: pause.untilDay, reason: pause.reason }, today });
      const lines = content.scope.items
        .filter((i) => i.groupId === groupId && i.quantityPerDelivery > 0)
        .map((i) => ({ product: (i.productId && names.get(i.productId)) || i.description, quantity: i.quantityPerDelivery, unit: i.unit }));
      for (const day of dayList) {
        const order = orders.find((o) => o.groupId === groupId && dayKey(o.deliveryDate, zone) === day) ?? null;
        const state = order ? "order" : pausedOn(pauses, groupId, day) ? "paused" : "planned";
        entries.push({ day, mouId: mou.id, mouNumber: mou.number, partner: mou.partner.displayName, groupId, group, lines, state, order: order && { id: order.id, number: order.number, status: order.status } });
      }
    }
  }
  entries.sort((a, b) => (a.day === b.day ? a.mouNumber.localeCompare(b.mouNumber) || a.group.localeCompare(b.group) : a.day < b.day ? -1 : 1));
  return { side, entries, standing };
}
