/**
 * `npm run bench:cores`: req/s of the production server with one web process and with one per core, in the
 * same run, on the same seeded demo database, caches off (PAGE_CACHE=off, SEARCH_RESULT_CACHE=0) so every
 * request does its real work. Issue 14 target 3; decision 100.
 *
 * 1. Builds the app and prepares a fresh demo database (migrate + seed) under tests/.tmp/bench-cores.db.
 * 2. For WEB_CONCURRENCY=1 and then =N (BENCH_PROCESSES, default: the machine's cores): starts server.ts,
 *    measures with autocannon at BENCH_CONNECTIONS (16) for BENCH_SECONDS (10): the catalogue search page
 *    over 600 distinct queries and the home page. (The JSON API is left out: its per-IP abuse limit,
 *    120 a minute, answers a one-machine load with 429s.)
 * 3. Prints a table and, last line, JSON. Not a test: figures depend on the machine (load average shown).
 */
import { execSync, spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const PORT = Number(process.env.BENCH_PORT ?? 4391);
const BASE = `http://127.0.0.1:${PORT}`;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? os.availableParallelism());
const DB_FILE = path.resolve("tests/.tmp/bench-cores.db");

type Stats = { rps: number; p50: number; p95: number; p99: number; requests: number; errors: number; non2xx: number };
type AutocannonResult = { requests: { total: number }; errors: number; non2xx: number };
type Autocannon = (opts: object, cb: (err: Error | null, res: AutocannonResult) => void) => { on: (e: string, f: (...a: never[]) => void) => void };

const log = (message: string) => console.error(`[bench:cores] ${message}`);

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** 600 distinct search queries built from the demo catalogue's words, prefixes and typos. */
function queries(): string[] {
  const words = ["kopi", "kue", "keripik", "telur", "asin", "sambal", "jahe", "madu", "batik", "tas", "apel", "susu", "dodol", "roti", "teh", "kacang", "bawang", "pisang", "singkong", "gula"];
  const out = new Set<string>();
  for (const a of words) {
    out.add(a);
    for (let cut = 3; cut < a.length; cut++) out.add(a.slice(0, cut));
    out.add(a.slice(0, -1) + "y"); // a typo
    for (const b of words) if (a !== b) out.add(`${a} ${b}`);
  }
  return [...out].slice(0, 600).map((q) => `q=${encodeURIComponent(q)}`);
}

async function measure(name: string, paths: string[]): Promise<Stats> {
  // @ts-expect-error autocannon ships no type declarations
  const autocannon = (await import("autocannon")).default as unknown as Autocannon;
  const times: number[] = [];
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      { url: BASE, connections: CONNECTIONS, duration: SECONDS, requests: paths.map((p) => ({ method: "GET", path: p, headers: { "accept-encoding": "gzip" } })) },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client: never, _status: never, _bytes: never, time: number) => times.push(time));
  });
  times.sort((a, b) => a - b);
  const stats = {
    rps: +(result.requests.total / SECONDS).toFixed(1),
    p50: +percentile(times, 50).toFixed(1),
    p95: +percentile(times, 95).toFixed(1),
    p99: +percentile(times, 99).toFixed(1),
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  };
  log(`  ${name.padEnd(7)} ${String(stats.rps).padStart(7)} req/s  p50 ${stats.p50} ms  p95 ${stats.p95} ms  (${stats.errors} errors, ${stats.non2xx} non-2xx)`);
  return stats;
}

async function withServer<T>(processes: number, env: NodeJS.ProcessEnv, work: () => Promise<T>): Promise<T> {
  const server = spawn("npx", ["tsx", "server.ts"], {
    env: { ...env, PORT: String(PORT), HOST: "127.0.0.1", WEB_CONCURRENCY: String(processes) },
    stdio: ["ignore", "ignore", process.env.BENCH_VERBOSE ? "inherit" : "ignore"],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  process.on("exit", stop);
  try {
    // Up when every process answers: /healthz names the process that answered.
    const seen = new Set<number>();
    for (let i = 0; seen.size < processes; i++) {
      try {
        const health = (await (await fetch(`${BASE}/healthz`)).json()) as { instance: number };
        seen.add(health.instance);
      } catch {
        await new Promise((r) => setTimeout(r, 500));
      }
      if (i > 400) throw new Error(`the app did not start with ${processes} processes`);
    }
    return await work();
  } finally {
    stop();
    await new Promise((r) => setTimeout(r, 1_500));
  }
}

async function main() {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${DB_FILE}`,
    NODE_ENV: "production",
    BERMITRA_DEMO: "1",
    BERMITRA_JOBS: "off",
    PAGE_CACHE: "off",
    SEARCH_RESULT_CACHE: "0",
  };
  mkdirSync(path.dirname(DB_FILE), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(DB_FILE + suffix, { force: true });
  log("preparing the demo database and building the app");
  execSync("npx prisma migrate deploy && npx prisma db seed", { env, stdio: "ignore" });
  execSync("npx remix build", { env, stdio: "ignore" });
  const search = queries();
  const runs: Record<string, { search: Stats; home: Stats }> = {};
  for (const processes of [1, PROCESSES]) {
    log(`${processes} web process${processes > 1 ? "es" : ""}, ${CONNECTIONS} connections, ${SECONDS} s each (load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")})`);
    runs[processes] = await withServer(processes, env, async () => {
      await measure("warmup", search.slice(0, 50).map((q) => `/products?${q}`));
      return {
        search: await measure("search", search.map((q) => `/products?${q}`)),
        home: await measure("home", ["/"]),
      };
    });
  }
  const one = runs[1]!;
  const all = runs[PROCESSES]!;
  const speedup = (a: Stats, b: Stats) => +(b.rps / Math.max(a.rps, 0.1)).toFixed(2);
  log(`speed-up with ${PROCESSES} processes: search ×${speedup(one.search, all.search)}, home ×${speedup(one.home, all.home)}`);
  console.log(
    JSON.stringify({
      cores: os.availableParallelism(),
      processes: PROCESSES,
      connections: CONNECTIONS,
      seconds: SECONDS,
      distinctQueries: search.length,
      caches: "off",
      loadAverage: os.loadavg(),
      oneProcess: one,
      allProcesses: all,
      speedup: { search: speedup(one.search, all.search), home: speedup(one.home, all.home) },
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
