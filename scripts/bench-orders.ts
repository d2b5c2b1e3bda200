/**
 * `npm run bench:orders`: seeds 1,000,000 orders (and their lines) into a separate database, starts the
 * built app on it, and measures over HTTP the group's order list, the partner's order list and the group's
 * production plan. Target: p95 ≤ 50 ms. Prints figures; the last line is JSON.
 *
 * Env: BENCH_DB (default tests/.tmp/bench-orders.db), BENCH_ORDERS (default 1000000), BENCH_PORT (3214),
 * BENCH_SECONDS per scenario (10), BENCH_CONNECTIONS (4), BUILD_DIR (uses that build; else runs remix build).
 * Reuses the database when it already holds the requested number of orders (BENCH_FRESH=1 to rebuild).
 */
import { execSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const DB = path.resolve(process.env.BENCH_DB ?? "tests/.tmp/bench-orders.db");
const TOTAL = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const PORT = Number(process.env.BENCH_PORT ?? 3214);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const BUILD_DIR = process.env.BUILD_DIR ?? "/tmp/build-bench-orders";
const env = { ...process.env, DATABASE_URL: `file:${DB}` };

function log(msg: string) {
  console.log(`[bench:orders] ${msg}`);
}

function countOrders(): number {
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

function prepareDatabase() {
  if (process.env.BENCH_FRESH !== "1" && countOrders() >= TOTAL) {
    log(`reusing ${DB} (${countOrders()} orders)`);
    return;
  }
  mkdirSync(path.dirname(DB), { recursive: true });
  for (const s of ["", "-wal", "-shm"]) rmSync(DB + s, { force: true });
  let t = Date.now();
  execSync("npx prisma migrate deploy", { env, stdio: "pipe" });
  execSync("npx prisma db seed", { env, stdio: "pipe" });
  log(`migrated and seeded the demo data in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  t = Date.now();
  const d = new Database(DB);
  d.pragma("journal_mode = WAL");
  d.pragma("synchronous = OFF");
  d.pragma("foreign_keys = OFF");
  const groups = d.prepare(`SELECT g.id, g.slug FROM "Group" g WHERE g.verificationStatus = 'VERIFIED' AND EXISTS (SELECT 1 FROM Product p WHERE p.groupId = g.id)`).all() as { id: string; slug: string }[];
  const partners = d.prepare(`SELECT id, slug, address FROM Partner WHERE verificationStatus = 'VERIFIED'`).all() as { id: string; slug: string; address: string }[];
  const products = d.prepare(`SELECT id, groupId, name, unit, priceRupiah FROM Product`).all() as { id: string; groupId: string; name: string; unit: string; priceRupiah: number }[];
  const byGroup = new Map<string, typeof products>();
  for (const p of products) byGroup.set(p.groupId, [...(byGroup.get(p.groupId) ?? []), p]);
  const demoGroup = groups.find((g) => g.slug === "kpm-melati-sisir")!;
  const demoPartner = partners.find((p) => p.slug === "hotel-taman-sari-batu")!;
  const insertOrder = d.prepare(
    `INSERT INTO "Order" (id, number, groupId, partnerId, source, status, deliveryDate, deliveryAddress, totalRupiah, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'CATALOGUE', ?, ?, ?, ?, ?, ?)`,
  );
  const insertLine = d.prepare(`INSERT INTO OrderLine (id, orderId, productId, description, unit, quantity, unitPrice, acceptedQty, rejectedQty) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const now = Date.now();
  const DAY = 86_400_000;
  let seed = 42;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff);
  const prefix = randomBytes(3).toString("hex");
  const BATCH = 20_000;
  const insertBatch = d.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
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
      const created = iso(delivery - 3 * DAY);
      insertOrder.run(id, `BENCH-${i}`, group.id, partner.id, status, iso(delivery), partner.address, qty * product.priceRupiah, created, created);
      const received = status === "PAID";
      insertLine.run(`l${id}`, id, product.id, product.name, product.unit, qty, product.priceRupiah, received ? qty : null, received ? 0 : null);
    }
  });
  for (let from = 0; from < TOTAL; from += BATCH) insertBatch(from, Math.min(TOTAL, from + BATCH));
  d.exec("ANALYZE");
  d.pragma("wal_checkpoint(TRUNCATE)");
  d.close();
  log(`inserted ${TOTAL} orders + lines in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

async function sessionCookies(): Promise<{ group: string; partner: string; groupId: string }> {
  process.env.DATABASE_URL = `file:${DB}`;
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
  prepareDatabase();
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
    console.log(JSON.stringify({ bench: "orders", orders: countOrders(), connections: CONNECTIONS, seconds: SECONDS, targetP95Ms: target, pass, results, concurrent, baseline }));
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
