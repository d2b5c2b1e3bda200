import { zoneOf } from "~/time/office-zone.server";
import { formatRupiah } from "~/i18n/format";
import { recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/guard.server";
import { db, type DbClient } from "~/db/db.server";
import { isCorruptStoredData } from "~/db/stored-data";
import { serializeOn } from "~/db/locks.server";
import { DomainError } from "~/domain/errors";
import { groupUserIds, notifyUsers, partnerUserIds } from "~/notifications/notify.server";
import { moveOrder } from "~/orders/order-transitions.server";
import { moveInvoice } from "./invoice-transitions.server";
import { addDays, groupCode, invoiceNumber } from "~/orders/numbers";
import { invoiceScope, invoiceWhere, orderWhere, actorForRecord, sideOf } from "~/orders/access.server";
import { activeMouContent, lockOrder } from "~/orders/orders.server";
import { dayKey } from "~/time/calendar";
import { DEFAULT_TERMS, dueDateFor } from "./due-date";
import { orderTimeZone } from "~/time/office-zone.server";


/** Invoice amount: accepted quantity × unit price, summed over the lines (integer Rupiah). Pure. */
export function invoiceAmount(lines: { quantity: number; acceptedQty: number | null; unitPrice: number }[]): number {
  return lines.reduce((sum, l) => sum + (l.acceptedQty ?? l.quantity) * l.unitPrice, 0);
}

export { DEFAULT_TERMS, dueDateFor };

export function isOverdue(invoice: { status: string; dueAt: Date | string }, now = new Date()): boolean {
  return invoice.status === "ISSUED" && new Date(invoice.dueAt).getTime() < now.getTime();
}

/**
 * Issues the invoice of a received order: numbered per group and year (INV/<GROUP>/2026/0001), amount
 * from accepted quantities, due date from the MoU's payment terms. RECEIVED → INVOICED.
 */
export async function issueInvoiceIn(tx: DbClient, actor: Actor | null, orderId: string, now = new Date()) {
  await lockOrder(tx, actor, orderId); // write lock first: the per-group sequence below is read fresh
  const order = await tx.order.findFirst({ where: orderWhere(actor, orderId), include: { lines: true, group: { select: { slug: true } } } });
  if (!order) throw new DomainError("errors:notFound");
  await moveOrder(tx, actor, order, "invoice");
  const terms = (order.mouId ? (await activeMouContent(tx, order.mouId))?.payment : null) ?? DEFAULT_TERMS;
  const zone = await orderTimeZone(tx, order);
  const year = Number(dayKey(now, zone).slice(0, 4));
  // PostgreSQL: invoices of one group and year are numbered one at a time (SQLite's writer lock does this already)
  await serializeOn(tx, `invoice-number:${order.groupId}:${year}`);
  const last = await tx.invoice.aggregate({ _max: { sequence: true }, where: { groupId: order.groupId, year } });
  const sequence = (last._max.sequence ?? 0) + 1;
  const amountRupiah = invoiceAmount(order.lines);
  const invoice = await tx.invoice.create({
    data: {
      number: invoiceNumber(groupCode(order.group.slug), year, sequence),
      groupId: order.groupId,
      partnerId: order.partnerId,
      orderId,
      year,
      sequence,
      amountRupiah,
      issuedAt: now,
      dueAt: dueDateFor(terms, { issuedAt: now, deliveryDate: order.deliveryDate }, zone),
    },
  });
  await recordAudit(tx, actor, {
    action: "invoice.issue",
    entityType: "Invoice",
    entityId: invoice.id,
    after: { number: invoice.number, amountRupiah, dueAt: invoice.dueAt, orderId, terms },
  });
  if (amountRupiah === 0) {
    // nothing to pay (every line rejected at handover): paid at once, through both machines
    await moveInvoice(tx, actor, invoice, "pay", { data: { paidAt: now }, auditAfter: { zeroAmount: true } });
    await moveOrder(tx, actor, { id: orderId, status: "INVOICED" }, "pay", { auditAfter: { zeroAmount: true } });
  }
  const ids = [...(await partnerUserIds(tx, order.partnerId)), ...(await groupUserIds(tx, order.groupId))].filter((id) => id !== actor?.actorId);
  await notifyUsers(tx, ids, { kind: "payments:notify.invoiced", params: { number: invoice.number, amount: formatRupiah(amountRupiah) }, link: `/invoices/${invoice.id}` });
  return amountRupiah === 0 ? tx.invoice.findUniqueOrThrow({ where: { id: invoice.id } }) : invoice;
}

/** Job: invoices received orders whose dispute window has passed without a dispute. */
export async function autoInvoiceReceived(now: Date) {
  const due = await db.order.findMany({
    where: { status: "RECEIVED", deliveries: { some: { disputeDeadline: { lt: now }, disputedAt: null } } },
    select: { id: true },
    take: 200,
  });
  let issued = 0;
  const corrupt: string[] = [];
  for (const { id } of due) {
    try {
      await db.$transaction((tx) => issueInvoiceIn(tx, null, id, now));
      issued++;
    } catch (error) {
      // An MoU whose stored terms cannot be read is never invoiced on default terms: that order stays
      // RECEIVED (logged with the version id, decision 076) and the others are invoiced.
      if (isCorruptStoredData(error)) {
        corrupt.push(id);
        continue;
      }
      if (!(error instanceof DomainError)) throw error;
    }
  }
  if (corrupt.length) console.error(`[invoices] not invoiced, MoU content unreadable: orders ${corrupt.join(", ")}`);
  return { issued, corrupt };
}

/** Days between overdue reminders of one invoice. */
export const REMINDER_INTERVAL_DAYS = 3;

/** Job: reminds the partner (and tells the group) of overdue invoices, at most every 3 days per invoice. */
export async function remindOverdueInvoices(now: Date) {
  const overdue = await db.invoice.findMany({
    where: {
      status: "ISSUED",
      dueAt: { lt: now },
      OR: [{ remindedAt: null }, { remindedAt: { lt: addDays(now, -REMINDER_INTERVAL_DAYS) } }],
    },
    select: { id: true, number: true, amountRupiah: true, partnerId: true, groupId: true, remindedAt: true },
    take: 500,
  });
  let reminded = 0;
  for (const invoice of overdue) {
    await db.$transaction(async (tx) => {
      const claimed = await tx.invoice.updateMany({ where: { id: invoice.id, remindedAt: invoice.remindedAt }, data: { remindedAt: now } });
      if (claimed.count !== 1) return;
      await notifyUsers(tx, await partnerUserIds(tx, invoice.partnerId), {
        kind: "payments:notify.overdue",
        params: { number: invoice.number, amount: formatRupiah(invoice.amountRupiah) },
        link: `/invoices/${invoice.id}`,
      });
      await notifyUsers(tx, await groupUserIds(tx, invoice.groupId), {
        kind: "payments:notify.overdueGroup",
        params: { number: invoice.number, amount: formatRupiah(invoice.amountRupiah) },
        link: `/invoices/${invoice.id}`,
        email: false,
      });
      reminded++;
    });
  }
  return { reminded };
}

/** One page of the invoices the actor may see (same parties as orders); `groupId` narrows within that scope. */
export async function listInvoices(actor: Actor, filter: { overdue?: boolean; page?: number; groupId?: string | null } = {}, now = new Date()) {
  const page = Math.max(1, filter.page ?? 1);
  const rows = await db.invoice.findMany({
    where: {
      AND: [invoiceScope(actor), filter.groupId ? { groupId: filter.groupId } : {}, filter.overdue ? { status: "ISSUED", dueAt: { lt: now } } : {}],
    },
    orderBy: [{ issuedAt: "desc" }],
    skip: (page - 1) * 20,
    take: 21,
    select: {
      id: true,
      number: true,
      amountRupiah: true,
      status: true,
      issuedAt: true,
      dueAt: true,
      group: { select: { name: true, dinasOffice: { select: { timeZone: true } } } },
      partner: { select: { displayName: true } },
      order: { select: { id: true, number: true, mou: { select: { dinasOffice: { select: { timeZone: true } } } } } },
    },
  });
  // each row carries its order's zone (decision 123)
  const invoices = rows.slice(0, 20).map(({ group: { dinasOffice, ...group }, order: { mou, ...order }, ...i }) => ({ ...i, group, order, zone: zoneOf(mou?.dinasOffice ?? dinasOffice), overdue: isOverdue(i, now) }));
  return { invoices, hasMore: rows.length > 20, page };
}

/** One invoice with its parties, order lines and payments, if the actor may see it. */
export async function getInvoice(actor: Actor, invoiceId: string) {
  const invoice = await db.invoice.findFirst({
    where: invoiceWhere(actor, invoiceId),
    include: {
      group: { select: { id: true, name: true, address: true, phone: true, slug: true, facilitatorId: true, dinasOfficeId: true, dinasOffice: { select: { timeZone: true } } } },
      partner: { select: { id: true, displayName: true, legalName: true, address: true } },
      order: { include: { lines: true, mou: { select: { number: true, dinasOffice: { select: { timeZone: true } } } } } },
      payments: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!invoice) return null;
  // the invoice's zone is its order's: the MoU's office, else the group's (decision 079); dates print in it (123)
  return { ...invoice, zone: zoneOf(invoice.order.mou?.dinasOffice ?? invoice.group.dinasOffice) };
}

/** The invoice page: the invoice, the side the actor speaks for, and the actor (assisted mode for facilitators). */
export async function invoicePage(baseActor: Actor, invoiceId: string) {
  const invoice = await getInvoice(baseActor, invoiceId);
  if (!invoice) return null;
  const actor = actorForRecord(baseActor, invoice);
  return { invoice, actor, side: sideOf(actor) };
}

/** The proof file key of a recorded bank transfer, if the actor may see its invoice. */
export async function paymentProofKey(actor: Actor, paymentId: string): Promise<string | null> {
  const payment = await db.payment.findFirst({ where: { id: paymentId, invoice: invoiceScope(actor) }, select: { proofKey: true } });
  return payment?.proofKey ?? null;
}
