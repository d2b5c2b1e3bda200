import { randomUUID } from "node:crypto";
import { recordAudit } from "~/audit/audit.server";
import { partnersSpokenForBy, type Actor } from "~/auth/actor";
import type { DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import { groupUserIds, notifyUsers, partnerUserIds } from "~/notifications/notify.server";
import { db } from "~/db/db.server";
import { lockRowsForUpdate } from "~/db/locks.server";
import type { OrderStatus, Prisma } from "~/generated/prisma/client";
import type { MouContent } from "~/mou/content";
import { readMouContent } from "~/mou/stored-content";
import { CAPACITY_STATUSES, EVENT_SIDE, orderMachine, PLAN_STATUSES, type OrderEvent } from "./order-machine";
import { moveOrder } from "./order-transitions.server";
import { actorForRecord, groupChoices, groupForPages, orderScope, orderWhere, requireSide, sideOf, type OrderSide } from "./access.server";
import { addDays, newOrderNumber } from "./numbers";
import { addDays as addCalendarDays, dayKey, sameDayIn, startOfDay, startOfDayAt, weekBounds } from "~/time/calendar";
import { groupTimeZone, zoneOf } from "~/time/office-zone.server";

export type { OrderSide };

/**
 * An accepted one-off offer becomes an order: one line at the offer's price × the accepted quantity
 * (or the offered quantity per period), for the group's product in the demand's category if it has one.
 * Call inside the transaction that accepts the offer. Idempotent: a second call returns the same order.
 */
export async function createOrderFromOffer(tx: DbClient, actor: Actor, offerId: string): Promise<{ id: string }> {
  const existing = await tx.order.findFirst({ where: { offerId, source: "OFFER" }, select: { id: true } });
  if (existing) return existing;
  // only the partner whose demand it is turns its accepted offer into an order
  const offer = await tx.offer.findFirst({
    where: { id: offerId, demand: { partner: partnersSpokenForBy(actor) } },
    include: { demand: true, group: { select: { id: true, name: true } } },
  });
  if (!offer) throw new DomainError("errors:notFound");
  if (offer.status !== "ACCEPTED") throw new DomainError("orders:errors.offerNotAccepted");
  const quantity = offer.acceptedQuantity ?? offer.quantityPerPeriod;
  if (!Number.isInteger(quantity) || quantity <= 0) throw new DomainError("orders:errors.quantityInvalid");
  const product = await tx.product.findFirst({
    where: { groupId: offer.groupId, categoryId: offer.demand.categoryId, status: { not: "ARCHIVED" } },
    orderBy: [{ status: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, unit: true },
  });
  const totalRupiah = quantity * offer.pricePerUnit;
  const deliveryDate = offer.startDate > offer.demand.startDate ? offer.startDate : offer.demand.startDate;
  const order = await tx.order.create({
    data: {
      number: newOrderNumber(new Date(), await groupTimeZone(tx, offer.groupId)),
      groupId: offer.groupId,
      partnerId: offer.demand.partnerId,
      source: "OFFER",
      offerId: offer.id,
      deliveryDate,
      deliveryAddress: offer.demand.deliveryAddress,
      note: offer.demand.title,
      totalRupiah,
      createdById: actor.actorId,
      lines: {
        create: [
          {
            productId: product?.id ?? null,
            description: product?.name ?? offer.demand.title,
            unit: product?.unit ?? offer.demand.unit,
            quantity,
            unitPrice: offer.pricePerUnit,
          },
        ],
      },
    },
    select: { id: true, number: true },
  });
  await recordAudit(tx, actor, {
    action: "order.place",
    entityType: "Order",
    entityId: order.id,
    after: { status: "PLACED", source: "OFFER", offerId, totalRupiah },
  });
  await notifyUsers(tx, await groupUserIds(tx, offer.groupId), {
    kind: "orders:notify.placed",
    params: { number: order.number },
    link: `/orders/${order.id}`,
  });
  // the partner is told too: it is the party that accepted the offer, but other staff should see it
  await notifyUsers(tx, (await partnerUserIds(tx, offer.demand.partnerId)).filter((id) => id !== actor.actorId), {
    kind: "orders:notify.placed",
    params: { number: order.number },
    link: `/orders/${order.id}`,
    email: false,
  });
  return { id: order.id };
}

// ─── Everything below: catalogue orders, lifecycle, capacity, lists, production plan ──────────────


/** Notifies the other side of an order (group accounts + facilitator, or partner accounts), never the actor. */
export async function notifyOtherSide(
  tx: DbClient,
  actor: Actor,
  order: { id: string; number: string; groupId: string; partnerId: string },
  side: OrderSide | "system",
  kind: string,
  params: Record<string, string | number> = {},
) {
  const toGroup = side !== "group";
  const toPartner = side !== "partner";
  const ids = [
    ...(toGroup ? await groupUserIds(tx, order.groupId) : []),
    ...(toPartner ? await partnerUserIds(tx, order.partnerId) : []),
  ].filter((id) => id !== actor.actorId);
  await notifyUsers(tx, ids, { kind, params: { number: order.number, ...params }, link: `/orders/${order.id}` });
}

export type CatalogueOrderInput = {
  groupId: string;
  lines: { productId: string; quantity: number }[];
  deliveryDate: Date;
  deliveryAddress: string;
  note?: string | null;
  /** The form's one-time key: the same key again (a double submit) answers with the first order. */
  idempotencyKey?: string;
};

/** A fresh one-time key for a catalogue order form (hidden field; see placeCatalogueOrder). */
export function newOrderFormKey(): string {
  return randomUUID();
}

/** A partner orders one or more products of one group from the catalogue. Prices come from the catalogue. */
export async function placeCatalogueOrder(actor: Actor, partnerId: string, input: CatalogueOrderInput, now = new Date()) {
  requireSide(actor, "partner");
  if (actor.partnerId !== partnerId) throw new DomainError("errors:forbidden");
  const lines = input.lines.filter((l) => l.quantity > 0);
  if (lines.length === 0) throw new DomainError("orders:errors.noLines", {}, "_form");
  const key = input.idempotencyKey;
  try {
    return await db.$transaction(async (tx) => {
      if (key) {
        const first = await tx.order.findFirst({ where: { partnerId, idempotencyKey: key }, select: { id: true, number: true, groupId: true, partnerId: true } });
        if (first) return { ...first, duplicate: true };
      }
      return { ...(await placeInTransaction(tx)), duplicate: false };
    });
  } catch (error) {
    // The same key committed by a parallel submit in between: answer with that order.
    if (key && (error as { code?: string }).code === "P2002") {
      const first = await db.order.findFirst({ where: { partnerId, idempotencyKey: key }, select: { id: true, number: true, groupId: true, partnerId: true } });
      if (first) return { ...first, duplicate: true };
    }
    throw error;
  }

  async function placeInTransaction(tx: DbClient) {
    const group = await tx.group.findUnique({ where: { id: input.groupId }, select: { id: true, verificationStatus: true, active: true, dinasOffice: { select: { timeZone: true } } } });
    if (!group || group.verificationStatus !== "VERIFIED" || !group.active) throw new DomainError("orders:errors.groupNotTrading");
    // the delivery day and "today" are calendar days of the group's office
    const zone = zoneOf(group.dinasOffice);
    const deliveryDate = sameDayIn(input.deliveryDate, zone);
    const products = await tx.product.findMany({ where: { id: { in: lines.map((l) => l.productId) } } });
    const byId = new Map(products.map((p) => [p.id, p]));
    const today = startOfDayAt(now, zone);
    // a day that has passed is said so (not "the group needs N days")
    if (deliveryDate < today) throw new DomainError("orders:errors.datePassed", {}, "deliveryDate");
    const createLines: Prisma.OrderLineCreateWithoutOrderInput[] = [];
    let total = 0;
    for (const line of lines) {
      const product = byId.get(line.productId);
      if (!product || product.groupId !== input.groupId || product.status !== "ACTIVE") {
        throw new DomainError("orders:errors.productUnavailable", {}, `qty-${line.productId}`);
      }
      if (line.quantity < product.minOrderQty) {
        throw new DomainError("orders:errors.belowMinimum", { min: product.minOrderQty }, `qty-${line.productId}`);
      }
      if (deliveryDate < addDays(today, product.leadTimeDays)) {
        throw new DomainError("orders:errors.leadTime", { days: product.leadTimeDays }, "deliveryDate");
      }
      total += line.quantity * product.priceRupiah;
      createLines.push({
        product: { connect: { id: product.id } },
        description: product.name,
        unit: product.unit,
        quantity: line.quantity,
        unitPrice: product.priceRupiah,
      });
    }
    const order = await tx.order.create({
      data: {
        number: newOrderNumber(now, zone),
        group: { connect: { id: input.groupId } },
        partner: { connect: { id: partnerId } },
        source: "CATALOGUE",
        deliveryDate,
        deliveryAddress: input.deliveryAddress,
        note: input.note ?? null,
        totalRupiah: total,
        createdById: actor.actorId,
        idempotencyKey: key ?? null,
        lines: { create: createLines },
      },
      select: { id: true, number: true, groupId: true, partnerId: true },
    });
    await recordAudit(tx, actor, {
      action: "order.place",
      entityType: "Order",
      entityId: order.id,
      after: { status: "PLACED", source: "CATALOGUE", totalRupiah: total },
    });
    await notifyOtherSide(tx, actor, order, "partner", "orders:notify.placed");
    return order;
  }
}

/**
 * Refuses the acceptance when, counting this order, the group's accepted quantity of a product in the
 * delivery week exceeds the product's weekly capacity. Runs AFTER the guarded status update inside the
 * same transaction: SQLite then holds the write lock, so a concurrent accept waits and sees this one; on
 * PostgreSQL the product rows are locked first (`FOR UPDATE`, app/db/locks.server.ts) to the same effect.
 */
async function checkWeeklyCapacity(tx: DbClient, orderId: string) {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { groupId: true, deliveryDate: true, lines: { select: { productId: true } } },
  });
  const { start, end } = weekBounds(order.deliveryDate, await groupTimeZone(tx, order.groupId));
  const productIds = [...new Set(order.lines.map((l) => l.productId).filter((x): x is string => !!x))];
  // PostgreSQL: a racing accept of the same products waits here, then the sum below sees its quantities.
  await lockRowsForUpdate(tx, "Product", productIds);
  for (const productId of productIds) {
    const product = await tx.product.findUniqueOrThrow({ where: { id: productId }, select: { weeklyCapacity: true, name: true } });
    const used = await tx.orderLine.aggregate({
      _sum: { quantity: true },
      where: {
        productId,
        order: { groupId: order.groupId, status: { in: CAPACITY_STATUSES }, deliveryDate: { gte: start, lt: end } },
      },
    });
    const sum = used._sum.quantity ?? 0;
    if (sum > product.weeklyCapacity) {
      throw new DomainError("orders:errors.capacityExceeded", {
        product: product.name,
        capacity: product.weeklyCapacity,
      });
    }
  }
}

/** Remaining weekly capacity per product of a group for the week of `day` (its office's week, for the accept screen). */
export async function remainingCapacity(groupId: string, day: Date) {
  const { start, end } = weekBounds(day, await groupTimeZone(db, groupId));
  const products = await db.product.findMany({ where: { groupId }, select: { id: true, name: true, weeklyCapacity: true } });
  const used = await db.orderLine.groupBy({
    by: ["productId"],
    _sum: { quantity: true },
    where: { order: { groupId, status: { in: CAPACITY_STATUSES }, deliveryDate: { gte: start, lt: end } } },
  });
  const usedBy = new Map(used.map((u) => [u.productId, u._sum.quantity ?? 0]));
  return products.map((p) => ({ ...p, used: usedBy.get(p.id) ?? 0, remaining: p.weeklyCapacity - (usedBy.get(p.id) ?? 0) }));
}

/** `side` is what the caller expects the actor to be; the side is always taken from the actor. */
export type TransitionOptions = { reason?: string | null; side?: OrderSide; now?: Date };

/**
 * Moves an order along the lifecycle table. The side (group / partner / dinas) must be allowed to fire
 * the event; the update is guarded on the current status; audited and notified to the other side.
 */
export async function transitionOrder(actor: Actor, orderId: string, event: OrderEvent, options: TransitionOptions) {
  return db.$transaction((tx) => transitionOrderIn(tx, actor, orderId, event, options));
}

/**
 * Takes SQLite's write lock before the transaction reads anything (a no-op write as its first statement),
 * so a transaction that has to wait for another writer starts from fresh data instead of failing on a stale
 * snapshot. Matters when several processes share the database file.
 */
export async function lockOrder(tx: DbClient, actor: Actor | null, orderId: string) {
  // scoped: an order outside the actor's reach is not touched (not even its updatedAt) and is not found
  const locked = await tx.order.updateMany({ where: orderWhere(actor, orderId), data: { updatedAt: new Date() } });
  if (locked.count !== 1) throw new DomainError("errors:notFound");
}

export async function transitionOrderIn(tx: DbClient, actor: Actor, orderId: string, event: OrderEvent, options: TransitionOptions) {
  const now = options.now ?? new Date();
  const side = sideOf(actor);
  if (options.side && options.side !== side) throw new DomainError("errors:forbidden");
  await lockOrder(tx, actor, orderId);
  const order = await tx.order.findFirst({
    where: orderWhere(actor, orderId),
    select: { id: true, number: true, status: true, groupId: true, partnerId: true, source: true, deliveryDate: true },
  });
  if (!order) throw new DomainError("errors:notFound");
  const allowed = EVENT_SIDE[event];
  if (side !== "dinas" && allowed !== "either" && allowed !== side) throw new DomainError("errors:forbidden");
  if (side === "dinas" && event !== "cancel") throw new DomainError("errors:forbidden");
  const next = orderMachine.apply(order.status, event, options.reason);
  if (event === "cancel" && side === "partner" && order.status === "IN_PRODUCTION") {
    // production has started: the partner may no longer cancel on its own
    throw new DomainError("orders:errors.cancelInProduction");
  }
  await moveOrder(tx, actor, order, event, { reason: options.reason, data: { reason: options.reason?.trim() || undefined } });
  if (event === "accept") await checkWeeklyCapacity(tx, orderId);
  if (event === "ship") {
    await tx.delivery.create({ data: { orderId, shippedAt: now, recordedById: actor.actorId } });
  }
  await notifyOtherSide(tx, actor, order, side, `orders:notify.${event}`, { reason: options.reason ?? "" });
  return next as OrderStatus;
}

/**
 * The second look before the group accepts an order (decision 115 pattern, decision 127): the lines with the
 * quantities she is about to confirm (lower ones as typed), the total, the delivery day and who is told. The
 * same scoped lookup and the same rules as acceptOrder (the machine's reason for an order that is no longer
 * placed, a quantity above the order's or below 1 next to its field); nothing is written. The weekly capacity
 * is checked again by acceptOrder itself.
 */
export async function previewOrderAcceptance(actor: Actor, orderId: string, adjusted: Record<string, number> = {}) {
  requireSide(actor, "group");
  const order = await db.order.findFirst({
    where: orderWhere(actor, orderId),
    select: { id: true, number: true, status: true, deliveryDate: true, source: true, totalRupiah: true, partner: { select: { displayName: true } }, lines: { select: { id: true, description: true, unit: true, quantity: true, unitPrice: true } } },
  });
  if (!order) throw new DomainError("errors:notFound");
  orderMachine.apply(order.status, "accept");
  const lines = order.lines.map((line) => {
    const q = adjusted[line.id] ?? line.quantity;
    if (!Number.isInteger(q) || q < 1) throw new DomainError("orders:errors.quantityInvalid", {}, `qty-${line.id}`);
    if (q > line.quantity) throw new DomainError("orders:errors.groupCannotIncrease", {}, `qty-${line.id}`);
    return { id: line.id, description: line.description, unit: line.unit, ordered: line.quantity, quantity: q, unitPrice: line.unitPrice, subtotal: q * line.unitPrice };
  });
  return {
    orderId: order.id,
    number: order.number,
    partner: order.partner.displayName,
    deliveryDate: order.deliveryDate,
    standing: order.source === "STANDING",
    lines,
    totalBefore: order.totalRupiah,
    total: lines.reduce((sum, l) => sum + l.subtotal, 0),
    lowered: lines.some((l) => l.quantity < l.ordered),
  };
}

/** The group confirms a placed order, optionally with lower quantities (adjusted), in one step. */
export async function acceptOrder(actor: Actor, orderId: string, adjusted: Record<string, number> = {}, reason?: string | null) {
  requireSide(actor, "group");
  return db.$transaction(async (tx) => {
    await lockOrder(tx, actor, orderId);
    if (Object.keys(adjusted).length > 0) await adjustQuantitiesIn(tx, actor, orderId, adjusted, "group", reason);
    return transitionOrderIn(tx, actor, orderId, "accept", { side: "group", reason });
  });
}

async function adjustQuantitiesIn(
  tx: DbClient,
  actor: Actor,
  orderId: string,
  quantities: Record<string, number>,
  side: OrderSide,
  reason?: string | null,
  maxPerLine?: Map<string, number>,
) {
  const order = await tx.order.findFirst({ where: orderWhere(actor, orderId), include: { lines: true } });
  if (!order) throw new DomainError("errors:notFound");
  const before: Record<string, number> = {};
  const after: Record<string, number> = {};
  for (const line of order.lines) {
    const q = quantities[line.id];
    if (q === undefined || q === line.quantity) continue;
    if (!Number.isInteger(q) || q < 1) throw new DomainError("orders:errors.quantityInvalid", {}, `qty-${line.id}`);
    if (side === "group" && q > line.quantity) throw new DomainError("orders:errors.groupCannotIncrease", {}, `qty-${line.id}`);
    const max = maxPerLine?.get(line.id);
    if (max !== undefined && q > max) throw new DomainError("orders:errors.beyondMou", { max }, `qty-${line.id}`);
    before[line.id] = line.quantity;
    after[line.id] = q;
    await tx.orderLine.update({ where: { id: line.id }, data: { quantity: q } });
  }
  if (Object.keys(after).length === 0) return;
  const lines = await tx.orderLine.findMany({ where: { orderId }, select: { quantity: true, unitPrice: true } });
  const total = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
  const updated = await tx.order.updateMany({ where: { id: orderId, status: order.status }, data: { totalRupiah: total } });
  if (updated.count !== 1) throw new DomainError("errors:staleState");
  await recordAudit(tx, actor, { action: "order.adjust", entityType: "Order", entityId: orderId, before, after, reason: reason ?? null });
  await notifyOtherSide(tx, actor, order, side, "orders:notify.adjusted");
}

/**
 * The partner changes the quantities of a standing order within the MoU's terms: only while the order is
 * placed or accepted, before the product's lead time, and at most the MoU's quantity per delivery.
 */
export async function changeStandingOrder(actor: Actor, orderId: string, quantities: Record<string, number>, now = new Date()) {
  requireSide(actor, "partner");
  return db.$transaction(async (tx) => {
    const order = await tx.order.findFirst({
      where: orderWhere(actor, orderId),
      include: { lines: { include: { product: { select: { leadTimeDays: true } } } } },
    });
    if (!order) throw new DomainError("errors:notFound");
    // only standing orders (generated from a MoU) may be changed by the partner; others are agreed as placed
    if (order.source !== "STANDING") throw new DomainError("orders:errors.notStanding");
    if (!["PLACED", "ACCEPTED"].includes(order.status)) throw new DomainError("orders:errors.tooLateToChange");
    await assertBeforeCutoff(order, now);
    const max = await mouMaxPerLine(tx, order);
    await adjustQuantitiesIn(tx, actor, orderId, quantities, "partner", null, max);
    if (order.status === "ACCEPTED") {
      // an increase must still fit the group's capacity
      await checkWeeklyCapacity(tx, orderId);
    }
  });
}

/** The partner skips one delivery day of a standing order (before the cutoff). */
export async function skipStandingOrder(actor: Actor, orderId: string, reason: string, now = new Date()) {
  requireSide(actor, "partner");
  return db.$transaction(async (tx) => {
    const order = await tx.order.findFirst({
      where: orderWhere(actor, orderId),
      include: { lines: { include: { product: { select: { leadTimeDays: true } } } } },
    });
    if (!order) throw new DomainError("errors:notFound");
    if (order.source !== "STANDING") throw new DomainError("orders:errors.notStanding");
    await assertBeforeCutoff(order, now);
    return transitionOrderIn(tx, actor, orderId, "skip", { side: "partner", reason, now });
  });
}

async function assertBeforeCutoff(
  order: { source: string; deliveryDate: Date; lines: { product: { leadTimeDays: number } | null }[] },
  now: Date,
) {
  const lead = Math.max(1, ...order.lines.map((l) => l.product?.leadTimeDays ?? 1));
  if (addDays(now, lead) > order.deliveryDate) throw new DomainError("orders:errors.tooLateToChange", { days: lead });
}

async function mouMaxPerLine(tx: DbClient, order: { mouId: string | null; groupId: string; lines: { id: string; productId: string | null; description: string }[] }) {
  const max = new Map<string, number>();
  if (!order.mouId) return max;
  const content = await activeMouContent(tx, order.mouId);
  if (!content) return max;
  for (const line of order.lines) {
    const item = content.scope.items.find(
      (i) => i.groupId === order.groupId && (line.productId ? i.productId === line.productId : i.description === line.description),
    );
    if (item) max.set(line.id, item.quantityPerDelivery);
  }
  return max;
}


/** The content of a MoU's active (signed) version, or null. */
export async function activeMouContent(client: DbClient, mouId: string): Promise<MouContent | null> {
  const mou = await client.mou.findUnique({ where: { id: mouId }, select: { activeVersionId: true, currentVersionId: true } });
  const versionId = mou?.activeVersionId ?? mou?.currentVersionId;
  if (!versionId) return null;
  const version = await client.mouVersion.findUnique({ where: { id: versionId }, select: { content: true } });
  if (!version) return null;
  // Unreadable content is an error, never "no MoU terms" (which would invoice on the 14-day default).
  return readMouContent(version.content, versionId);
}

// ─── Reading ─────────────────────────────────────────────────────────────────

export const ORDER_PAGE_SIZE = 20;

/**
 * One page of the orders the actor may see (20 per page): its group's, its partner's, its assigned
 * groups', its Dinas office's (admin: all). `groupId` narrows to one group within that scope.
 */
export async function listOrders(actor: Actor, filter: { status?: OrderStatus; page?: number; groupId?: string | null } = {}) {
  const where: Prisma.OrderWhereInput = {
    AND: [orderScope(actor), filter.groupId ? { groupId: filter.groupId } : {}, filter.status ? { status: filter.status } : {}],
  };
  const scoped = actor.role !== "ADMIN" || !!filter.groupId;
  const page = Math.max(1, filter.page ?? 1);
  const rows = await db.order.findMany({
    where,
    // unfiltered: newest first on the (groupId|partnerId, createdAt) index; by status: by delivery day on
    // the (groupId|partnerId, status, deliveryDate) index — both avoid sorting a large group's history
    // (Dinas, unscoped: newest ids first on the primary key; cuid ids grow with time)
    orderBy: filter.status
      ? [{ deliveryDate: "desc" }, { id: "desc" }]
      : scoped
        ? [{ createdAt: "desc" }, { id: "desc" }]
        : [{ id: "desc" }],
    skip: (page - 1) * ORDER_PAGE_SIZE,
    take: ORDER_PAGE_SIZE + 1,
    select: {
      id: true,
      number: true,
      status: true,
      source: true,
      deliveryDate: true,
      totalRupiah: true,
      group: { select: { id: true, name: true, dinasOffice: { select: { timeZone: true } } } },
      partner: { select: { id: true, displayName: true } },
      mou: { select: { dinasOffice: { select: { timeZone: true } } } },
    },
  });
  // each row carries its zone (its MoU's office, else its group's): a partner's list may span offices (decision 123)
  const orders = rows.slice(0, ORDER_PAGE_SIZE).map(({ mou, group: { dinasOffice, ...group }, ...o }) => ({ ...o, group, zone: zoneOf(mou?.dinasOffice ?? dinasOffice) }));
  return { orders, hasMore: rows.length > ORDER_PAGE_SIZE, page };
}

/** One order with its lines, deliveries and invoice, if the actor may see it. */
export async function getOrder(actor: Actor, orderId: string) {
  return db.order.findFirst({
    where: orderWhere(actor, orderId),
    include: {
      group: { select: { id: true, name: true, slug: true, facilitatorId: true } },
      partner: { select: { id: true, displayName: true } },
      mou: { select: { id: true, number: true } },
      lines: { include: { product: { select: { slug: true, leadTimeDays: true } } } },
      deliveries: { include: { lines: true }, orderBy: { createdAt: "asc" } },
      invoice: { select: { id: true, number: true, status: true, amountRupiah: true, dueAt: true } },
    },
  });
}

/**
 * The group's production plan: per day of the coming week (from today, WIB), per product, the quantity
 * to make across all partners (orders placed, accepted or in production).
 */
export async function productionPlan(groupId: string, now = new Date(), days = 7) {
  const zone = await groupTimeZone(db, groupId);
  const today = dayKey(now, zone);
  const start = startOfDay(today, zone);
  const end = startOfDay(addCalendarDays(today, days), zone);
  const lines = await db.orderLine.findMany({
    where: { order: { groupId, status: { in: PLAN_STATUSES }, deliveryDate: { gte: start, lt: end } } },
    select: {
      description: true,
      unit: true,
      quantity: true,
      productId: true,
      order: { select: { id: true, number: true, status: true, deliveryDate: true, partner: { select: { displayName: true } } } },
    },
  });
  const byDay = new Map<string, Map<string, { description: string; unit: string; quantity: number; confirmed: number; orders: { id: string; number: string; partner: string; quantity: number; status: string }[] }>>();
  for (let i = 0; i < days; i++) byDay.set(addCalendarDays(today, i), new Map());
  for (const line of lines) {
    const day = byDay.get(dayKey(line.order.deliveryDate, zone));
    if (!day) continue;
    const key = line.productId ?? line.description;
    const entry = day.get(key) ?? { description: line.description, unit: line.unit, quantity: 0, confirmed: 0, orders: [] };
    entry.quantity += line.quantity;
    if (line.order.status !== "PLACED") entry.confirmed += line.quantity;
    entry.orders.push({ id: line.order.id, number: line.order.number, partner: line.order.partner.displayName, quantity: line.quantity, status: line.order.status });
    day.set(key, entry);
  }
  return [...byDay.entries()].map(([day, products]) => ({ day, products: [...products.values()] }));
}

/** The orders page of an actor: the page of orders, and the group switcher for facilitators. */
export async function ordersPage(actor: Actor, filter: { status?: OrderStatus; page?: number; groupId?: string | null }) {
  const groups = await groupChoices(actor);
  const result = await listOrders(actor, filter);
  return { ...result, groups: actor.role === "FACILITATOR" ? groups : null };
}

/** The order detail page: the order, the side the actor speaks for, capacity left (group, placed orders). */
export async function orderPage(baseActor: Actor, orderId: string) {
  const order = await getOrder(baseActor, orderId);
  if (!order) return null;
  const actor = actorForRecord(baseActor, order);
  const side = sideOf(actor);
  const capacity = side === "group" && order.status === "PLACED" ? await remainingCapacity(order.groupId, order.deliveryDate) : [];
  return { order, actor, side, capacity };
}

/** The handover photo key of an order's latest receipt, if the actor may see the order. */
export async function deliveryPhotoKey(actor: Actor, orderId: string): Promise<string | null> {
  const order = await db.order.findFirst({
    where: orderWhere(actor, orderId),
    select: { deliveries: { where: { photoKey: { not: null } }, orderBy: { createdAt: "desc" }, take: 1, select: { photoKey: true } } },
  });
  return order?.deliveries[0]?.photoKey ?? null;
}

/** The production plan page: the group (own, or ?group= within the actor's scope), its plan, the switcher. */
export async function productionPlanPage(actor: Actor, groupParam: string | null, now = new Date()) {
  const group = await groupForPages(actor, groupParam);
  const [plan, groups] = await Promise.all([productionPlan(group.id, now), groupChoices(actor)]);
  return { group, plan, groups, groupId: group.id };
}
