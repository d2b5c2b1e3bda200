import type { Actor } from "~/auth/guard.server";
import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import { issueInvoiceIn } from "~/payments/invoices.server";
import { orderWhere, requireSide } from "./access.server";
import { orderMachine } from "./order-machine";
import { moveOrder } from "./order-transitions.server";
import { notifyOtherSide } from "./orders.server";
import { trackRecordRates, trackRecordSums } from "./track-record.server";

/** Longest rejection reason kept on a BAST line: a longer one is refused with a message, never cut. */
export const MAX_REJECTION_REASON = 300;

/** Hours after receipt during which the group may dispute the handover record (BAST). */
export const DISPUTE_WINDOW_HOURS = 48;

export type ReceiptLineInput = { orderLineId: string; deliveredQty: number; acceptedQty: number; rejectedQty: number; rejectionReason?: string | null };
export type ReceiptInput = { receivedByName: string; lines: ReceiptLineInput[]; photoKey?: string | null };

/** Checks one BAST line: accepted + rejected = delivered, a reason for any rejection. Pure, for tests. */
export function validateReceiptLine(line: ReceiptLineInput, ordered: number): void {
  const field = `delivered-${line.orderLineId}`;
  for (const q of [line.deliveredQty, line.acceptedQty, line.rejectedQty]) {
    if (!Number.isInteger(q) || q < 0) throw new DomainError("orders:errors.quantityInvalid", {}, field);
  }
  if (line.acceptedQty + line.rejectedQty !== line.deliveredQty) throw new DomainError("orders:errors.receiptSum", {}, field);
  if (line.deliveredQty > ordered) throw new DomainError("orders:errors.deliveredTooMany", { max: ordered }, field);
  if (line.rejectedQty > 0 && !line.rejectionReason?.trim()) throw new DomainError("orders:errors.rejectionReason", {}, `reason-${line.orderLineId}`);
  const reasonLength = line.rejectionReason?.trim().length ?? 0;
  if (reasonLength > MAX_REJECTION_REASON) {
    throw new DomainError("validation:tooLongBy", { max: MAX_REJECTION_REASON, count: reasonLength }, `reason-${line.orderLineId}`);
  }
}

/**
 * The partner records the handover (BAST): delivered, accepted and rejected quantities per line, who
 * received it, an optional photo. SHIPPED → RECEIVED; the group then has 48 hours to dispute.
 */
export async function recordReceipt(actor: Actor, orderId: string, input: ReceiptInput, now = new Date()) {
  requireSide(actor, "partner");
  return db.$transaction(async (tx) => {
    const order = await tx.order.findFirst({ where: orderWhere(actor, orderId), include: { lines: true, deliveries: { orderBy: { createdAt: "desc" }, take: 1 } } });
    if (!order) throw new DomainError("errors:notFound");
    orderMachine.apply(order.status, "receive"); // refused before the lines are checked
    if (!input.receivedByName.trim()) throw new DomainError("validation:required", {}, "receivedByName");
    const byLine = new Map(input.lines.map((l) => [l.orderLineId, l]));
    for (const line of order.lines) {
      const entry = byLine.get(line.id);
      if (!entry) throw new DomainError("orders:errors.receiptMissingLine", {}, `delivered-${line.id}`);
      validateReceiptLine(entry, line.quantity);
    }
    await moveOrder(tx, actor, order, "receive", { auditAfter: { receivedByName: input.receivedByName, lines: input.lines } });
    const existing = order.deliveries[0];
    const delivery = existing && !existing.receivedAt
      ? await tx.delivery.update({
          where: { id: existing.id },
          data: { receivedAt: now, receivedByName: input.receivedByName.trim(), photoKey: input.photoKey ?? null, recordedById: actor.actorId, disputeDeadline: new Date(now.getTime() + DISPUTE_WINDOW_HOURS * 3600_000) },
        })
      : await tx.delivery.create({
          data: { orderId, shippedAt: now, receivedAt: now, receivedByName: input.receivedByName.trim(), photoKey: input.photoKey ?? null, recordedById: actor.actorId, disputeDeadline: new Date(now.getTime() + DISPUTE_WINDOW_HOURS * 3600_000) },
        });
    for (const line of order.lines) {
      const entry = byLine.get(line.id)!;
      await tx.deliveryLine.create({
        data: {
          deliveryId: delivery.id,
          orderLineId: line.id,
          deliveredQty: entry.deliveredQty,
          acceptedQty: entry.acceptedQty,
          rejectedQty: entry.rejectedQty,
          rejectionReason: entry.rejectedQty > 0 ? entry.rejectionReason!.trim() : null,
        },
      });
      await tx.orderLine.update({ where: { id: line.id }, data: { acceptedQty: entry.acceptedQty, rejectedQty: entry.rejectedQty } });
    }
    await notifyOtherSide(tx, actor, order, "partner", "orders:notify.receive");
    return { deliveryId: delivery.id };
  });
}

/** The group disputes the handover record within 48 hours of receipt. */
export async function disputeReceipt(actor: Actor, orderId: string, reason: string, now = new Date()) {
  requireSide(actor, "group");
  return db.$transaction(async (tx) => {
    const order = await tx.order.findFirst({ where: orderWhere(actor, orderId), include: { deliveries: { where: { receivedAt: { not: null } }, orderBy: { receivedAt: "desc" }, take: 1 } } });
    if (!order) throw new DomainError("errors:notFound");
    orderMachine.apply(order.status, "dispute", reason); // refused before the window is checked
    const delivery = order.deliveries[0];
    if (!delivery?.disputeDeadline || delivery.disputeDeadline < now) throw new DomainError("orders:errors.disputeWindowClosed");
    await moveOrder(tx, actor, order, "dispute", { reason, data: { reason: reason.trim() } });
    await tx.delivery.update({ where: { id: delivery.id }, data: { disputedAt: now, disputeReason: reason.trim() } });
    await notifyOtherSide(tx, actor, order, "group", "orders:notify.dispute", { reason });
  });
}

/**
 * The partner resolves a dispute by correcting the accepted quantities (rejected = delivered − accepted);
 * the order goes back to RECEIVED and the dispute window is closed.
 */
export async function resolveDispute(actor: Actor, orderId: string, accepted: Record<string, number>, note?: string | null, now = new Date()) {
  requireSide(actor, "partner");
  return db.$transaction(async (tx) => {
    const order = await tx.order.findFirst({ where: orderWhere(actor, orderId), include: { deliveries: { include: { lines: true }, where: { receivedAt: { not: null } }, orderBy: { receivedAt: "desc" }, take: 1 } } });
    if (!order) throw new DomainError("errors:notFound");
    orderMachine.apply(order.status, "resolveDispute"); // refused before any line is touched
    const delivery = order.deliveries[0];
    if (!delivery) throw new DomainError("errors:notFound");
    const changes: Record<string, { from: number; to: number }> = {};
    for (const line of delivery.lines) {
      const q = accepted[line.orderLineId];
      if (q === undefined || q === line.acceptedQty) continue;
      if (!Number.isInteger(q) || q < 0 || q > line.deliveredQty) throw new DomainError("orders:errors.quantityInvalid", {}, `accepted-${line.orderLineId}`);
      changes[line.orderLineId] = { from: line.acceptedQty, to: q };
      await tx.deliveryLine.update({ where: { id: line.id }, data: { acceptedQty: q, rejectedQty: line.deliveredQty - q } });
      await tx.orderLine.update({ where: { id: line.orderLineId }, data: { acceptedQty: q, rejectedQty: line.deliveredQty - q } });
    }
    await moveOrder(tx, actor, order, "resolveDispute", { reason: note ?? null, auditAfter: { changes } });
    await tx.delivery.update({ where: { id: delivery.id }, data: { disputeDeadline: now } }); // the window closes now (the injected clock)
    await notifyOtherSide(tx, actor, order, "partner", "orders:notify.resolveDispute");
  });
}

/** Issues the invoice of a received order (group side, or the job once the dispute window has passed). */
export async function invoiceOrder(actor: Actor | null, orderId: string, now = new Date()) {
  if (actor) requireSide(actor, "group");
  return db.$transaction((tx) => issueInvoiceIn(tx, actor, orderId, now));
}

/**
 * A group's track record for the demand board: share of received orders delivered on or before their
 * delivery day (in the group's office zone), and share of delivered units the partner accepted (rejections lower it).
 */
export async function groupTrackRecord(groupId: string): Promise<{ onTimeRate: number | null; qualityAcceptanceRate: number | null; receivedOrders: number; deliveredUnits: number }> {
  const sums = (await trackRecordSums([groupId])).get(groupId)!;
  const rates = trackRecordRates(sums);
  return { onTimeRate: rates.onTimeRate, qualityAcceptanceRate: rates.qualityRate, receivedOrders: sums.receivedOrders, deliveredUnits: sums.deliveredUnits };
}
