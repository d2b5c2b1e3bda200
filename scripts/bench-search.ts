/**
 * `npm run bench:search` — search speed over HTTP (a benchmark, not a timed test).
 *
 * 1. Builds a separate database (BENCH_DIR, default data/bench) with the demo seed plus generated
 *    data: 2,000 groups and 100,000 products (reused when present; BENCH_REBUILD=1 rebuilds).
 * 2. Builds the app (BUILD_DIR=bench-search) and runs it (NODE_ENV=production, jobs off) on BENCH_PORT.
 * 3. **Uncached first** (issue 14 targets 2 and 6): the server runs with PAGE_CACHE=off and
 *    SEARCH_RESULT_CACHE=0; autocannon at 16 connections over 600 distinct text queries on /products (the
 *    HTML page) and /api/v1/products, and, in the same run, a static file of the same size as the search
 *    page served by the same server, as the machine's ceiling. Targets: page ≥ 20 % of the static req/s
 *    and p95 ≤ 150 ms; API ≥ 30 %. Each request carries its own client address (TRUST_PROXY=1 and an
 *    X-Forwarded-For per query), as many phones would: the API's per-IP abuse limit (120 a minute) still
 *    runs and is counted, it just does not answer one machine's load with 429s.
 * 4. Then the same server restarted with its caches on (the defaults): the 12 queries in rotation and the
 *    600-query long tail, reported separately. A cache never meets a target on its own.
 * Prints p50/p95/p99 latency, requests/s and the ratio to the static ceiling; the last line is JSON.
 * With DATABASE_URL=postgresql://… the same run on PostgreSQL and its built-in search (decision 134): the
 * data in a database of their own on that server (scripts/bench-data.ts); the tables are the same.
 */
import { execSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BENCH_DATABASE_URL, DIR, ensureBenchDatabase, GROUPS, ON_POSTGRES, PRODUCTS, rng, UPLOAD_DIR } from "./bench-data";
import { distinctSearchQueries, loadAverage, measure as measureWith, startServer, type Stats } from "./bench-lib";

// remix.config.js / server.ts put a BUILD_DIR build under .builds/<basename of BUILD_DIR>.
const BUILD_DIR = "bench-search";
const BUILD_OUT = path.resolve(".builds", BUILD_DIR);
const PORT = Number(process.env.BENCH_PORT ?? 3390);
const CONNECTIONS = 16;
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const BASE = `http://127.0.0.1:${PORT}`;

process.env.DATABASE_URL = BENCH_DATABASE_URL;
process.env.UPLOAD_DIR = UPLOAD_DIR;
const env = { ...process.env, DATABASE_URL: BENCH_DATABASE_URL, UPLOAD_DIR, BUILD_DIR, SEED_PHOTOS: "0" };

function log(message: string) {
  console.log(`[bench] ${message}`);
}

// ─── Measurement ────────────────────────────────────────────────────────────

/** A client address per query (10.x.y.z), sent as X-Forwarded-For to a server started with TRUST_PROXY=1. */
function withClientAddress(paths: string[]): { path: string; ip: string }[] {
  return paths.map((p, i) => ({ path: p, ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }));
}

async function measure(name: string, paths: string[], seconds: number, distinctClients = false): Promise<Stats> {
  const stats = distinctClients
    ? await measureWith({ base: BASE, requests: withClientAddress(paths).map(({ path: p, ip }) => ({ path: p, headers: { "x-forwarded-for": ip } })), connections: CONNECTIONS, seconds })
    : await measureWith({ base: BASE, paths, connections: CONNECTIONS, seconds });
  log(`${name.padEnd(13)} p50 ${stats.p50} ms  p95 ${stats.p95} ms  p99 ${stats.p99} ms  ${stats.rps} req/s  (${stats.requests} requests, ${stats.errors} errors, ${stats.non2xx} non-2xx)`);
  return stats;
}

const QUERIES = [
  "q=kopy",
  "q=telor+asin",
  "q=kue+basa",
  "q=kripik+pedas",
  "q=jajanan+pasar",
  "q=sabun&category=sabun-kebersihan",
  "category=makanan-ringan&cert=HALAL",
  "kecamatan=Bumiaji&groupType=KUBE&sort=price_asc",
  "q=keripik&minPrice=5000&maxPrice=20000&sort=price_asc",
  "minCapacity=500&sort=newest&page=3",
  "",
  "page=7",
];

/** A long tail of distinct queries (typo words × price floors × pages): mostly misses the result cache. */
function tailQueries(n = 600): string[] {
  const random = rng(7);
  const words = ["kopy", "telor", "kue+basa", "kripik", "sabun", "bawang", "jamu", "roti", "anyaman", "laundry", "nasi+kotak", "klepon", ""];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = words[Math.floor(random() * words.length)];
    const floor = Math.floor(random() * 100) * 500;
    out.push(`q=${w}&minPrice=${floor}&page=${1 + Math.floor(random() * 3)}`);
  }
  return out;
}

async function withApp<T>(caches: "off" | "on", work: () => Promise<T>): Promise<T> {
  const cacheEnv = caches === "off" ? { PAGE_CACHE: "off", SEARCH_RESULT_CACHE: "0" } : {};
  const server = await startServer({
    port: PORT,
    env: { ...env, ...cacheEnv, NODE_ENV: "production", BERMITRA_JOBS: "off", BERMITRA_DEMO: "1", TRUST_PROXY: "1" },
    verbose: Boolean(process.env.BENCH_VERBOSE),
  });
  try {
    return await work();
  } finally {
    await server.stop();
  }
}

async function main() {
  mkdirSync(DIR, { recursive: true });
  await ensureBenchDatabase();
  {
    // Bring the built-in index up to date before the app starts (a layout change rebuilds it).
    const { createPrismaClient } = await import("../app/db/db.server");
    const db = createPrismaClient(BENCH_DATABASE_URL);
    const t0 = Date.now();
    let state: { rebuilt: boolean; count: number };
    if (ON_POSTGRES) {
      const { ensurePostgresSearch } = await import("../app/search/postgres-search.server");
      state = await ensurePostgresSearch(db);
    } else {
      const { ensureFts5Index, closeFts5 } = await import("../app/search/sqlite-fts5.server");
      state = await ensureFts5Index(db);
      closeFts5();
    }
    await db.$disconnect();
    log(`built-in search index (${ON_POSTGRES ? "PostgreSQL" : "SQLite FTS5"}): ${state.count} products${state.rebuilt ? ` rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s` : " (up to date)"}`);
  }

  log("building the app");
  execSync("npx remix build", { env, stdio: "pipe" });
  const distinct = distinctSearchQueries(600);
  const ratio = (s: Stats, ceiling: Stats) => ({ rpsVsStatic: +(s.rps / ceiling.rps).toFixed(3), p95VsStatic: +(s.p95 / Math.max(ceiling.p95, 0.1)).toFixed(2) });

  log(`uncached: PAGE_CACHE=off SEARCH_RESULT_CACHE=0, ${distinct.length} distinct queries, ${CONNECTIONS} connections, ${DURATION} s each (load average ${loadAverage()})`);
  const uncached = await withApp("off", async () => {
    const sample = await (await fetch(`${BASE}/products?q=keripik`)).text();
    const staticFile = path.join(BUILD_OUT, "public", "build", "bench-static.html");
    writeFileSync(staticFile, sample);
    log(`static ceiling: /build/bench-static.html, ${sample.length} bytes (the size of /products?q=keripik)`);
    const apiSample = await (await fetch(`${BASE}/api/v1/products?q=kopy`)).json();
    log(`sample: /api/v1/products?q=kopy → ${apiSample.total} products`);
    await measure("warmup", distinct.slice(0, 50).map((q) => `/products?${q}`), 3, true);
    const staticStats = await measure("static", ["/build/bench-static.html"], DURATION);
    const page = await measure("page", distinct.map((q) => `/products?${q}`), DURATION, true);
    const api = await measure("api", distinct.map((q) => `/api/v1/products?${q}`), DURATION, true);
    return { static: staticStats, page, api, loadAverage: loadAverage() };
  });
  const pageShare = ratio(uncached.page, uncached.static);
  const apiShare = ratio(uncached.api, uncached.static);
  const pageMet = pageShare.rpsVsStatic >= 0.2 && uncached.page.p95 <= 150;
  const apiMet = apiShare.rpsVsStatic >= 0.3;
  log(`uncached page: ${(pageShare.rpsVsStatic * 100).toFixed(1)}% of the static ceiling's req/s, p95 ${uncached.page.p95} ms (target ≥ 20 %, ≤ 150 ms): ${pageMet ? "met" : "missed"}`);
  log(`uncached api:  ${(apiShare.rpsVsStatic * 100).toFixed(1)}% of the static ceiling's req/s (target ≥ 30 %): ${apiMet ? "met" : "missed"}`);

  log(`cached (defaults), reported separately (load average ${loadAverage()})`);
  const cached = await withApp("on", async () => {
    for (const q of QUERIES) {
      await fetch(`${BASE}/products?${q}`);
      await fetch(`${BASE}/api/v1/products?${q}`);
    }
    await measure("warmup", QUERIES.map((q) => `/products?${q}`), 3);
    const staticStats = await measure("static", ["/build/bench-static.html"], DURATION);
    const page = await measure("page-12", QUERIES.map((q) => `/products?${q}`), DURATION, true);
    const api = await measure("api-12", QUERIES.map((q) => `/api/v1/products?${q}`), DURATION, true);
    const tail = await measure("api-tail", tailQueries().map((q) => `/api/v1/products?${q}`), DURATION, true);
    return { static: staticStats, page, api, tail };
  });

  console.log(
    JSON.stringify({
      database: ON_POSTGRES ? "postgresql" : "sqlite",
      products: PRODUCTS,
      groups: GROUPS,
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      uncached: {
        distinctQueries: distinct.length,
        loadAverage: uncached.loadAverage,
        static: uncached.static,
        page: { ...uncached.page, ...pageShare, target: "rps >= 20% of static, p95 <= 150 ms", met: pageMet },
        api: { ...uncached.api, ...apiShare, target: "rps >= 30% of static", met: apiMet },
      },
      cached: {
        queries: QUERIES,
        static: cached.static,
        page: { ...cached.page, ...ratio(cached.page, cached.static) },
        api: { ...cached.api, ...ratio(cached.api, cached.static) },
        apiLongTail: { ...cached.tail, ...ratio(cached.tail, cached.static), distinctQueries: 600 },
      },
    }),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
