import { db } from "~/db/db.server";
import { encodeCursor, type KeysetPage, type PageRequest, decodeCursor } from "~/paging/page-params";
import { LEDGER_KEY, ledgerOrderPage, ledgerRows, ledgerSummary, type LedgerRow } from "~/payments/ledger.server";
import { loader as ledgerLoader } from "~/routes/ledger";
import { monthKey } from "~/time/calendar";
import { groupTimeZone } from "~/time/office-zone.server";
import { cookieFor, getRequest } from "../helpers/requests";
import { TEST_NOW } from "../helpers/now";

/** The ledger's per-order list pages by key in the database; its summaries are SQL aggregates (decision 121). */

const now = new Date(TEST_NOW);

async function walk(groupId: string, take: number) {
  const pages: KeysetPage<LedgerRow>[] = [];
  let request: PageRequest = {};
  for (;;) {
    const page = await ledgerOrderPage(groupId, request, now, take);
    pages.push(page);
    if (!page.next || pages.length > 500) break;
    request = { after: decodeCursor(page.next, LEDGER_KEY) };
  }
  return pages;
}

async function groupWithInvoices(min: number, dinasOfficeId?: string) {
  const groups = await db.invoice.groupBy({ by: ["groupId"], where: { status: { not: "VOID" }, ...(dinasOfficeId ? { group: { dinasOfficeId } } : {}) }, _count: { _all: true } });
  const best = groups.sort((a, b) => b._count._all - a._count._all)[0];
  expect(best?._count._all ?? 0).toBeGreaterThanOrEqual(min);
  return db.group.findUniqueOrThrow({ where: { id: best!.groupId } });
}

/** A new invoice of the group (on a new order), issued at `issuedAt`. */
async function addInvoice(groupId: string, issuedAt: Date, amountRupiah: number, n: number) {
  const template = await db.invoice.findFirstOrThrow({ where: { groupId }, include: { order: true } });
  const order = await db.order.create({
    data: {
      number: `ORD/TEST/${n}`,
      groupId,
      partnerId: template.partnerId,
      source: template.order.source,
      deliveryDate: issuedAt,
      deliveryAddress: "x",
      totalRupiah: amountRupiah,
      status: "INVOICED",
    },
  });
  return db.invoice.create({
    data: { number: `INV/TEST/${n}`, groupId, partnerId: template.partnerId, orderId: order.id, year: 2026, sequence: 9000 + n, amountRupiah, issuedAt, dueAt: issuedAt },
  });
}

describe("ledger per-order list: keyset pages", () => {
  it("every invoice once, newest first by (issuedAt, id), across pages; the way back gives the same pages", async () => {
    const group = await groupWithInvoices(5);
    const all = await ledgerRows(group.id, now);
    const pages = await walk(group.id, 2);
    expect(pages.flatMap((p) => p.rows.map((r) => r.invoiceId))).toEqual(all.map((r) => r.invoiceId));
    expect(pages.length).toBe(Math.ceil(all.length / 2));
    expect(pages[0]!.previous).toBeNull();
    expect(pages.at(-1)!.next).toBeNull();
    // previous links walk back to the first page, page by page
    let cursor = pages.at(-1)!.previous;
    for (let i = pages.length - 2; i >= 0; i--) {
      expect(cursor).not.toBeNull();
      const page = await ledgerOrderPage(group.id, cursor ? { before: decodeCursor(cursor, LEDGER_KEY) } : {}, now, 2);
      expect(page.rows.map((r) => r.invoiceId)).toEqual(pages[i]!.rows.map((r) => r.invoiceId));
      cursor = page.previous;
    }
    expect(cursor).toBeNull();
  });

  it("an invoice issued between two page loads shifts nothing on the next page", async () => {
    const group = await groupWithInvoices(5);
    const first = await ledgerOrderPage(group.id, {}, now, 2);
    const secondBefore = await ledgerOrderPage(group.id, { after: decodeCursor(first.next, LEDGER_KEY) }, now, 2);
    await addInvoice(group.id, now, 12_500, 1);
    const secondAfter = await ledgerOrderPage(group.id, { after: decodeCursor(first.next, LEDGER_KEY) }, now, 2);
    expect(secondAfter.rows.map((r) => r.invoiceId)).toEqual(secondBefore.rows.map((r) => r.invoiceId));
    // and the new one is on top of the first page
    expect((await ledgerOrderPage(group.id, {}, now, 2)).rows[0]!.invoiceNumber).toBe("INV/TEST/1");
  });

  it("invoices issued at the same instant are ordered by id and none is skipped at a page boundary", async () => {
    const group = await groupWithInvoices(1);
    const at = new Date("2020-01-01T00:00:00.000Z"); // older than everything: the tail of the list
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await addInvoice(group.id, at, 1000, 10 + i)).id);
    const seen = (await walk(group.id, 2)).flatMap((p) => p.rows.map((r) => r.invoiceId));
    expect(seen.slice(-5)).toEqual([...ids].sort().reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("a cursor taken from another group's ledger shows nothing of that group", async () => {
    const groups = await db.invoice.groupBy({ by: ["groupId"], where: { status: { not: "VOID" } } });
    expect(groups.length).toBeGreaterThanOrEqual(2);
    const [a, b] = [groups[0]!.groupId, groups[1]!.groupId];
    const ofB = await ledgerOrderPage(b, {}, now, 1);
    const cursor = decodeCursor(ofB.next ?? encodeCursor([ofB.rows[0]!.issuedAt, ofB.rows[0]!.invoiceId]), LEDGER_KEY);
    const bInvoices = new Set((await ledgerRows(b, now)).map((r) => r.invoiceId));
    for (const request of [{ after: cursor }, { before: cursor }]) {
      const page = await ledgerOrderPage(a, request, now, 100);
      expect(page.rows.filter((r) => bInvoices.has(r.invoiceId))).toEqual([]);
      expect(page.rows.every((r) => r.invoiceId)).toBe(true);
    }
  });

  it("the summary's SQL aggregates match the sums over every row (totals, per month in the office zone, per partner)", async () => {
    const group = await groupWithInvoices(3);
    // a part-paid invoice and an overpaid one (confirmed payments above the amount count as the amount)
    const part = await addInvoice(group.id, new Date(now.getTime() - 40 * 86_400_000), 100_000, 20);
    await db.payment.create({ data: { invoiceId: part.id, method: "BANK_TRANSFER", amountRupiah: 30_000, status: "CONFIRMED" } });
    await db.payment.create({ data: { invoiceId: part.id, method: "BANK_TRANSFER", amountRupiah: 50_000, status: "PENDING" } });
    const over = await addInvoice(group.id, new Date(now.getTime() - 70 * 86_400_000), 10_000, 21);
    await db.payment.create({ data: { invoiceId: over.id, method: "BANK_TRANSFER", amountRupiah: 15_000, status: "CONFIRMED" } });
    const rows = await ledgerRows(group.id, now);
    const summary = await ledgerSummary(group.id, now);
    const sum = (list: LedgerRow[], f: (r: LedgerRow) => number) => list.reduce((s, r) => s + f(r), 0);
    expect(summary.totals).toEqual({
      revenue: sum(rows, (r) => r.amountRupiah),
      paid: sum(rows, (r) => r.paidRupiah),
      outstanding: sum(rows, (r) => r.outstandingRupiah),
      overdue: sum(rows.filter((r) => r.overdue), (r) => r.outstandingRupiah),
      orders: rows.length,
    });
    expect(rows.find((r) => r.invoiceId === part.id)).toMatchObject({ paidRupiah: 30_000, outstandingRupiah: 70_000, overdue: true });
    expect(rows.find((r) => r.invoiceId === over.id)).toMatchObject({ paidRupiah: 10_000, outstandingRupiah: 0 });
    const zone = await groupTimeZone(db, group.id);
    const months = new Map<string, number>();
    for (const r of rows) months.set(monthKey(r.issuedAt, zone), (months.get(monthKey(r.issuedAt, zone)) ?? 0) + r.amountRupiah);
    expect(summary.byMonth.map((m) => [m.month, m.revenue])).toEqual([...months.entries()].sort((x, y) => y[0].localeCompare(x[0])));
    expect(sum(summary.byMonth as unknown as LedgerRow[], (m) => (m as unknown as { orders: number }).orders)).toBe(rows.length);
    const partners = new Map<string, number>();
    for (const r of rows) partners.set(r.partner, (partners.get(r.partner) ?? 0) + r.outstandingRupiah);
    expect(new Map(summary.byPartner.map((p) => [p.partner, p.outstanding]))).toEqual(partners);
  });

  it("an invoice issued at 23:30 WIB on the last day of a month counts in that month, not the next", async () => {
    const group = await groupWithInvoices(1);
    expect(await groupTimeZone(db, group.id)).toBe("Asia/Jakarta");
    await addInvoice(group.id, new Date("2025-01-31T16:30:00.000Z"), 7_000, 30); // 31/01/2025 23:30 WIB
    await addInvoice(group.id, new Date("2025-01-31T17:00:00.000Z"), 9_000, 31); // 01/02/2025 00:00 WIB
    const summary = await ledgerSummary(group.id, now);
    expect(summary.byMonth.find((m) => m.month === "2025-01")).toMatchObject({ revenue: 7_000, orders: 1 });
    expect(summary.byMonth.find((m) => m.month === "2025-02")).toMatchObject({ revenue: 9_000, orders: 1 });
  });

  it("the page: plain links with ?after= / ?before= that keep ?group=; a malformed cursor is the first page, not an error", async () => {
    const dinasCookie = await cookieFor("dinas@bermitra.id");
    const dinas = await db.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } });
    const group = await groupWithInvoices(1, dinas.dinasOfficeId!);
    for (let i = 0; i < 30; i++) await addInvoice(group.id, new Date(now.getTime() - (i + 1) * 3600_000), 1000, 100 + i);
    const first = await (await ledgerLoader({ request: getRequest(`/ledger?group=${group.id}`, dinasCookie), params: {}, context: {} })).json();
    expect(first.ledger.rows).toHaveLength(25);
    expect(first.list.previous).toBeNull();
    expect(first.list.next).toEqual(expect.any(String));
    const second = await (await ledgerLoader({ request: getRequest(`/ledger?group=${group.id}&after=${first.list.next}`, dinasCookie), params: {}, context: {} })).json();
    expect(second.ledger.rows[0].invoiceId).not.toBe(first.ledger.rows[0].invoiceId);
    expect(new Set([...first.ledger.rows, ...second.ledger.rows].map((r: LedgerRow) => r.invoiceId)).size).toBe(first.ledger.rows.length + second.ledger.rows.length);
    // totals do not depend on the page
    expect(second.ledger.totals).toEqual(first.ledger.totals);
    for (const bad of ["%%%", "abc", encodeCursor(["x", "y"]), encodeCursor([1, 2, 3]), "A".repeat(5000), "eyJ9"]) {
      const res = await ledgerLoader({ request: getRequest(`/ledger?group=${group.id}&after=${encodeURIComponent(bad)}&before=${encodeURIComponent(bad)}`, dinasCookie), params: {}, context: {} });
      const data = await res.json();
      expect(data.ledger.rows.map((r: LedgerRow) => r.invoiceId)).toEqual(first.ledger.rows.map((r: LedgerRow) => r.invoiceId));
    }
  });
});
