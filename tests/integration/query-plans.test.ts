// Must come first: installs the recording client before anything loads ~/db/db.server.
import { captured, queriesOf, type CapturedQuery } from "../helpers/query-capture";
import Database from "better-sqlite3";
import Stripe from "stripe";
import { auditLogFor } from "~/audit/audit.server";
import { getProductForEdit } from "~/catalog/products.server";
import { getPublicProduct } from "~/catalog/public.server";
import { sqliteFilePath } from "~/db/database-url";
import { db } from "~/db/db.server";
import { coachingSummaryFor, listSessionPage, SESSION_LIST_KEY } from "~/coaching/coaching.server";
import { candidatesFor, trackRecords } from "~/demands/brokering.server";
import { groupOfferHistory } from "~/demands/demands.server";
import { runOrderJobs } from "~/orders/jobs.server";
import { LEDGER_KEY, ledgerOrderPage, ledgerSummary } from "~/payments/ledger.server";
import { handleStripeWebhook } from "~/payments/payments.server";
import { decodeCursor } from "~/paging/page-params";
import { actorFor } from "../helpers/actors";
import { TEST_NOW as TEST_NOW_TEXT } from "../helpers/now";

const TEST_NOW = new Date(TEST_NOW_TEXT);

/**
 * The queries named in issue 11 item 8 use an index (decision 101): each code path is run for real, the SQL
 * Prisma sends is captured at the driver adapter (tests/helpers/query-capture.ts), and `EXPLAIN QUERY PLAN`
 * of every SELECT it sends must not contain a plain `SCAN <table>` (a full table scan) of a table that grows
 * with use. `SCAN <table> USING [COVERING] INDEX` (walking an index in order, stopped by LIMIT) is allowed.
 * Only the reference tables below, which stay small whatever happens, may be scanned.
 */
const SMALL = new Set(["DinasOffice", "Kecamatan", "Village", "ProductCategory", "search_meta"]);

function tablesOf(): Set<string> {
  const raw = new Database(sqliteFilePath(), { readonly: true });
  try {
    return new Set((raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name));
  } finally {
    raw.close();
  }
}
const TABLES = tablesOf();

function planOf(q: CapturedQuery): string[] {
  const raw = new Database(sqliteFilePath(), { readonly: true });
  try {
    // Values do not change SQLite's plan (no STAT4, no ANALYZE); they only have to bind.
    const bound = q.args.map((p) => (typeof p === "boolean" || typeof p === "bigint" ? Number(p) : p === null || typeof p === "number" || typeof p === "string" ? p : p instanceof Date ? p.toISOString() : JSON.stringify(p)));
    return (raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...bound) as { detail: string }[]).map((r) => r.detail.trim());
  } finally {
    raw.close();
  }
}

/** The table behind each alias of a statement (Prisma writes `main`.`Delivery` AS `t0`). */
function aliasesOf(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of sql.matchAll(/(?:[`"]main[`"]\.)?[`"](\w+)[`"]\s+AS\s+[`"]?(\w+)[`"]?/gi)) if (TABLES.has(m[1]!)) map.set(m[2]!, m[1]!);
  return map;
}

/** `SCAN <table>` lines (no index) on growing tables, with the statement they came from. */
function fullScans(queries: CapturedQuery[]): string[] {
  return queries
    // (Prisma sends `WHERE 1=0` for an empty `in` list: SQLite plans a scan it never runs.)
    .filter((q) => /^\s*SELECT\b/i.test(q.sql) && !/\bWHERE 1=0\b/.test(q.sql))
    .flatMap((q) => {
      const plan = planOf(q);
      if (process.env.PLAN_DEBUG) console.log(q.sql, "\n  ", plan.join("\n   "));
      const aliases = aliasesOf(q.sql);
      return plan
        .map((line) => /^SCAN (?:main\.)?(\w+)$/.exec(line))
        .filter((m): m is RegExpExecArray => !!m)
        .map((m) => aliases.get(m[1]!) ?? m[1]!)
        .filter((table) => TABLES.has(table) && !SMALL.has(table))
        .map((table) => `SCAN ${table}   ← ${q.sql.slice(0, 300)}`);
    });
}

/** Runs `fn`, checks it read `table` at all, and that nothing it sent scans a growing table. */
async function expectIndexed(tables: string[], fn: () => Promise<unknown>) {
  const queries = await queriesOf(fn);
  for (const table of tables) {
    const reads = queries.filter((q) => /^\s*SELECT\b/i.test(q.sql) && new RegExp(`[\`"]${table}[\`"]`).test(q.sql));
    expect(reads.length, `no SELECT on ${table} was captured (of ${queries.length} statements)`).toBeGreaterThan(0);
  }
  expect(fullScans(queries)).toEqual([]);
}

describe("the query-plan check itself", () => {
  it("sees a full scan where there is one", async () => {
    // Delivery has no index on the receiver's name: a filter on it must scan, and the check must say so.
    const queries = await queriesOf(() => db.delivery.findMany({ where: { receivedByName: "x" } }));
    expect(fullScans(queries)).toHaveLength(1);
    expect(fullScans(queries)[0]).toMatch(/^SCAN Delivery\b/);
    // also under an alias, as Prisma writes relation filters
    expect(fullScans([{ sql: `SELECT \`t0\`.\`id\` FROM \`main\`.\`Delivery\` AS \`t0\` WHERE \`t0\`.\`receivedByName\` = ?`, args: ["x"] }])).toHaveLength(1);
    // and not where an index serves
    expect(fullScans(await queriesOf(() => db.delivery.findMany({ where: { orderId: "x" } })))).toEqual([]);
  });
});

describe("EXPLAIN QUERY PLAN: no full scan of a growing table", () => {
  const later = new Date(TEST_NOW.getTime() + 60 * 86_400_000);

  it("the order jobs (standing orders, auto-invoice of RECEIVED orders, overdue reminders)", async () => {
    await expectIndexed(["Order", "Invoice"], () => runOrderJobs(later));
  });

  it("/audit by key, for admin (with and without a type) and for Dinas", async () => {
    const admin = await actorFor("admin@bermitra.id");
    const dinas = await actorFor("dinas@bermitra.id");
    const first = await auditLogFor(admin, { take: 20 });
    expect(first.older).not.toBeNull();
    await expectIndexed(["AuditEvent"], () => auditLogFor(admin, { take: 20 }));
    await expectIndexed(["AuditEvent"], () => auditLogFor(admin, { take: 20, before: first.older }));
    await expectIndexed(["AuditEvent"], () => auditLogFor(admin, { take: 20, entityType: "Order", before: first.older }));
    await expectIndexed(["AuditEvent"], () => auditLogFor(dinas, { take: 20, before: first.older }));
    await expectIndexed(["AuditEvent"], () => auditLogFor(dinas, { take: 20, after: first.older }));
    for (const [actor, filter] of [
      [admin, {}],
      [admin, { entityType: "Order" }],
      [dinas, {}],
      [dinas, { entityType: "Order" }],
    ] as const) {
      for (const cursor of [{}, { before: first.older }, { after: first.older }]) {
        const queries = await queriesOf(() => auditLogFor(actor, { take: 20, ...filter, ...cursor }));
        // no count(*) over the log, and the page's keys come from walking an index in order up to the
        // LIMIT: no sort of every matching event first (a page costs the same at the end of the log)
        expect(queries.filter((q) => /count\(/i.test(q.sql))).toEqual([]);
        const keys = queries.find((q) => /^\s*SELECT\b/i.test(q.sql) && /[`"]AuditEvent[`"]/.test(q.sql))!;
        const plan = planOf(keys);
        expect(plan.filter((line) => /TEMP B-TREE/.test(line))).toEqual([]);
        // from a cursor the walk starts at the cursor (a range on `at`), not at the newest event
        if ("before" in cursor || "after" in cursor) expect(plan.some((line) => /^SEARCH .*AuditEvent.*(\bat|\(at,id\))[<>]/.test(line)), plan.join("\n")).toBe(true);
      }
    }
  });

  it("a group's offers: its history, the brokering candidates' running contracts and track records", async () => {
    const group = await db.group.findFirstOrThrow({ where: { offers: { some: {} } } });
    await expectIndexed(["Offer"], () => groupOfferHistory(group.id));
    await expectIndexed(["Order"], () => trackRecords([group.id]));
    const dinas = await actorFor("dinas@bermitra.id");
    const demand = await db.demand.findFirstOrThrow({ where: { status: "OPEN", partner: { dinasOfficeId: dinas.dinasOfficeId! } } });
    await expectIndexed(["Offer", "Order"], () => candidatesFor(dinas, demand.id));
  });

  it("a Stripe refund finds its payment by the payment intent", async () => {
    process.env.STRIPE_WEBHOOK_SECRET = "whsec_query_plans"; // no network: the signature is made and checked locally
    try {
      const payload = JSON.stringify({
        id: "evt_plan_refund",
        object: "event",
        type: "charge.refunded",
        api_version: "2025-01-01",
        created: Math.floor(TEST_NOW.getTime() / 1000),
        data: { object: { id: "ch_plan", object: "charge", payment_intent: "pi_not_known", amount: 100, amount_refunded: 100 } },
        livemode: false,
        pending_webhooks: 1,
        request: null,
      });
      const signature = new Stripe("sk_test_offline").webhooks.generateTestHeaderString({ payload, secret: "whsec_query_plans" });
      await expectIndexed(["Payment"], () => handleStripeWebhook(payload, signature, TEST_NOW));
      expect(captured.some((q) => /[`"]stripePaymentIntentId[`"]/.test(q.sql))).toBe(true);
    } finally {
      delete process.env.STRIPE_WEBHOOK_SECRET;
    }
  });

  it("a product's certificates (edit form and public page)", async () => {
    const product = await db.product.findFirstOrThrow({ where: { certifications: { some: {} }, status: "ACTIVE" } });
    const member = await db.user.findFirstOrThrow({ where: { groupId: product.groupId } });
    const actor = await actorFor(member.email);
    await expectIndexed(["ProductCertification"], () => getProductForEdit(actor, product.groupId, product.id));
    await expectIndexed(["ProductCertification"], () => getPublicProduct(product.slug));
  });

  it("the ledger: a page of its per-order list by key, and its summary aggregates (decision 121)", async () => {
    const invoice = await db.invoice.findFirstOrThrow({ where: { status: { not: "VOID" } } });
    const first = await ledgerOrderPage(invoice.groupId, {}, TEST_NOW, 2);
    const cursor = decodeCursor(first.next, LEDGER_KEY);
    expect(cursor).toBeDefined();
    for (const request of [{}, { after: cursor }, { before: cursor }]) {
      await expectIndexed(["Invoice"], () => ledgerOrderPage(invoice.groupId, request, TEST_NOW, 2));
      const queries = await queriesOf(() => ledgerOrderPage(invoice.groupId, request, TEST_NOW, 2));
      const keys = queries.find((q) => /^\s*SELECT\b/i.test(q.sql) && /[`"]Invoice[`"]/.test(q.sql))!;
      // walks the group's (issuedAt, id) index from the cursor and stops at the LIMIT: no sort of every invoice
      expect(planOf(keys).filter((line) => /TEMP B-TREE/.test(line))).toEqual([]);
    }
    await expectIndexed(["Invoice", "Payment"], () => ledgerSummary(invoice.groupId, TEST_NOW));
  });

  it("the coaching lists: a filtered page by key within a group or a partner, and their counts (decision 122)", async () => {
    const session = await db.coachingSession.findFirstOrThrow({ where: { status: "DUE" } });
    for (const scope of [{ groupId: session.groupId }, { partnerId: session.partnerId }]) {
      const first = await listSessionPage(scope, "all", {}, TEST_NOW, 1);
      const cursor = decodeCursor(first.next, SESSION_LIST_KEY);
      expect(cursor).toBeDefined();
      for (const show of ["all", "open", "notToConfirm"] as const) {
        for (const request of [{}, { after: cursor }, { before: cursor }]) {
          const queries = await queriesOf(() => listSessionPage(scope, show, request, TEST_NOW, 1));
          expect(fullScans(queries)).toEqual([]);
          const keys = queries.find((q) => /^\s*SELECT\b/i.test(q.sql) && /FROM [`"]main[`"]\.[`"]CoachingSession[`"]/.test(q.sql))!;
          // walks the (groupId|partnerId, dueDate, sequence, id) index from the cursor: no sort of every session
          expect(planOf(keys).filter((line) => /TEMP B-TREE/.test(line)), `${JSON.stringify(scope)} ${show}`).toEqual([]);
        }
      }
      await expectIndexed(["CoachingSession"], () => coachingSummaryFor(scope, TEST_NOW));
    }
  });
});
