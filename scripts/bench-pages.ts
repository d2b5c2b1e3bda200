/**
 * `npm run bench:pages`: every main page of every demo role, signed in, on the seeded demo data, caches off
 * (PAGE_CACHE=off, SEARCH_RESULT_CACHE=0). Issue 14 target 4: p95 ≤ 50 ms each at 4 connections.
 *
 * 1. Builds the app and prepares a fresh demo database (migrate + seed) under tests/.tmp/bench-pages.db.
 * 2. Starts server.ts with as many web processes as production starts (one per core, app/http/process-count.ts;
 *    BENCH_PROCESSES to change it) and background jobs off.
 * 3. For each role of tests/e2e/main-pages.ts (the crawl's list): logs in through the real login form, finds
 *    where each page lands (list pages such as /group/demands redirect to the group's own page) and the
 *    detail pages by following the first matching link on their list page (as the crawl does), then
 *    measures each page with autocannon at BENCH_CONNECTIONS (4) for BENCH_SECONDS (3).
 * 4. Prints a table per page and, last line, JSON. Not a test: figures depend on the machine (load average
 *    shown before each role).
 */
import os from "node:os";
import path from "node:path";

import { webProcessCount } from "../app/http/process-count";
import { ROLES } from "../tests/e2e/main-pages";
import { loadAverage, logIn, measure, prepareUncachedDemo, startServer } from "./bench-lib";

const PORT = Number(process.env.BENCH_PORT ?? 4392);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
// the production server's count (issue 14 target 3: every core), unless BENCH_PROCESSES says otherwise
const PROCESSES = webProcessCount({ setting: process.env.BENCH_PROCESSES, production: true, cores: os.availableParallelism() });
const TARGET_P95_MS = 50;
const DB_FILE = path.resolve("tests/.tmp/bench-pages.db");

type Row = { role: string; page: string; rps: number; p50: number; p95: number; p99: number; requests: number; non2xx: number; errors: number; meetsTarget: boolean };

const log = (message: string) => console.error(`[bench:pages] ${message}`);

/** The first link on `from` whose path matches `link`, as the crawl follows it. */
async function detailPage(base: string, cookie: string | null, from: string, link: RegExp): Promise<string | null> {
  const html = await (await fetch(`${base}${from}`, { headers: cookie ? { Cookie: cookie } : {} })).text();
  for (const match of html.matchAll(/href="([^"]+)"/g)) {
    const href = match[1]!.replace(/&amp;/g, "&");
    if (link.test(href)) return href;
  }
  return null;
}

/** Where `page` lands for this user: list pages such as /group/demands redirect to the group's own page. */
async function finalPage(base: string, cookie: string | null, page: string): Promise<string> {
  let current = page;
  for (let hop = 0; hop < 5; hop++) {
    const response = await fetch(`${base}${current}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) return current;
    const next = new URL(location, `${base}${current}`);
    if (next.origin !== base) return current;
    current = next.pathname + next.search;
  }
  return current;
}

async function measurePage(base: string, role: string, page: string, cookie: string | null): Promise<Row> {
  const stats = await measure({ base, paths: [page], connections: CONNECTIONS, seconds: SECONDS, cookie });
  const row: Row = {
    role,
    page,
    rps: stats.rps,
    p50: stats.p50,
    p95: stats.p95,
    p99: stats.p99,
    requests: stats.requests,
    non2xx: stats.non2xx,
    errors: stats.errors,
    meetsTarget: stats.requests > 0 && stats.p95 <= TARGET_P95_MS && stats.non2xx === 0 && stats.errors === 0,
  };
  log(`  ${page.padEnd(58)} ${String(row.rps).padStart(7)} req/s  p50 ${String(row.p50).padStart(6)}  p95 ${String(row.p95).padStart(6)} ms${row.non2xx ? `  ${row.non2xx} non-2xx` : ""}${row.meetsTarget ? "" : "  ✗"}`);
  return row;
}

async function main() {
  log("preparing the demo database and building the app");
  const env = prepareUncachedDemo(DB_FILE);

  const server = await startServer({ port: PORT, env, processes: PROCESSES, verbose: Boolean(process.env.BENCH_VERBOSE) });
  const base = server.base;

  const rows: Row[] = [];
  for (const role of ROLES) {
    const name = role.email ?? "anonymous";
    const cookie = role.email ? await logIn(base, role.email) : null;
    const pages: string[] = [];
    for (const page of role.pages) pages.push(await finalPage(base, cookie, page));
    for (const detail of role.details ?? []) {
      const href = await detailPage(base, cookie, detail.from, detail.link);
      if (href) pages.push(href);
      else log(`  (no link matching ${detail.link} on ${detail.from})`);
    }
    log(`${name}: ${pages.length} pages, ${PROCESSES} web process(es), ${CONNECTIONS} connections, ${SECONDS} s each (load average ${loadAverage()})`);
    await measurePage(base, name, pages[0]!, cookie); // warm-up of the process's code paths, not reported
    for (const page of pages) rows.push(await measurePage(base, name, page, cookie));
  }
  await server.stop();

  const failing = rows.filter((r) => !r.meetsTarget);
  const worst = [...rows].sort((a, b) => b.p95 - a.p95)[0]!;
  log(`${rows.length} pages, ${rows.length - failing.length} with p95 ≤ ${TARGET_P95_MS} ms; slowest ${worst.role} ${worst.page} p95 ${worst.p95} ms`);
  console.log(
    JSON.stringify({
      cores: os.availableParallelism(),
      processes: PROCESSES,
      connections: CONNECTIONS,
      seconds: SECONDS,
      caches: "off",
      targetP95Ms: TARGET_P95_MS,
      loadAverage: os.loadavg(),
      pages: rows.length,
      meetingTarget: rows.length - failing.length,
      slowest: { role: worst.role, page: worst.page, p95: worst.p95 },
      rows,
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
