/**
 * `npm run profile:dashboard` — where the Dinas monitoring loaders' time goes, in process (no HTTP), on the
 * database `npm run bench:dashboard` built (BENCH_DIR, default data/bench-dashboard; it must exist). For the
 * benchmark's overview filters and the partner ranking it runs `resolveScope` + `loadOverview` /
 * `partnerRanking` of the `dinas@bermitra.id` office (one warm-up, then PROFILE_RUNS, default 3) and prints per
 * call the wall time and every SQL statement the database adapter ran, with its time (the median run's; the
 * statements are run one at a time, so a loader's Promise.all does not overlap them). With
 * PROFILE_PLAN=1 it also prints SQLite's EXPLAIN QUERY PLAN of the slowest statements. Last line: JSON.
 * The clock is the benchmark's (BERMITRA_NOW, default 2026-11-17T03:00:00Z).
 * PROFILE_PARALLEL=1 runs the statements as the app does (side by side on the read pool, decision 142) and
 * prints the wall times only (no statement list: the timings of overlapping statements would not add up).
 */
process.env.BERMITRA_NOW ??= "2026-11-17T03:00:00.000Z";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import Database from "better-sqlite3";

const DIR = path.resolve(process.env.BENCH_DIR ?? "data/bench-dashboard");
const DB_FILE = path.join(DIR, "bench.db");
const RUNS = Math.max(1, Number(process.env.PROFILE_RUNS ?? 3));
const PLAN = process.env.PROFILE_PLAN === "1";
const PARALLEL = process.env.PROFILE_PARALLEL === "1";
process.env.DATABASE_URL = `file:${DB_FILE}`;
process.env.BERMITRA_JOBS = "off";

type Statement = { sql: string; args: unknown[]; ms: number; rows: number };
let log: Statement[] = [];
let queue: Promise<unknown> = Promise.resolve();

function timing(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    ...factory,
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const inner = (await factory.connect()) as SqlDriverAdapter;
      return new Proxy(inner, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop === "queryRaw" || prop === "executeRaw")
            // one statement at a time (the loaders run theirs with Promise.all), so each time is the statement's own
            return (q: SqlQuery) => {
              const run = queue.then(async () => {
                const start = performance.now();
                const result = await value.call(target, q);
                const rows = typeof result === "number" ? result : ((result as { rows?: unknown[] }).rows?.length ?? 0);
                log.push({ sql: q.sql, args: q.args, ms: performance.now() - start, rows });
                return result;
              });
              queue = run.catch(() => undefined);
              return run;
            };
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    },
  };
}

const short = (sql: string) => sql.replace(/\s+/g, " ").replace(/(\?, ){3,}\?/g, "?, …").slice(0, 140);

async function main() {
  await import("../app/time/clock");
  const { PrismaClient } = await import("../app/generated/prisma/client");
  const { serializedSqliteAdapter } = await import("../app/db/serialized-adapter.server");
  const { prepareSqliteDatabase } = await import("../app/db/sqlite-specific.server");
  const client = new PrismaClient({ adapter: PARALLEL ? serializedSqliteAdapter(DB_FILE) : timing(serializedSqliteAdapter(DB_FILE)) });
  (globalThis as { __bermitraDb?: unknown }).__bermitraDb = { client, ready: prepareSqliteDatabase(client) };
  await (globalThis as unknown as { __bermitraDb: { ready: Promise<void> } }).__bermitraDb.ready;

  const { resolveScope } = await import("../app/monitoring/scope.server");
  const { loadOverview } = await import("../app/monitoring/overview.server");
  const { partnerRanking } = await import("../app/monitoring/partners.server");
  const user = await client.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" }, select: { role: true, dinasOfficeId: true } });
  const kecamatan = await client.kecamatan.findFirstOrThrow({ where: { dinasOfficeId: user.dinasOfficeId! }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  const dirty = await client.monitoringDirtyDay.count();

  const cases = [
    { label: "overview, year to date", run: async () => loadOverview(await resolveScope(user, {})) },
    { label: `overview, ${kecamatan.name}, KUBE`, run: async () => loadOverview(await resolveScope(user, { kecamatanId: kecamatan.id, groupType: "KUBE" })) },
    { label: "overview, October, HOTEL", run: async () => loadOverview(await resolveScope(user, { from: "2026-10-01", to: "2026-10-31", sector: "HOTEL" })) },
    // as the page asks for it: the trend of the first page's 50 rows only (decision 141)
    { label: "partner ranking, year to date", run: async () => partnerRanking(await resolveScope(user, {}), { trendFor: (rows) => rows.slice(0, 50).map((r) => r.partnerId) }) },
  ].filter((c) => !process.env.PROFILE_ONLY || new RegExp(process.env.PROFILE_ONLY).test(c.label));

  const raw = PLAN ? new Database(DB_FILE, { readonly: true }) : null;
  const results: { label: string; runsMs: number[]; statements: { sql: string; ms: number; rows: number }[] }[] = [];
  console.error(`[profile] ${DB_FILE}, now ${new Date().toISOString()}, ${dirty} dirty rollup days, ${RUNS} runs after a warm-up`);
  for (const c of cases) {
    await c.run();
    const runs: { ms: number; statements: Statement[] }[] = [];
    for (let i = 0; i < RUNS; i++) {
      log = [];
      const start = performance.now();
      await c.run();
      runs.push({ ms: performance.now() - start, statements: log });
    }
    const sorted = [...runs].sort((a, b) => a.ms - b.ms);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const sqlMs = median.statements.reduce((s, q) => s + q.ms, 0);
    const p90 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))]!;
    if (PARALLEL) console.error(`\n== ${c.label}: runs ${runs.map((r) => Math.round(r.ms)).join(" · ")} ms; median ${Math.round(median.ms)} ms, p90 ${Math.round(p90.ms)} ms (statements side by side, not timed)`);
    else console.error(`\n== ${c.label}: runs ${runs.map((r) => Math.round(r.ms)).join(" · ")} ms; median run: ${median.statements.length} statements, ${Math.round(sqlMs)} ms in SQL, ${Math.round(median.ms - sqlMs)} ms elsewhere`);
    for (const q of median.statements) console.error(`${q.ms.toFixed(1).padStart(9)} ms ${String(q.rows).padStart(7)} rows  ${short(q.sql)}`);
    if (raw) {
      for (const q of [...median.statements].sort((a, b) => b.ms - a.ms).slice(0, 3)) {
        const plan = raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.args as unknown[]).map((a) => (typeof a === "boolean" ? Number(a) : a))) as { detail: string }[];
        console.error(`   plan of the ${q.ms.toFixed(0)} ms statement:\n${plan.map((p) => `      ${p.detail}`).join("\n")}`);
      }
    }
    results.push({ label: c.label, runsMs: runs.map((r) => Math.round(r.ms)), statements: median.statements.map((q) => ({ sql: short(q.sql), ms: +q.ms.toFixed(1), rows: q.rows })) });
  }
  raw?.close();
  await client.$disconnect();
  console.log(JSON.stringify({ db: DB_FILE, runs: RUNS, dirtyDays: dirty, results }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
