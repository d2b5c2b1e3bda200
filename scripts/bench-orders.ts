/**
 * `npm run bench:orders`: seeds 1,000,000 orders (and their lines) into a separate database, starts the
 * built app on it, and measures over HTTP the group's order list, the partner's order list and the group's
 * production plan. Target: p95 ≤ 50 ms. Prints figures; the last line is JSON.
 *
 * Env: BENCH_DB (default tests/.tmp/bench-orders.db), BENCH_ORDERS (default 1000000), BENCH_PORT (3214),
 * BENCH_SECONDS per scenario (10), BENCH_CONNECTIONS (4), BUILD_DIR (uses that build; else runs remix build).
 * Reuses the database when it already holds the requested number of orders (BENCH_FRESH=1 to rebuild).
 *
 * On PostgreSQL (DATABASE_URL=postgresql://…, decision 134): the same run in a database of its own on that
 * server (bermitra_bench_orders, or BENCH_PG_DB), dropped and created anew; the orders go in as multi-row
 * INSERTs of 20,000 rows (unnest of one array per column). Orders and order lines have no row triggers on
 * INSERT (the monitoring triggers fire on deliveries, payments and updates), so nothing needs rebuilding.
 */
import { execSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { loadAverage } from "./bench-lib";
import { benchDatabaseUrl, benchOnPostgres, countRows, recreateDatabase, withClient } from "./bench-pg";

const DB = path.resolve(process.env.BENCH_DB ?? "tests/.tmp/bench-orders.db");
const TOTAL = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const PORT = Number(process.env.BENCH_PORT ?? 3214);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const BUILD_DIR = process.env.BUILD_DIR ?? "/tmp/build-bench-orders";
const ON_POSTGRES = benchOnPostgres();
const DATABASE_URL = ON_POSTGRES ? benchDatabaseUrl("bermitra_bench_orders") : `file:${DB}`;
const WHERE = ON_POSTGRES ? new URL(DATABASE_URL).pathname.slice(1) : DB;
const env = { ...process.env, DATABASE_URL };

function log(msg: string) {
  console.log(`[bench:orders] ${msg}`);
}

async function countOrders(): Promise<number> {
  if (ON_POSTGRES) return countRows(DATABASE_URL, "Order");
  if (!existsSync(DB)) return -1;
  try {
    const d = new Database(DB, { readonly: true });
    const n = (d.prepare('SELECT COUNT(*) AS n FROM "Order"').get() as { n: number }).n;
    d.close();
    return n;
  } catch {
    return -1;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+00:00");
}

type GroupRow = { id: string; slug: string };
type PartnerRow = { id: string; slug: string; address: string };
type ProductRow = { id: string; groupId: string; name: string; unit: string; priceRupiah: number };
type OrderRow = { id: string; number: string; groupId: string; partnerId: string; status: string; deliveryDate: string; deliveryAddress: string; totalRupiah: number; createdAt: string };
type LineRow = { id: string; orderId: string; productId: string; description: string; unit: string; quantity: number; unitPrice: number; acceptedQty: number | null; rejectedQty: number | null };

/** The generated orders (one line each), the same on both databases for the same seed data. */
function* generateOrders(groups: GroupRow[], partners: PartnerRow[], products: ProductRow[]): Generator<[OrderRow, LineRow]> {
  const byGroup = new Map<string, ProductRow[]>();
  for (const p of products) byGroup.set(p.groupId, [...(byGroup.get(p.groupId) ?? []), p]);
  const demoGroup = groups.find((g) => g.slug === "kpm-melati-sisir")!;
  const demoPartner = partners.find((p) => p.slug === "hotel-taman-sari-batu")!;
  const now = Date.now();
  const DAY = 86_400_000;
  let seed = 42;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff);
  const prefix = randomBytes(3).toString("hex");
  for (let i = 0; i < TOTAL; i++) {
    // 10% of all orders belong to the demo group, 10% to the demo partner: their lists are the heavy ones
    const r = rnd();
    const group = r < 0.1 ? demoGroup : groups[Math.floor(rnd() * groups.length)]!;
    const partner = rnd() < 0.1 ? demoPartner : partners[Math.floor(rnd() * partners.length)]!;
    const list = byGroup.get(group.id)!;
    const product = list[Math.floor(rnd() * list.length)]!;
    // three years of history, and a few weeks ahead; recent/future ones are still open
    const offsetDays = Math.floor(rnd() * 1125) - 1095;
    const delivery = now + offsetDays * DAY;
    const status = offsetDays > 0 ? (["PLACED", "ACCEPTED", "IN_PRODUCTION"] as const)[Math.floor(rnd() * 3)]! : rnd() < 0.9 ? "PAID" : rnd() < 0.5 ? "CANCELLED" : "DECLINED";
    const qty = 20 + Math.floor(rnd() * 200);
    const id = `b${prefix}${i.toString(36).padStart(7, "0")}`;
    const received = status === "PAID";
    yield [
      { id, number: `BENCH-${i}`, groupId: group.id, partnerId: partner.id, status, deliveryDate: iso(delivery), deliveryAddress: partner.address, totalRupiah: qty * product.priceRupiah, createdAt: iso(delivery - 3 * DAY) },
      { id: `l${id}`, orderId: id, productId: product.id, description: product.name, unit: product.unit, quantity: qty, unitPrice: product.priceRupiah, acceptedQty: received ? qty : null, rejectedQty: received ? 0 : null },
    ];
  }
}

const GROUPS_SQL = `SELECT g.id, g.slug FROM "Group" g WHERE g."verificationStatus" = 'VERIFIED' AND EXISTS (SELECT 1 FROM "Product" p WHERE p."groupId" = g.id) ORDER BY g.id`;
const PARTNERS_SQL = `SELECT id, slug, address FROM "Partner" WHERE "verificationStatus" = 'VERIFIED' ORDER BY id`;
const PRODUCTS_SQL = `SELECT id, "groupId", name, CAST(unit AS TEXT) AS unit, "priceRupiah" FROM "Product" ORDER BY id`;
const BATCH = 20_000;

async function prepareDatabase() {
  if (process.env.BENCH_FRESH !== "1" && (await countOrders()) >= TOTAL) {
    log(`reusing ${WHERE} (${await countOrders()} orders)`);
    return;
  }
  if (ON_POSTGRES) await recreateDatabase(DATABASE_URL);
  else {
    mkdirSync(path.dirname(DB), { recursive: true });
    for (const s of ["", "-wal", "-shm"]) rmSync(DB + s, { force: true });
  }
  let t = Date.now();
  execSync("npx prisma migrate deploy", { env, stdio: "pipe" });
  execSync("npx prisma db seed", { env, stdio: "pipe" });
  log(`migrated and seeded the demo data in ${((Date.now() - t) / 1000).toFixed(1)} s (${ON_POSTGRES ? "PostgreSQL" : "SQLite"})`);
  t = Date.now();
  if (ON_POSTGRES) await insertOrdersPostgres();
  else insertOrdersSqlite();
  log(`inserted ${TOTAL} orders + lines in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

function insertOrdersSqlite() {
  const d = new Database(DB);
  d.pragma("journal_mode = WAL");
  d.pragma("synchronous = OFF");
  d.pragma("foreign_keys = OFF");
  const orders = generateOrders(d.prepare(GROUPS_SQL).all() as GroupRow[], d.prepare(PARTNERS_SQL).all() as PartnerRow[], d.prepare(PRODUCTS_SQL).all() as ProductRow[]);
  const insertOrder = d.prepare(
    `INSERT INTO "Order" (id, number, groupId, partnerId, source, status, deliveryDate, deliveryAddress, totalRupiah, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'CATALOGUE', ?, ?, ?, ?, ?, ?)`,
  );
  const insertLine = d.prepare(`INSERT INTO OrderLine (id, orderId, productId, description, unit, quantity, unitPrice, acceptedQty, rejectedQty) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertBatch = d.transaction((count: number) => {
    for (let i = 0; i < count; i++) {
      const next = orders.next();
      if (next.done) return;
      const [o, l] = next.value;
      insertOrder.run(o.id, o.number, o.groupId, o.partnerId, o.status, o.deliveryDate, o.deliveryAddress, o.totalRupiah, o.createdAt, o.createdAt);
      insertLine.run(l.id, l.orderId, l.productId, l.description, l.unit, l.quantity, l.unitPrice, l.acceptedQty, l.rejectedQty);
    }
  });
  for (let from = 0; from < TOTAL; from += BATCH) insertBatch(Math.min(BATCH, TOTAL - from));
  d.exec("ANALYZE");
  d.pragma("wal_checkpoint(TRUNCATE)");
  d.close();
}

/** The PostgreSQL twin: one multi-row INSERT per table and batch (one array per column, unnest), then ANALYZE. */
async function insertOrdersPostgres() {
  await withClient(DATABASE_URL, async (c) => {
    const orders = generateOrders((await c.query(GROUPS_SQL)).rows, (await c.query(PARTNERS_SQL)).rows, (await c.query(PRODUCTS_SQL)).rows);
    // a bulk load of a benchmark database: no need to wait for the WAL to reach the disk
    await c.query("SET synchronous_commit = off");
    for (let from = 0; from < TOTAL; from += BATCH) {
      const batch: [OrderRow, LineRow][] = [];
      for (let i = 0; i < BATCH; i++) {
        const next = orders.next();
        if (next.done) break;
        batch.push(next.value);
      }
      const column = <T, K extends keyof T>(rows: T[], key: K) => rows.map((r) => r[key]);
      const o = batch.map(([order]) => order);
      const l = batch.map(([, line]) => line);
      await c.query("BEGIN");
      await c.query(
        `INSERT INTO "Order" (id, number, "groupId", "partnerId", source, status, "deliveryDate", "deliveryAddress", "totalRupiah", "createdAt", "updatedAt")
         SELECT id, number, g, p, 'CATALOGUE', s::"OrderStatus", d::timestamptz AT TIME ZONE 'UTC', a, t, c::timestamptz AT TIME ZONE 'UTC', c::timestamptz AT TIME ZONE 'UTC'
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[]) AS x(id, number, g, p, s, d, a, t, c)`,
        [column(o, "id"), column(o, "number"), column(o, "groupId"), column(o, "partnerId"), column(o, "status"), column(o, "deliveryDate"), column(o, "deliveryAddress"), column(o, "totalRupiah"), column(o, "createdAt")],
      );
      await c.query(
        `INSERT INTO "OrderLine" (id, "orderId", "productId", description, unit, quantity, "unitPrice", "acceptedQty", "rejectedQty")
         SELECT id, o, p, d, u::"ProductUnit", q, pr, a, r
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[], $9::int[]) AS x(id, o, p, d, u, q, pr, a, r)`,
        [column(l, "id"), column(l, "orderId"), column(l, "productId"), column(l, "description"), column(l, "unit"), column(l, "quantity"), column(l, "unitPrice"), column(l, "acceptedQty"), column(l, "rejectedQty")],
      );
      await c.query("COMMIT");
    }
    await c.query('ANALYZE "Order"');
    await c.query('ANALYZE "OrderLine"');
  });
}

async function sessionCookies(): Promise<{ group: string; partner: string; groupId: string }> {
  process.env.DATABASE_URL = DATABASE_URL;
  const { db, dbReady } = await import("../app/db/db.server");
  const { createSession, sessionCookie } = await import("../app/auth/session.server");
  await dbReady;
  const cookie = async (email: string) => {
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const session = await createSession(user.id, {});
    return (await sessionCookie.serialize(session.id)).split(";")[0]!;
  };
  const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" }, select: { id: true, _count: { select: { orders: true } } } });
  const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" }, select: { _count: { select: { orders: true } } } });
  log(`demo group has ${group._count.orders} orders, demo partner ${partner._count.orders}`);
  const result = { group: await cookie("kelompok@bermitra.id"), partner: await cookie("mitra@bermitra.id"), groupId: group.id };
  await db.$disconnect();
  return result;
}

async function startServer() {
  if (!process.env.BUILD_DIR) execSync("npx remix build", { env: { ...process.env, BUILD_DIR }, stdio: "pipe" });
  const child = spawn("npx", ["tsx", "server.ts"], {
    env: { ...env, BUILD_DIR, PORT: String(PORT), BERMITRA_JOBS: "off", NODE_ENV: "production", BERMITRA_DEMO: "1" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`http://localhost:${PORT}/healthz`);
      if (res.ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not start");
}

type Figures = { name: string; path: string; connections: number; requests: number; rps: number; p50: number; p95: number; p99: number; max: number; errors: number };

/** Own latency sampling (p95 is not among autocannon's percentiles): CONNECTIONS loops for SECONDS. */
async function measure(name: string, urlPath: string, cookie: string, connections = CONNECTIONS): Promise<Figures> {
  const url = `http://localhost:${PORT}${urlPath}`;
  // warm-up
  for (let i = 0; i < 20; i++) await (await fetch(url, { headers: { Cookie: cookie } })).arrayBuffer();
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const t0 = performance.now();
        const res = await fetch(url, { headers: { Cookie: cookie } });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status !== 200) errors++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Number(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1));
  // autocannon for a throughput figure on the same path
  // @ts-expect-error autocannon ships no type declarations
  const autocannon = (await import("autocannon")).default as (opts: Record<string, unknown>) => Promise<{ requests: { average: number }; non2xx: number }>;
  const ac = await autocannon({ url, connections, duration: Math.max(3, Math.round(SECONDS / 2)), headers: { Cookie: cookie } });
  const figures = { name, path: urlPath, connections, requests: latencies.length, rps: Math.round(ac.requests.average), p50: q(0.5), p95: q(0.95), p99: q(0.99), max: q(1), errors: errors + ac.non2xx };
  log(`${name.padEnd(22)} ${urlPath.padEnd(22)} c=${connections} n=${figures.requests} p50=${figures.p50} ms p95=${figures.p95} ms p99=${figures.p99} ms max=${figures.max} ms ${figures.rps} req/s (autocannon) errors=${figures.errors}`);
  return figures;
}

async function main() {
  log(`${ON_POSTGRES ? `PostgreSQL database ${WHERE}` : `SQLite file ${DB}`}, ${TOTAL} orders (load average ${loadAverage()})`);
  await prepareDatabase();
  const cookies = await sessionCookies();
  const server = await startServer();
  try {
    const scenarios: [string, string, string][] = [
      ["group order list", "/orders", cookies.group],
      ["group list, status", "/orders?status=PAID", cookies.group],
      ["partner order list", "/orders", cookies.partner],
      ["production plan", "/orders/plan", cookies.group],
    ];
    // one client (the latency a user sees) and CONNECTIONS clients at once (one Node process, so requests queue)
    const results: Figures[] = [];
    for (const [name, urlPath, cookie] of scenarios) results.push(await measure(name, urlPath, cookie, 1));
    const concurrent: Figures[] = [];
    for (const [name, urlPath, cookie] of scenarios) concurrent.push(await measure(name, urlPath, cookie, CONNECTIONS));
    // reference: a page of the app shell that reads almost nothing, to tell machine load from query cost
    const baseline = await measure("baseline: /healthz", "/healthz", cookies.group, 1);
    const target = 50;
    const pass = results.every((r) => r.p95 <= target && r.errors === 0);
    log(pass ? `single-client p95 ≤ ${target} ms everywhere` : `some single-client p95 above ${target} ms, or errors`);
    console.log(JSON.stringify({ bench: "orders", database: ON_POSTGRES ? "postgresql" : "sqlite", orders: await countOrders(), loadAverage: loadAverage(), connections: CONNECTIONS, seconds: SECONDS, targetP95Ms: target, pass, results, concurrent, baseline }));
  } finally {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      server.kill("SIGTERM");
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
