import type { Actor } from "~/auth/actor";
import { groupChoices, groupForPages } from "~/orders/access.server";
import { db } from "~/db/db.server";
import { isOverdue } from "./invoices.server";
import { dayKey } from "~/time/calendar";
import { groupTimeZone } from "~/time/office-zone.server";

export type LedgerRow = {
  invoiceId: string;
  invoiceNumber: string;
  orderId: string;
  orderNumber: string;
  partner: string;
  issuedAt: Date;
  dueAt: Date;
  status: string;
  amountRupiah: number;
  paidRupiah: number;
  outstandingRupiah: number;
  overdue: boolean;
};

/**
 * A group's ledger from its invoices (revenue = invoiced amounts of received goods): per order, per month
 * (of issue, in the group office's zone), per partner, and outstanding receivables. Voided invoices are left out.
 */
export async function groupLedger(groupId: string, now = new Date(), year?: number) {
  const zone = await groupTimeZone(db, groupId);
  const invoices = await db.invoice.findMany({
    where: { groupId, status: { not: "VOID" }, ...(year ? { year } : {}) },
    orderBy: { issuedAt: "desc" },
    select: {
      id: true,
      number: true,
      status: true,
      issuedAt: true,
      dueAt: true,
      amountRupiah: true,
      order: { select: { id: true, number: true } },
      partner: { select: { id: true, displayName: true } },
      payments: { where: { status: "CONFIRMED" }, select: { amountRupiah: true } },
    },
  });
  const rows: LedgerRow[] = invoices.map((i) => {
    const paid = i.status === "PAID" ? i.amountRupiah : Math.min(i.amountRupiah, i.payments.reduce((s, p) => s + p.amountRupiah, 0));
    return {
      invoiceId: i.id,
      invoiceNumber: i.number,
      orderId: i.order.id,
      orderNumber: i.order.number,
      partner: i.partner.displayName,
      issuedAt: i.issuedAt,
      dueAt: i.dueAt,
      status: i.status,
      amountRupiah: i.amountRupiah,
      paidRupiah: paid,
      outstandingRupiah: i.amountRupiah - paid,
      overdue: isOverdue(i, now),
    };
  });
  const byMonth = new Map<string, { month: string; revenue: number; paid: number; outstanding: number; orders: number }>();
  const byPartner = new Map<string, { partner: string; revenue: number; paid: number; outstanding: number; orders: number }>();
  for (const r of rows) {
    const month = dayKey(r.issuedAt, zone).slice(0, 7);
    const m = byMonth.get(month) ?? { month, revenue: 0, paid: 0, outstanding: 0, orders: 0 };
    m.revenue += r.amountRupiah;
    m.paid += r.paidRupiah;
    m.outstanding += r.outstandingRupiah;
    m.orders++;
    byMonth.set(month, m);
    const p = byPartner.get(r.partner) ?? { partner: r.partner, revenue: 0, paid: 0, outstanding: 0, orders: 0 };
    p.revenue += r.amountRupiah;
    p.paid += r.paidRupiah;
    p.outstanding += r.outstandingRupiah;
    p.orders++;
    byPartner.set(r.partner, p);
  }
  return {
    /** the group office's zone: the months above and the rows' dates are its days */
    zone,
    rows,
    byMonth: [...byMonth.values()].sort((a, b) => b.month.localeCompare(a.month)),
    byPartner: [...byPartner.values()].sort((a, b) => b.revenue - a.revenue),
    totals: {
      revenue: rows.reduce((s, r) => s + r.amountRupiah, 0),
      paid: rows.reduce((s, r) => s + r.paidRupiah, 0),
      outstanding: rows.reduce((s, r) => s + r.outstandingRupiah, 0),
      overdue: rows.filter((r) => r.overdue).reduce((s, r) => s + r.outstandingRupiah, 0),
    },
  };
}

function csvCell(value: string | number): string {
  const s = String(value);
  // neutralise spreadsheet formulas and quote when needed
  const safe = /^[=+\-@\t\r]/.test(s) && typeof value === "string" ? `'${s}` : s;
  return /[",\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The ledger rows as CSV (UTF-8 with BOM so spreadsheet programs read it right); headers translated by the caller. */
export function ledgerCsv(rows: LedgerRow[], headers: string[], zone: string): string {
  const lines = [headers.map(csvCell).join(",")];
  for (const r of rows) {
    lines.push(
      [r.invoiceNumber, r.orderNumber, r.partner, dayKey(r.issuedAt, zone), dayKey(r.dueAt, zone), r.status, r.amountRupiah, r.paidRupiah, r.outstandingRupiah, r.overdue ? 1 : 0]
        .map(csvCell)
        .join(","),
    );
  }
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

/** Orders per page of the ledger's per-order list (the totals and summaries count every order). */
export const LEDGER_PAGE_SIZE = 20;

/** The ledger page: the group (own, or ?group= within the actor's scope), its ledger, the group switcher. */
export async function ledgerPage(actor: Actor, groupParam: string | null, now = new Date()) {
  const group = await groupForPages(actor, groupParam);
  const [ledger, groups] = await Promise.all([groupLedger(group.id, now), groupChoices(actor)]);
  return { group, ledger, groups, groupId: group.id };
}

/** One page of the per-order list (1-based; a page beyond the last shows the last). */
export function ledgerRowsPage(rows: LedgerRow[], requested: number) {
  const pages = Math.max(1, Math.ceil(rows.length / LEDGER_PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.isInteger(requested) ? requested : 1));
  return { rows: rows.slice((page - 1) * LEDGER_PAGE_SIZE, page * LEDGER_PAGE_SIZE), page, pages, count: rows.length };
}
