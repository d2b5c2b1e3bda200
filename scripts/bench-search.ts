/**
 * `npm run bench:search` — search speed over HTTP (a benchmark, not a timed test).
 *
 * 1. Builds a separate database (BENCH_DIR, default data/bench) with the demo seed plus generated
 *    data: 2,000 groups and 100,000 products (reused when present; BENCH_REBUILD=1 rebuilds).
 * 2. Builds the app (BUILD_DIR=bench-search) and runs it (NODE_ENV=production, jobs off) on BENCH_PORT.
 * 3. Measures with autocannon at 16 connections: /products?q=… (the HTML page) and /api/v1/products?q=…
 *    with a mix of typo, facet and empty queries; and, in the same run, a static file of the same size
 *    as the search page served by the same server, as the machine's ceiling.
 * Prints p50/p95/p99 latency, requests/s and the ratio to the static ceiling; the last line is JSON.
 */
import { execSync, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DB_FILE, DIR, ensureBenchDatabase, GROUPS, PRODUCTS, rng, UPLOAD_DIR } from "./bench-data";

// remix.config.js / server.ts put a BUILD_DIR build under .builds/<basename of BUILD_DIR>.
const BUILD_DIR = "bench-search";
const BUILD_OUT = path.resolve(".builds", BUILD_DIR);
const PORT = Number(process.env.BENCH_PORT ?? 3390);
const CONNECTIONS = 16;
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const BASE = `http://127.0.0.1:${PORT}`;

process.env.DATABASE_URL = `file:${DB_FILE}`;
process.env.UPLOAD_DIR = UPLOAD_DIR;
const env = { ...process.env, DATABASE_URL: `file:${DB_FILE}`, UPLOAD_DIR, BUILD_DIR, SEED_PHOTOS: "0" };

function log(message: string) {
  console.log(`[bench] ${message}`);
}

// ─── Measurement ────────────────────────────────────────────────────────────

type Stats = { p50: number; p95: number; p99: number; rps: number; requests: number; errors: number; non2xx: number; bytesPerResponse: number };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

type AutocannonResult = { requests: { average: number; total: number }; errors: number; non2xx: number; throughput: { total: number }; duration: number };
type AutocannonInstance = { on(event: "response", fn: (client: unknown, status: number, bytes: number, time: number) => void): void };
type Autocannon = (opts: Record<string, unknown>, cb: (err: Error | null, result: AutocannonResult) => void) => AutocannonInstance;

async function measure(name: string, paths: string[], seconds: number): Promise<Stats> {
  // @ts-expect-error autocannon ships no type declarations
  const autocannon = (await import("autocannon")).default as unknown as Autocannon;
  const times: number[] = [];
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: BASE,
        connections: CONNECTIONS,
        duration: seconds,
        requests: paths.map((p) => ({ method: "GET", path: p, headers: { "accept-encoding": "gzip" } })),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, _status, _bytes, time) => times.push(time));
  });
  times.sort((a, b) => a - b);
  const stats: Stats = {
    p50: +percentile(times, 50).toFixed(2),
    p95: +percentile(times, 95).toFixed(2),
    p99: +percentile(times, 99).toFixed(2),
    rps: +(result.requests.total / seconds).toFixed(1),
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    bytesPerResponse: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
  };
  log(`${name.padEnd(8)} p50 ${stats.p50} ms  p95 ${stats.p95} ms  p99 ${stats.p99} ms  ${stats.rps} req/s  (${stats.requests} requests, ${stats.errors} errors, ${stats.non2xx} non-2xx)`);
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

async function main() {
  mkdirSync(DIR, { recursive: true });
  await ensureBenchDatabase();
  {
    // Bring the built-in index up to date before the app starts (a layout change rebuilds it).
    const { createPrismaClient } = await import("../app/db/db.server");
    const { ensureFts5Index, closeFts5 } = await import("../app/search/sqlite-fts5.server");
    const db = createPrismaClient(`file:${DB_FILE}`);
    const t0 = Date.now();
    const state = await ensureFts5Index(db);
    closeFts5();
    await db.$disconnect();
    log(`built-in search index: ${state.count} products${state.rebuilt ? ` rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s` : " (up to date)"}`);
  }

  log("building the app");
  execSync("npx remix build", { env, stdio: "pipe" });
  log(`starting the app on ${BASE}`);
  const server = spawn("npx", ["tsx", "server.ts"], {
    env: { ...env, PORT: String(PORT), HOST: "127.0.0.1", NODE_ENV: "production", BERMITRA_JOBS: "off", BERMITRA_DEMO: "1" },
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
      if (i > 120) throw new Error("the app did not start");
      await new Promise((r) => setTimeout(r, 500));
    }
    // Warm up: open the index, load the vocabulary, fill the page cache of SQLite.
    for (const q of QUERIES) {
      await fetch(`${BASE}/products?${q}`);
      await fetch(`${BASE}/api/v1/products?${q}`);
    }
    const sample = await (await fetch(`${BASE}/products?q=keripik`)).text();
    const staticFile = path.join(BUILD_OUT, "public", "build", "bench-static.html");
    writeFileSync(staticFile, sample);
    log(`static ceiling: /build/bench-static.html, ${sample.length} bytes (the size of /products?q=keripik)`);
    const apiSample = await (await fetch(`${BASE}/api/v1/products?q=kopy`)).json();
    log(`sample: /api/v1/products?q=kopy → ${apiSample.total} products`);

    await measure("warmup", QUERIES.map((q) => `/products?${q}`), 3);
    const staticStats = await measure("static", ["/build/bench-static.html"], DURATION);
    const page = await measure("page", QUERIES.map((q) => `/products?${q}`), DURATION);
    const api = await measure("api", QUERIES.map((q) => `/api/v1/products?${q}`), DURATION);
    const tail = await measure("api-tail", tailQueries().map((q) => `/api/v1/products?${q}`), DURATION);
    const ratio = (s: Stats) => ({ rpsVsStatic: +(s.rps / staticStats.rps).toFixed(3), p95VsStatic: +(s.p95 / staticStats.p95).toFixed(2) });
    log(`page: ${(ratio(page).rpsVsStatic * 100).toFixed(1)}% of the static ceiling's req/s; p95 target 25 ms: ${page.p95 <= 25 ? "met" : "missed"}`);
    log(`api:  ${(ratio(api).rpsVsStatic * 100).toFixed(1)}% of the static ceiling's req/s; p95 target 15 ms: ${api.p95 <= 15 ? "met" : "missed"}`);
    console.log(
      JSON.stringify({
        products: PRODUCTS,
        groups: GROUPS,
        connections: CONNECTIONS,
        durationSeconds: DURATION,
        queries: QUERIES,
        static: staticStats,
        page: { ...page, ...ratio(page), p95TargetMs: 25, p95Met: page.p95 <= 25 },
        api: { ...api, ...ratio(api), p95TargetMs: 15, p95Met: api.p95 <= 15 },
        apiLongTail: { ...tail, ...ratio(tail), distinctQueries: 600 },
      }),
    );
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
