/**
 * What the HTTP benchmarks share: starting the built server on loopback, logging in through the real form,
 * measuring a set of paths with autocannon (per-response latencies, so p95 is exact), the load average.
 * Used by bench-search.ts, bench-cores.ts and bench-pages.ts.
 */
import { execSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export type Stats = { rps: number; p50: number; p95: number; p99: number; requests: number; errors: number; non2xx: number; bytesPerResponse: number };

type AutocannonResult = { requests: { total: number }; errors: number; non2xx: number; throughput: { total: number } };
type AutocannonInstance = { on(event: "response", fn: (client: unknown, status: number, bytes: number, time: number) => void): void };
type Autocannon = (opts: Record<string, unknown>, cb: (err: Error | null, result: AutocannonResult) => void) => AutocannonInstance;

export const DEMO_PASSWORD = "bermitra-demo";

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
}

export type Server = { base: string; process: ChildProcess; stop: () => Promise<void> };

/**
 * Starts `server.ts` (the production launcher) on 127.0.0.1:`port` and resolves once `processes` distinct
 * web processes have answered /healthz (it names the process that answered).
 */
export async function startServer(options: { port: number; env: NodeJS.ProcessEnv; processes?: number; verbose?: boolean }): Promise<Server> {
  const processes = options.processes ?? 1;
  const base = `http://127.0.0.1:${options.port}`;
  const child = spawn("npx", ["tsx", "server.ts"], {
    env: { ...options.env, PORT: String(options.port), HOST: "127.0.0.1", WEB_CONCURRENCY: String(processes) },
    stdio: ["ignore", "ignore", options.verbose ? "inherit" : "ignore"],
    detached: true,
  });
  const kill = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  process.on("exit", kill);
  // Each answer names its process; fresh connections (no keep-alive) reach the other workers too.
  const seen = new Set<number>();
  const deadline = Date.now() + 200_000;
  while (seen.size < processes) {
    try {
      const health = (await (await fetch(`${base}/healthz`, { headers: { connection: "close" } })).json()) as { instance?: number };
      seen.add(health.instance ?? 0);
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      kill();
      throw new Error(`the app did not start with ${processes} process(es)`);
    }
    if (seen.size < processes) await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    process: child,
    // Waits until the launcher and its workers have exited, so the next server can take the port.
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      kill();
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // already gone
        }
      }, 10_000);
      await exited;
      clearTimeout(timer);
      await new Promise((r) => setTimeout(r, 500));
    },
  };
}

/** Logs in through the real login form and returns the session cookie. */
export async function logIn(base: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, redirectTo: "" }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`login as ${email} answered ${response.status}`);
  return cookie;
}

/**
 * autocannon over `paths` (or `requests`, each with headers of its own) in rotation at `connections` for
 * `seconds`; latencies of every response.
 */
export async function measure(
  options: { base: string; connections: number; seconds: number; cookie?: string | null } & ({ paths: string[] } | { requests: { path: string; headers: Record<string, string> }[] }),
): Promise<Stats> {
  // @ts-expect-error autocannon ships no type declarations
  const autocannon = (await import("autocannon")).default as unknown as Autocannon;
  const headers: Record<string, string> = { "accept-encoding": "gzip" };
  if (options.cookie) headers.cookie = options.cookie;
  const times: number[] = [];
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.base,
        connections: options.connections,
        duration: options.seconds,
        requests:
          "paths" in options
            ? options.paths.map((p) => ({ method: "GET", path: p, headers }))
            : options.requests.map((r) => ({ method: "GET", path: r.path, headers: { ...headers, ...r.headers } })),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, _status, _bytes, time) => times.push(time));
  });
  times.sort((a, b) => a - b);
  return {
    rps: +(result.requests.total / options.seconds).toFixed(1),
    p50: +percentile(times, 50).toFixed(1),
    p95: +percentile(times, 95).toFixed(1),
    p99: +percentile(times, 99).toFixed(1),
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    bytesPerResponse: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
  };
}

/** 600 distinct catalogue queries from the demo catalogue's words: whole words, prefixes, typos, pairs. */
/** `n` distinct text queries (words of the catalogue, their prefixes, a typo each, pairs); 26 words give 700+. */
export function distinctSearchQueries(n = 600): string[] {
  const words = ["kopi", "kue", "keripik", "telur", "asin", "sambal", "jahe", "madu", "batik", "tas", "apel", "susu", "dodol", "roti", "teh", "kacang", "bawang", "pisang", "singkong", "gula", "lemper", "klepon", "nastar", "tempe", "jamu", "sabun"];
  const out = new Set<string>();
  for (const a of words) {
    out.add(a);
    for (let cut = 3; cut < a.length; cut++) out.add(a.slice(0, cut));
    out.add(a.slice(0, -1) + "y"); // a typo
    for (const b of words) if (a !== b) out.add(`${a} ${b}`);
  }
  if (out.size < n) throw new Error(`only ${out.size} distinct queries, ${n} asked for`);
  return [...out].slice(0, n).map((q) => `q=${encodeURIComponent(q)}`);
}

/**
 * A fresh demo database (migrate + seed) at `dbFile` and the environment of a production server on it with
 * background jobs and every cache off (PAGE_CACHE=off, SEARCH_RESULT_CACHE=0), so each request does its
 * real work. Builds the app unless BENCH_SKIP_BUILD is set.
 */
export function prepareUncachedDemo(dbFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${dbFile}`,
    NODE_ENV: "production",
    BERMITRA_DEMO: "1",
    BERMITRA_JOBS: "off",
    PAGE_CACHE: "off",
    SEARCH_RESULT_CACHE: "0",
  };
  mkdirSync(path.dirname(dbFile), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(dbFile + suffix, { force: true });
  execSync("npx prisma migrate deploy && npx prisma db seed", { env, stdio: "ignore" });
  if (!process.env.BENCH_SKIP_BUILD) execSync("npx remix build", { env, stdio: "ignore" });
  return env;
}
