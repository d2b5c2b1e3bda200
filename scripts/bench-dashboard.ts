/**
 * `npm run bench:dashboard` — the Dinas monitoring pages over HTTP on a large office (a benchmark, not a
 * timed test; not part of `npm test`). Issue 12, decision 106.
 *
 * 1. Builds a separate database (BENCH_DIR, default data/bench-dashboard, gitignored) — the demo seed plus,
 *    in Kota Batu's office, 5,000 groups, 2,000 partners, 20,000 MoUs (10 % with two groups), 200,000
 *    coaching sessions and 1,000,000 orders with their lines, handovers, invoices and payments — written
 *    with raw SQL through better-sqlite3 in batched transactions (progress on stderr). Reused when present;
 *    BENCH_REBUILD=1 rebuilds.
 *    Then `prisma migrate deploy` and `npm run monitoring:rollup` (the rollup's dirty days, decision 125), timed.
 * 2. Builds the app (BUILD_DIR=bench-dashboard) and runs it on BENCH_PORT with caches off (PAGE_CACHE=off,
 *    SEARCH_RESULT_CACHE=0) and jobs off.
 * 3. Measures at one client (sequential requests, BENCH_REQUESTS each — fewer, but at least 5, when a URL
 *    has taken BENCH_SECONDS — after a warm-up request):
 *    /dinas/monitoring without and with filters, /dinas/partners and one export (the overview's CSV),
 *    signed in as dinas@bermitra.id. Target p95 ≤ 200 ms. Prints a table; the last line is JSON.
 */
import { execSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const DIR = path.resolve(process.env.BENCH_DIR ?? "data/bench-dashboard");
const DB_FILE = path.join(DIR, "bench.db");
const UPLOAD_DIR = path.join(DIR, "uploads");
/** written when the generated data is complete (an interrupted build is rebuilt) */
const DONE_FILE = path.join(DIR, "complete");
const N = {
  groups: Number(process.env.BENCH_GROUPS ?? 5_000),
  partners: Number(process.env.BENCH_PARTNERS ?? 2_000),
  mous: Number(process.env.BENCH_MOUS ?? 20_000),
  sessions: Number(process.env.BENCH_SESSIONS ?? 200_000),
  orders: Number(process.env.BENCH_ORDERS ?? 1_000_000),
};
/** bumped when the generated data changes (2: nothing after now, decision 141): a database of another version is rebuilt */
const GENERATOR_VERSION = 2;
const doneMark = () => `${JSON.stringify({ ...N, generator: GENERATOR_VERSION })}\n`;
const BUILD_DIR = "bench-dashboard";
const PORT = Number(process.env.BENCH_PORT ?? 3391);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 15);
/** per URL: stop after this many seconds once at least MIN_REQUESTS were timed (slow pages on a busy machine) */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const MIN_REQUESTS = Math.min(5, REQUESTS);
/** BENCH_WARMUP=0 skips the untimed first request of each URL (when one request takes minutes) */
const WARMUP = process.env.BENCH_WARMUP !== "0";
const TARGET_P95_MS = 200;
const BASE = `http://127.0.0.1:${PORT}`;
const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${DB_FILE}`, UPLOAD_DIR, BUILD_DIR, SEED_PHOTOS: "0" };
process.env.DATABASE_URL = env.DATABASE_URL;
process.env.UPLOAD_DIR = UPLOAD_DIR;

const log = (message: string) => console.error(`[bench] ${message}`);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The way Prisma's SQLite adapter stores a DateTime (ISO with an explicit +00:00). */
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const DAY = 86_400_000;

// ─── Data ───────────────────────────────────────────────────────────────────

async function buildDatabase() {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  log(`migrating and seeding ${DB_FILE}`);
  execSync("npx prisma migrate deploy", { env, stdio: "pipe" });
  execSync("npx prisma db seed", { env, stdio: "pipe" });

  const db = new Database(DB_FILE);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -200000");
  const random = rng(12);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

  // the seed's clock: "now" is the pinned demo instant (the app runs with the same BERMITRA_NOW)
  const now = Date.parse(process.env.BERMITRA_NOW ?? new Date().toISOString());
  const office = db.prepare(`SELECT dinasOfficeId AS id FROM "User" WHERE email = 'dinas@bermitra.id'`).get() as { id: string };
  const dinasUser = db.prepare(`SELECT id FROM "User" WHERE email = 'dinas@bermitra.id'`).get() as { id: string };
  const villages = db.prepare(`SELECT v.id, v.kecamatanId FROM Village v JOIN Kecamatan k ON k.id = v.kecamatanId WHERE k.dinasOfficeId = ?`).all(office.id) as { id: string; kecamatanId: string }[];
  const facilitators = (db.prepare(`SELECT id FROM "User" WHERE role = 'FACILITATOR' AND dinasOfficeId = ?`).all(office.id) as { id: string }[]).map((f) => f.id);
  const t0 = Date.now();
  const batch = <T>(label: string, total: number, size: number, make: (i: number) => T, write: (rows: T[]) => void) => {
    const started = Date.now();
    for (let from = 0; from < total; from += size) {
      const rows: T[] = [];
      for (let i = from; i < Math.min(total, from + size); i++) rows.push(make(i));
      db.transaction(() => write(rows))();
      if ((from / size) % 4 === 0 || from + size >= total) log(`${label}: ${Math.min(total, from + size).toLocaleString("en")} / ${total.toLocaleString("en")} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  };

  // groups
  const insertGroup = db.prepare(
    `INSERT INTO "Group" (id, slug, type, name, dinasOfficeId, kecamatanId, villageId, businessDescription, facilitatorId, verificationStatus, verifiedAt, active, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'Kelompok usaha untuk uji kecepatan pemantauan.', ?, ?, ?, 1, ?, ?)`,
  );
  const groupIds: string[] = [];
  batch("groups", N.groups, 5_000, (i) => {
    const v = pick(villages);
    const type = i % 3 === 0 ? "KUBE" : "KPM";
    const created = now - int(100, 900) * DAY;
    const verified = random() < 0.9;
    groupIds.push(`bg${i}`);
    return [`bg${i}`, `bench-${type.toLowerCase()}-${i}`, type, `${type} Bench ${i}`, office.id, v.kecamatanId, v.id, facilitators.length ? pick(facilitators) : null, verified ? "VERIFIED" : "PENDING", verified ? iso(created + int(2, 30) * DAY) : null, iso(created), iso(created)];
  }, (rows) => rows.forEach((r) => insertGroup.run(...r)));

  // partners
  const SECTORS = ["HOTEL", "RESTAURANT", "TOURISM", "MUSEUM", "RETAIL", "COMPANY_CSR", "GOVERNMENT"];
  const insertPartner = db.prepare(
    `INSERT INTO Partner (id, slug, legalName, displayName, sector, address, city, contactName, dinasOfficeId, verificationStatus, verifiedAt, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, 'Jl. Uji No. 1', 'Kota Batu', 'Kontak Uji', ?, 'VERIFIED', ?, ?, ?)`,
  );
  const partnerIds: string[] = [];
  batch("partners", N.partners, 2_000, (i) => {
    const created = now - int(120, 900) * DAY;
    partnerIds.push(`bp${i}`);
    return [`bp${i}`, `bench-partner-${i}`, `PT Mitra Uji ${i}`, `Mitra Uji ${i}`, pick(SECTORS), office.id, iso(created + int(1, 20) * DAY), iso(created), iso(created)];
  }, (rows) => rows.forEach((r) => insertPartner.run(...r)));

  // MoUs (one coaching commitment each; 10 % with two groups)
  const insertMou = db.prepare(`INSERT INTO Mou (id, number, partnerId, dinasOfficeId, status, startDate, endDate, createdById, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertMouGroup = db.prepare(`INSERT OR IGNORE INTO MouGroup (mouId, groupId) VALUES (?, ?)`);
  const insertCommitment = db.prepare(`INSERT INTO CoachingCommitment (id, mouId, topic, sessionsCount, frequency, firstDueDate, hoursPerSession, createdAt) VALUES (?, ?, 'Pembinaan uji', 10, 'MONTHLY', ?, 2, ?)`);
  const mous: { id: string; partnerId: string; groupIds: string[]; start: number }[] = [];
  batch("MoUs", N.mous, 5_000, (i) => {
    const start = now - int(0, 700) * DAY;
    const end = start + 364 * DAY;
    const status = end < now ? (random() < 0.85 ? "EXPIRED" : "TERMINATED") : "ACTIVE";
    const groups = [pick(groupIds), ...(random() < 0.1 ? [pick(groupIds)] : [])];
    const mou = { id: `bm${i}`, partnerId: pick(partnerIds), groupIds: [...new Set(groups)], start };
    mous.push(mou);
    return { mou, status, end };
  }, (rows) => {
    for (const { mou, status, end } of rows) {
      insertMou.run(mou.id, `${mou.id}/MOU-BENCH`, mou.partnerId, office.id, status, iso(mou.start), iso(end), dinasUser.id, iso(mou.start - 20 * DAY), iso(mou.start));
      for (const g of mou.groupIds) insertMouGroup.run(mou.id, g);
      insertCommitment.run(`bc${mou.id}`, mou.id, iso(mou.start + 30 * DAY), iso(mou.start));
    }
  });

  // coaching sessions: ten a MoU, monthly from a month after its start
  const insertSession = db.prepare(
    `INSERT INTO CoachingSession (id, commitmentId, groupId, partnerId, sequence, topic, dueDate, hours, status, scheduledAt, rating, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, 'Pembinaan uji', ?, 2, ?, ?, ?, ?, ?)`,
  );
  const perMou = Math.max(1, Math.round(N.sessions / N.mous));
  batch("coaching sessions", N.sessions, 20_000, (i) => {
    const mou = mous[Math.floor(i / perMou) % mous.length]!;
    const seq = i % perMou;
    const due = mou.start + (seq + 1) * 30 * DAY;
    const r = random();
    const status = due > now ? (r < 0.05 ? "CANCELLED" : r < 0.3 ? "SCHEDULED" : "DUE") : r < 0.72 ? "DELIVERED" : r < 0.88 ? "MISSED" : r < 0.94 ? "CANCELLED" : "DUE";
    const scheduled = status === "DELIVERED" || status === "SCHEDULED" ? iso(due - int(0, 5) * DAY) : null;
    return [`bs${i}`, `bc${mou.id}`, pick(mou.groupIds), mou.partnerId, seq + 1, iso(due), status, scheduled, status === "DELIVERED" && random() < 0.6 ? int(2, 5) : null, iso(mou.start), iso(mou.start)];
  }, (rows) => rows.forEach((r) => insertSession.run(...r)));

  // orders with a line each; handovers, invoices and payments by status
  const insertOrder = db.prepare(
    `INSERT INTO "Order" (id, number, groupId, partnerId, source, mouId, status, deliveryDate, deliveryAddress, totalRupiah, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Jl. Uji No. 1', ?, ?, ?)`,
  );
  const insertLine = db.prepare(`INSERT INTO OrderLine (id, orderId, description, unit, quantity, unitPrice, acceptedQty, rejectedQty) VALUES (?, ?, 'Produk uji', 'PCS', ?, ?, ?, ?)`);
  const insertDelivery = db.prepare(`INSERT INTO Delivery (id, orderId, shippedAt, receivedAt, receivedByName, disputeDeadline, createdAt) VALUES (?, ?, ?, ?, 'Penerima Uji', ?, ?)`);
  const insertDeliveryLine = db.prepare(`INSERT INTO DeliveryLine (id, deliveryId, orderLineId, deliveredQty, acceptedQty, rejectedQty) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertInvoice = db.prepare(
    `INSERT INTO Invoice (id, number, groupId, partnerId, orderId, year, sequence, amountRupiah, issuedAt, dueAt, status, paidAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPayment = db.prepare(`INSERT INTO Payment (id, invoiceId, method, amountRupiah, status, confirmedAt, createdAt) VALUES (?, ?, 'BANK_TRANSFER', ?, 'CONFIRMED', ?, ?)`);
  const sequences = new Map<string, number>();
  const firstDay = now - 700 * DAY;
  let deliveries = 0;
  let invoices = 0;
  let payments = 0;
  batch("orders", N.orders, 25_000, (i) => i, (rows) => {
    for (const i of rows) {
      const fromMou = random() < 0.7;
      const mou = fromMou ? pick(mous) : null;
      const groupId = mou ? pick(mou.groupIds) : pick(groupIds);
      const partnerId = mou ? mou.partnerId : pick(partnerIds);
      const delivery = firstDay + Math.floor(random() * (720 * DAY));
      const created = delivery - int(2, 5) * DAY;
      const r = random();
      const drawn = delivery > now ? (r < 0.5 ? "PLACED" : "ACCEPTED") : r < 0.6 ? "PAID" : r < 0.75 ? "INVOICED" : r < 0.85 ? "RECEIVED" : r < 0.9 ? "CANCELLED" : r < 0.95 ? "DECLINED" : "SKIPPED";
      const qty = int(5, 80);
      const price = int(2, 60) * 500;
      // drawn for every order, so the random sequence (and so the rest of the data) does not depend on the clock
      const at = delivery + int(6, 30) * 3_600_000;
      const issued = at + 2 * DAY;
      const paidAt = issued + int(1, 25) * DAY;
      // no handover, invoice or payment after now: an order is as far as the clock lets it be (the generator once
      // confirmed every later payment at now − 1 h: 13,760 payments on the pinned day, 24× an average day, and
      // invoices and handovers in the future; decision 141)
      const billed = drawn === "PAID" || drawn === "INVOICED";
      const status = billed || drawn === "RECEIVED" ? (at > now ? "ACCEPTED" : billed && issued > now ? "RECEIVED" : drawn === "PAID" && paidAt > now ? "INVOICED" : drawn) : drawn;
      const received = status === "PAID" || status === "INVOICED" || status === "RECEIVED";
      const rejected = received && random() < 0.2 ? int(1, Math.max(1, Math.floor(qty / 10))) : 0;
      insertOrder.run(`bo${i}`, `BO-${i}`, groupId, partnerId, mou ? "STANDING" : "CATALOGUE", mou ? mou.id : null, status, iso(delivery), qty * price, iso(created), iso(created));
      insertLine.run(`bl${i}`, `bo${i}`, qty, price, received ? qty - rejected : null, received ? rejected : null);
      if (!received) continue;
      insertDelivery.run(`bd${i}`, `bo${i}`, iso(delivery + 5 * 3_600_000), iso(at), iso(at + 48 * 3_600_000), iso(at));
      insertDeliveryLine.run(`bdl${i}`, `bd${i}`, `bl${i}`, qty, qty - rejected, rejected);
      deliveries++;
      if (status === "RECEIVED") continue;
      const year = new Date(issued).getUTCFullYear();
      const key = `${groupId}/${year}`;
      const sequence = (sequences.get(key) ?? 0) + 1;
      sequences.set(key, sequence);
      const paid = status === "PAID";
      insertInvoice.run(`bi${i}`, `INV-BENCH-${i}`, groupId, partnerId, `bo${i}`, year, sequence, (qty - rejected) * price, iso(issued), iso(issued + 14 * DAY), paid ? "PAID" : "ISSUED", paid ? iso(paidAt) : null);
      invoices++;
      if (paid) {
        insertPayment.run(`bpay${i}`, `bi${i}`, (qty - rejected) * price, iso(paidAt), iso(paidAt));
        payments++;
      }
    }
  });
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.exec("ANALYZE");
  db.close();
  writeFileSync(DONE_FILE, doneMark());
  log(`generated ${N.groups} groups, ${N.partners} partners, ${N.mous} MoUs, ${N.sessions} sessions, ${N.orders} orders (${deliveries} handovers, ${invoices} invoices, ${payments} payments) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

// ─── Measurement ────────────────────────────────────────────────────────────

type Stats = { path: string; requests: number; p50: number; p95: number; max: number; bytes: number; status: number };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

async function measure(cookie: string, url: string): Promise<Stats> {
  // node:http, not fetch: fetch gives up after 300 s without headers, and a slow page must still be timed
  const get = () =>
    new Promise<{ ms: number; status: number; bytes: number }>((resolve, reject) => {
      const started = performance.now();
      const req = http.get(`${BASE}${url}`, { headers: { cookie, "accept-encoding": "gzip" }, timeout: 0 }, (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, bytes }));
        res.on("error", reject);
      });
      req.on("error", reject);
    });

  if (WARMUP) {
    const warm = await get();
    if (warm.status !== 200) throw new Error(`${url} answered ${warm.status}`);
    log(`${url}: warm-up ${Math.round(warm.ms)} ms`);
  }
  const times: number[] = [];
  let bytes = 0;
  let status = 0;
  const started = performance.now();
  for (let i = 0; i < REQUESTS && (i < MIN_REQUESTS || performance.now() - started < SECONDS * 1000); i++) {
    const r = await get();
    log(`${url}: ${r.status} in ${Math.round(r.ms)} ms`);
    times.push(r.ms);
    bytes = r.bytes;
    status = r.status;
    // a failing page is reported with its status and time, not retried
    if (r.status !== 200) break;
  }
  times.sort((a, b) => a - b);
  const stats = { path: url, requests: times.length, p50: Math.round(percentile(times, 50)), p95: Math.round(percentile(times, 95)), max: Math.round(times[times.length - 1]!), bytes, status };
  log(`${url}: p50 ${stats.p50} ms, p95 ${stats.p95} ms`);
  return stats;
}

async function main() {
  // the app and the generated data share one clock: the demo's pinned instant unless BERMITRA_NOW is set
  process.env.BERMITRA_NOW ??= "2026-11-17T03:00:00.000Z";
  env.BERMITRA_NOW = process.env.BERMITRA_NOW;
  await import("../app/time/clock");
  mkdirSync(DIR, { recursive: true });
  if (!existsSync(DONE_FILE) || readFileSync(DONE_FILE, "utf8") !== doneMark() || process.env.BENCH_REBUILD === "1") await buildDatabase();
  else log(`reusing ${DB_FILE} (BENCH_REBUILD=1 to rebuild)`);
  // a reused database gets the migrations it lacks (the rollup's, decision 125) and the rollup's dirty days
  // recomputed (a migrated database has every day dirty; a fresh one was filled by the seed and the generated rows)
  const timed = (label: string, command: string) => {
    const started = Date.now();
    const out = execSync(command, { env, stdio: "pipe" }).toString().trim().split("\n").pop();
    const ms = Date.now() - started;
    log(`${label}: ${(ms / 1000).toFixed(1)} s${out ? ` (${out})` : ""}`);
    return ms;
  };
  const prepared = { migrateMs: timed("prisma migrate deploy", "npx prisma migrate deploy"), rollupMs: timed("monitoring rollup", "npx tsx scripts/monitoring-rollup.ts") };

  const raw = new Database(DB_FILE, { readonly: true });
  const kecamatan = raw.prepare(`SELECT k.id, k.name FROM Kecamatan k JOIN "User" u ON u.dinasOfficeId = k.dinasOfficeId WHERE u.email = 'dinas@bermitra.id' ORDER BY k.name LIMIT 1`).get() as { id: string; name: string };
  const counts = Object.fromEntries(
    ["Group", "Partner", "Mou", "CoachingSession", "Order", "Delivery", "Invoice", "Payment"].map((t) => [t, (raw.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]),
  );
  raw.close();
  log(`rows: ${JSON.stringify(counts)}`);

  const { createSession, sessionCookie } = await import("../app/auth/session.server");
  const { createPrismaClient } = await import("../app/db/db.server");
  const prisma = createPrismaClient(`file:${DB_FILE}`);
  const user = await prisma.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } });
  await prisma.$disconnect();
  const session = await createSession(user.id, {});
  const cookie = (await sessionCookie.serialize(session.id)).split(";")[0]!;

  log("building the app");
  execSync("npx remix build", { env, stdio: "pipe" });
  log(`starting the app on ${BASE} (PAGE_CACHE=off, SEARCH_RESULT_CACHE=0, jobs off)`);
  const server = spawn("npx", ["tsx", "server.ts"], {
    env: { ...env, PORT: String(PORT), HOST: "127.0.0.1", NODE_ENV: "production", BERMITRA_JOBS: "off", BERMITRA_DEMO: "1", PAGE_CACHE: "off", SEARCH_RESULT_CACHE: "0", WEB_CONCURRENCY: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  server.stderr.on("data", (d: Buffer) => process.env.BENCH_VERBOSE && process.stderr.write(d));
  const stop = () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  process.on("exit", stop);
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${BASE}/healthz`)).ok) break;
      } catch {
        // not up yet
      }
      if (i > 240) throw new Error("the app did not start");
      await new Promise((r) => setTimeout(r, 500));
    }
    const load = os.loadavg();
    const urls = [
      "/dinas/monitoring",
      `/dinas/monitoring?kecamatanId=${kecamatan.id}&groupType=KUBE`,
      "/dinas/monitoring?from=2026-10-01&to=2026-10-31&sector=HOTEL",
      "/dinas/partners",
      "/dinas/export/overview?format=csv",
    ];
    const results: Stats[] = [];
    for (const url of urls) results.push(await measure(cookie, url));
    const loadAfter = os.loadavg();
    console.log("");
    console.log("| path | requests | p50 ms | p95 ms | max ms | bytes | p95 ≤ 200 ms |");
    console.log("|---|---:|---:|---:|---:|---:|---|");
    for (const r of results) console.log(`| ${r.path.replace(kecamatan.id, `<${kecamatan.name}>`)} | ${r.requests} | ${r.p50} | ${r.p95} | ${r.max} | ${r.bytes} | ${r.status === 200 && r.p95 <= TARGET_P95_MS ? "met" : r.status === 200 ? "missed" : `HTTP ${r.status}`} |`);
    console.log(`load average before ${load.map((l) => l.toFixed(2)).join(" ")}, after ${loadAfter.map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} cores)`);
    console.log(`prepared: migrate deploy ${(prepared.migrateMs / 1000).toFixed(1)} s, rollup ${(prepared.rollupMs / 1000).toFixed(1)} s`);
    console.log(JSON.stringify({ rows: counts, prepared, clients: 1, requestsEach: REQUESTS, secondsEach: SECONDS, warmup: WARMUP, targetP95Ms: TARGET_P95_MS, loadAverage: { before: load, after: loadAfter }, results }));
  } finally {
    stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
