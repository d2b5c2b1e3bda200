/**
 * `npm run profile:pages`: where a signed-in page's time goes, in process (no HTTP, no autocannon).
 * For every page of bench:pages (tests/e2e/main-pages.ts) it calls the built app's Remix request handler
 * `PROFILE_RUNS` (20) times and reports per request: wall time, the time in loaders (each route's loader
 * timed), the SQL statements the database adapter ran (count and time) and the rest (React render, Remix,
 * i18n). Reads a demo database made by bench:pages (tests/.tmp/bench-pages.db, or PROFILE_DB) and the build
 * in BUILD_DIR (default build/). PROFILE_PAGES="email /path,…" profiles just those pages. Last line: JSON.
 */
import "../app/time/clock";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../app/generated/prisma/client";
import { serializedSqliteAdapter } from "../app/db/serialized-adapter.server";
import { prepareSqliteDatabase } from "../app/db/sqlite-specific.server";
import { ROLES } from "../tests/e2e/main-pages";

const DB_FILE = path.resolve(process.env.PROFILE_DB ?? "tests/.tmp/bench-pages.db");
const RUNS = Number(process.env.PROFILE_RUNS ?? 20);
const ONLY = process.env.PROFILE_ONLY ? new RegExp(process.env.PROFILE_ONLY) : null;
const SHOW_SQL = Boolean(process.env.PROFILE_SQL);
process.env.DATABASE_URL = `file:${DB_FILE}`;
process.env.NODE_ENV = "production";
process.env.BERMITRA_JOBS = "off";
process.env.BERMITRA_DEMO = "1";
process.env.PAGE_CACHE = "off";
process.env.SEARCH_RESULT_CACHE = "0";

const sql = { count: 0, ms: 0, log: [] as string[] };
function timed<T>(query: SqlQuery, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  return run().finally(() => {
    sql.count++;
    const ms = performance.now() - start;
    sql.ms += ms;
    if (SHOW_SQL) sql.log.push(`${ms.toFixed(1).padStart(6)} ms  ${query.sql.replace(/\s+/g, " ").slice(0, 150)}`);
  });
}
function counting(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    ...factory,
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const inner = (await factory.connect()) as SqlDriverAdapter;
      return new Proxy(inner, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop === "queryRaw" || prop === "executeRaw") return (q: SqlQuery) => timed(q, () => value.call(target, q));
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    },
  };
}

const client = new PrismaClient({ adapter: counting(serializedSqliteAdapter(DB_FILE)) });
(globalThis as { __bermitraDb?: unknown }).__bermitraDb = { client, ready: prepareSqliteDatabase(client) };

const buildPath = process.env.BUILD_DIR ? `.builds/${path.basename(process.env.BUILD_DIR)}/server/index.mjs` : "build/index.js";
const original = (await import(path.resolve(buildPath))) as ServerBuild;

let loaderMs = 0;
const loaderByRoute = new Map<string, number>();
const routes: ServerBuild["routes"] = {};
for (const [id, route] of Object.entries(original.routes)) {
  const module = route.module;
  routes[id] = {
    ...route,
    module: {
      ...module,
      ...(module.loader
        ? {
            loader: async (args: Parameters<NonNullable<typeof module.loader>>[0]) => {
              const start = performance.now();
              try {
                return await module.loader!(args);
              } finally {
                const ms = performance.now() - start;
                loaderMs += ms;
                loaderByRoute.set(id, (loaderByRoute.get(id) ?? 0) + ms);
              }
            },
          }
        : {}),
    },
  };
}
const build = { ...original, routes } as ServerBuild;
const handle = createRequestHandler(build, "production");
const BASE = "http://127.0.0.1:4999";

async function request(pathname: string, cookie: string | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("cookie", cookie);
  headers.set("x-bermitra-client-ip", "127.0.0.1");
  headers.set("host", "127.0.0.1:4999");
  const response = await handle(new Request(BASE + pathname, { ...init, headers, redirect: "manual" }), { cspNonce: "profile" });
  const body = await response.text();
  return { response, body };
}

async function logIn(email: string): Promise<string> {
  const { response } = await request("/login", null, {
    method: "POST",
    headers: { Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "bermitra-demo", redirectTo: "" }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`login as ${email}: ${response.status}`);
  return cookie;
}

async function finalPage(cookie: string | null, page: string): Promise<string> {
  let current = page;
  for (let hop = 0; hop < 5; hop++) {
    const { response } = await request(current, cookie);
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) return current;
    const next = new URL(location, BASE + current);
    current = next.pathname + next.search;
  }
  return current;
}

type Row = { role: string; page: string; status: number; wallMs: number; cpuMs: number; loaderMs: number; sqlCount: number; sqlMs: number; restMs: number; htmlKB: number; loaders: Record<string, number> };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function profile(role: string, page: string, cookie: string | null): Promise<Row> {
  const walls: number[] = [], cpus: number[] = [], loaders: number[] = [], counts: number[] = [], sqls: number[] = [];
  let status = 0, size = 0;
  loaderByRoute.clear();
  for (let i = 0; i < RUNS + 2; i++) {
    sql.count = 0; sql.ms = 0; sql.log = []; loaderMs = 0;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const { response, body } = await request(page, cookie);
    const wall = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    status = response.status; size = body.length;
    if (i < 2) { loaderByRoute.clear(); continue; } // warm-up
    walls.push(wall); cpus.push((cpu.user + cpu.system) / 1000); loaders.push(loaderMs); counts.push(sql.count); sqls.push(sql.ms);
  }
  if (SHOW_SQL) console.error(sql.log.map((l) => `      ${l}`).join("\n"));
  const wallMs = median(walls), lMs = median(loaders);
  return {
    role, page, status,
    wallMs: +wallMs.toFixed(1), cpuMs: +median(cpus).toFixed(1), loaderMs: +lMs.toFixed(1), sqlCount: median(counts), sqlMs: +median(sqls).toFixed(1),
    restMs: +(wallMs - lMs).toFixed(1), htmlKB: +(size / 1024).toFixed(1),
    loaders: Object.fromEntries([...loaderByRoute].map(([id, ms]) => [id, +(ms / RUNS).toFixed(1)])),
  };
}

await (globalThis as unknown as { __bermitraDb: { ready: Promise<void> } }).__bermitraDb.ready;
const rows: Row[] = [];
console.error(`${"page".padEnd(52)} status   wall    cpu  loaders  sql#  sqlms   rest  html KB   (medians of ${RUNS}, ms)`);
// PROFILE_PAGES="email /path,email /path2": just these pages (e.g. the monitoring pages on the bench:dashboard database)
function chosenPages(list: string): { email: string; pages: string[]; details: [] }[] {
  const byEmail = new Map<string, string[]>();
  for (const [email, page] of list.split(",").map((p) => p.trim().split(/\s+/) as [string, string])) byEmail.set(email, [...(byEmail.get(email) ?? []), page]);
  return [...byEmail].map(([email, pages]) => ({ email, pages, details: [] }));
}
const chosen = process.env.PROFILE_PAGES ? chosenPages(process.env.PROFILE_PAGES) : ROLES;
for (const role of chosen) {
  const name = role.email ?? "anonymous";
  const cookie = role.email ? await logIn(role.email) : null;
  const pages: string[] = [];
  for (const page of role.pages) pages.push(await finalPage(cookie, page));
  for (const detail of role.details ?? []) {
    const { body } = await request(detail.from, cookie);
    const href = [...body.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&")).find((h) => detail.link.test(h));
    if (href) pages.push(href);
  }
  console.error(`-- ${name}`);
  for (const page of pages) {
    if (ONLY && !ONLY.test(page)) continue;
    const row = await profile(name, page, cookie);
    rows.push(row);
    console.error(
      `${page.slice(0, 52).padEnd(52)} ${String(row.status).padStart(6)} ${String(row.wallMs).padStart(6)} ${String(row.cpuMs).padStart(6)} ${String(row.loaderMs).padStart(8)} ${String(row.sqlCount).padStart(5)} ${String(row.sqlMs).padStart(6)} ${String(row.restMs).padStart(6)} ${String(row.htmlKB).padStart(8)}`,
    );
  }
}
const sum = (k: "wallMs" | "cpuMs" | "loaderMs" | "sqlMs" | "restMs" | "sqlCount") => +rows.reduce((s, r) => s + r[k], 0).toFixed(1);
console.error(`total over ${rows.length} pages: wall ${sum("wallMs")} ms, CPU ${sum("cpuMs")} ms, loaders ${sum("loaderMs")} ms, SQL ${sum("sqlCount")} statements ${sum("sqlMs")} ms, rest ${sum("restMs")} ms`);
console.log(JSON.stringify({ runs: RUNS, pages: rows.length, totals: { wallMs: sum("wallMs"), cpuMs: sum("cpuMs"), loaderMs: sum("loaderMs"), sqlMs: sum("sqlMs"), sqlCount: sum("sqlCount"), restMs: sum("restMs") }, rows }));
process.exit(0);
