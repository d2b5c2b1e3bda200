import type { Actor } from "~/auth/actor";
import { db } from "~/db/db.server";
import { Prisma } from "~/generated/prisma/client";
import { groupChoices, groupForPages } from "~/orders/access.server";
import { keysetPage } from "~/paging/keyset.server";
import { PAGE_SIZE, type KeysetPage, type KeySpec, type PageRequest } from "~/paging/page-params";
import { addMonths, dayKey, monthKey, startOfDay } from "~/time/calendar";
import { groupTimeZone } from "~/time/office-zone.server";
import { isOverdue } from "./invoices.server";

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

const LEDGER_SELECT = {
  id: true,
  number: true,
  status: true,
  issuedAt: true,
  dueAt: true,
  amountRupiah: true,
  order: { select: { id: true, number: true } },
  partner: { select: { id: true, displayName: true } },
  payments: { where: { status: "CONFIRMED" }, select: { amountRupiah: true } },
} as const;

type LedgerInvoice = Prisma.InvoiceGetPayload<{ select: typeof LEDGER_SELECT }>;

function toRow(i: LedgerInvoice, now: Date): LedgerRow {
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
}

/** The invoices a ledger counts: the group's, voided ones left out. */
function ledgerWhere(groupId: string, year?: number): Prisma.InvoiceWhereInput {
  return { groupId, status: { not: "VOID" }, ...(year ? { year } : {}) };
}

/** Every row of a group's ledger, newest first: for the CSV export, which is the whole ledger by design. */
export async function ledgerRows(groupId: string, now = new Date(), year?: number): Promise<LedgerRow[]> {
  const invoices = await db.invoice.findMany({ where: ledgerWhere(groupId, year), orderBy: [{ issuedAt: "desc" }, { id: "desc" }], select: LEDGER_SELECT });
  return invoices.map((i) => toRow(i, now));
}

/** The CSV export's rows (every one) and the zone their dates are written in. */
export async function ledgerExport(groupId: string, now = new Date()) {
  const [rows, zone] = await Promise.all([ledgerRows(groupId, now), groupTimeZone(db, groupId)]);
  return { rows, zone };
}

/** The per-order list's key: newest invoice first (decision 121). */
export const LEDGER_KEY: KeySpec = [
  { path: "issuedAt", type: "date", direction: "desc" },
  { path: "id", type: "string", direction: "desc" },
];

/** One page of the ledger's per-order list, read by key from the database (not sliced from every row). */
export async function ledgerOrderPage(groupId: string, request: PageRequest, now = new Date(), take = PAGE_SIZE): Promise<KeysetPage<LedgerRow>> {
  const page = await keysetPage(
    LEDGER_KEY,
    request,
    ({ where, orderBy, take }) => db.invoice.findMany({ where: { AND: [ledgerWhere(groupId), where] }, orderBy, take, select: LEDGER_SELECT }),
    (i) => [i.issuedAt, i.id],
    take,
  );
  return { ...page, rows: page.rows.map((i) => toRow(i, now)) };
}

type Sums = { revenue: number; paid: number; outstanding: number; orders: number };

const num = (v: unknown) => Number(v ?? 0); // SUM() of no rows is NULL; drivers may answer a bigint

/**
 * Per invoice of the ledger: its amount, what was paid of it (all of it once PAID, else the confirmed
 * payments, never more than the amount) and whether it is overdue. Portable SQL (no MIN(a, b)).
 */
function ledgerInvoicesSql(groupId: string, now: Date) {
  // The confirmed payments per invoice are a correlated subquery on Payment's invoiceId index (a GROUP BY
  // over Payment would read every payment of every group).
  return Prisma.sql`SELECT v."id", v."partnerId", v."issuedAt", v.amount,
      CASE WHEN v."status" = 'PAID' THEN v.amount WHEN v.confirmed < v.amount THEN v.confirmed ELSE v.amount END AS paid,
      CASE WHEN v."status" = 'ISSUED' AND v."dueAt" < ${now} THEN 1 ELSE 0 END AS overdue
    FROM (SELECT i."id", i."partnerId", i."issuedAt", i."amountRupiah" AS amount, i."status", i."dueAt",
            COALESCE((SELECT SUM(p."amountRupiah") FROM "Payment" p WHERE p."invoiceId" = i."id" AND p."status" = 'CONFIRMED'), 0) AS confirmed
          FROM "Invoice" i WHERE i."groupId" = ${groupId} AND i."status" <> 'VOID') v`;
}

/**
 * A group's ledger summary from its invoices (revenue = invoiced amounts of received goods): totals, per
 * month (of issue, in the group's office zone) and per partner, all as SQL aggregates, so the page's cost does
 * not grow with a list it no longer reads in full. Voided invoices are left out.
 */
export async function ledgerSummary(groupId: string, now = new Date()) {
  const zone = await groupTimeZone(db, groupId);
  const invoices = ledgerInvoicesSql(groupId, now);
  const [totalRows, partnerRows, range] = await Promise.all([
    db.$queryRaw<{ revenue: unknown; paid: unknown; overdue: unknown; orders: unknown }[]>`
      SELECT SUM(l.amount) AS revenue, SUM(l.paid) AS paid, SUM(CASE WHEN l.overdue = 1 THEN l.amount - l.paid ELSE 0 END) AS overdue, COUNT(*) AS orders
      FROM (${invoices}) l`,
    db.$queryRaw<{ partner: string; revenue: unknown; paid: unknown; orders: unknown }[]>`
      SELECT pa."displayName" AS partner, SUM(l.amount) AS revenue, SUM(l.paid) AS paid, COUNT(*) AS orders
      FROM (${invoices}) l JOIN "Partner" pa ON pa."id" = l."partnerId"
      GROUP BY pa."id", pa."displayName"`,
    db.invoice.aggregate({ where: ledgerWhere(groupId), _min: { issuedAt: true }, _max: { issuedAt: true } }),
  ]);
  // Calendar months in the office's zone, as instants (the zone's rules from Intl, decision 079): every
  // month from the first invoice to the last, each invoice counted in the one its issue time falls in: the
  // first month whose end is after it (the CASE compares the column with each end, so PostgreSQL types the
  // parameters as timestamps; a VALUES list of them was untyped text there).
  const months: { key: string; end: Date }[] = [];
  if (range._min.issuedAt && range._max.issuedAt) {
    const last = monthKey(range._max.issuedAt, zone);
    for (let key = monthKey(range._min.issuedAt, zone); key <= last; key = addMonths(`${key}-01`, 1).slice(0, 7)) {
      months.push({ key, end: startOfDay(addMonths(`${key}-01`, 1), zone) });
    }
  }
  const monthRows = months.length
    ? await db.$queryRaw<{ month: string; revenue: unknown; paid: unknown; orders: unknown }[]>`
      SELECT m.month, SUM(m.amount) AS revenue, SUM(m.paid) AS paid, COUNT(*) AS orders
      FROM (SELECT CASE ${Prisma.join(months.map((m) => Prisma.sql`WHEN l."issuedAt" < ${m.end} THEN ${m.key}`), " ")} END AS month, l.amount, l.paid
            FROM (${invoices}) l) m
      GROUP BY m.month`
    : [];
  const sums = (r: { revenue: unknown; paid: unknown; orders: unknown }): Sums => ({
    revenue: num(r.revenue),
    paid: num(r.paid),
    outstanding: num(r.revenue) - num(r.paid),
    orders: num(r.orders),
  });
  const total = totalRows[0] ?? { revenue: 0, paid: 0, overdue: 0, orders: 0 };
  return {
    /** the group office's zone: the months above and the rows' dates are its days */
    zone,
    byMonth: monthRows.map((r) => ({ month: r.month, ...sums(r) })).sort((a, b) => b.month.localeCompare(a.month)),
    byPartner: partnerRows.map((r) => ({ partner: r.partner, ...sums(r) })).sort((a, b) => b.revenue - a.revenue || a.partner.localeCompare(b.partner)),
    totals: { revenue: num(total.revenue), paid: num(total.paid), outstanding: num(total.revenue) - num(total.paid), overdue: num(total.overdue), orders: num(total.orders) },
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

/** The group the ledger is about: the actor's own, or ?group= within the actor's scope; and the switcher. */
export async function ledgerGroup(actor: Actor, groupParam: string | null) {
  const [group, groups] = await Promise.all([groupForPages(actor, groupParam), groupChoices(actor)]);
  return { group, groups };
}

/** The ledger page: the group, its summary (SQL aggregates) and one page of its per-order list. */
export async function ledgerPage(actor: Actor, groupParam: string | null, request: PageRequest, now = new Date()) {
  const { group, groups } = await ledgerGroup(actor, groupParam);
  const [summary, list] = await Promise.all([ledgerSummary(group.id, now), ledgerOrderPage(group.id, request, now)]);
  return { group, summary, list, groups, groupId: group.id };
}
