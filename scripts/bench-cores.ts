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
import os from "node:os";
import path from "node:path";

import { distinctSearchQueries, loadAverage, measure, prepareUncachedDemo, startServer, type Stats } from "./bench-lib";

const PORT = Number(process.env.BENCH_PORT ?? 4391);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? os.availableParallelism());
const DB_FILE = path.resolve("tests/.tmp/bench-cores.db");

const log = (message: string) => console.error(`[bench:cores] ${message}`);

async function run(base: string, name: string, paths: string[]): Promise<Stats> {
  const stats = await measure({ base, paths, connections: CONNECTIONS, seconds: SECONDS });
  log(`  ${name.padEnd(7)} ${String(stats.rps).padStart(7)} req/s  p50 ${stats.p50} ms  p95 ${stats.p95} ms  (${stats.errors} errors, ${stats.non2xx} non-2xx)`);
  return stats;
}

async function withServer<T>(processes: number, env: NodeJS.ProcessEnv, work: (base: string) => Promise<T>): Promise<T> {
  const server = await startServer({ port: PORT, env, processes, verbose: Boolean(process.env.BENCH_VERBOSE) });
  try {
    return await work(server.base);
  } finally {
    await server.stop();
  }
}

async function main() {
  log("preparing the demo database and building the app");
  const env = prepareUncachedDemo(DB_FILE);
  const search = distinctSearchQueries();
  const runs: Record<string, { search: Stats; home: Stats }> = {};
  for (const processes of [1, PROCESSES]) {
    log(`${processes} web process${processes > 1 ? "es" : ""}, ${CONNECTIONS} connections, ${SECONDS} s each (load average ${loadAverage()})`);
    runs[processes] = await withServer(processes, env, async (base) => {
      await run(base, "warmup", search.slice(0, 50).map((q) => `/products?${q}`));
      return {
        search: await run(base, "search", search.map((q) => `/products?${q}`)),
        home: await run(base, "home", ["/"]),
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
