/**
 * The SIGKILL-under-load check (issue 11): the built server (`tsx server.ts`, as in production: several web
 * processes) serves a copy of a seeded database; `writers` clients log in through the real login form and
 * save demands through the real form (`POST /partner/demands/new`), as fast as the server answers. After
 * `killAfterMs` the whole server process group is killed with SIGKILL (no shutdown of any kind), the
 * server is started again on the same files, and every write the server had acknowledged (a 302 to the new
 * demand) must be there; `PRAGMA integrity_check` must say ok and a new write must go through.
 *
 * On PostgreSQL (`postgres` option, the twin of the SQLite run) the database server is a process of its own:
 * at the same instant as the app it is stopped with `pg_ctl -m immediate` (no checkpoint, crash recovery from
 * the WAL at the next start), both start again, and the check is the same: every acknowledged demand
 * present, amcheck's `bt_index_check` finds every B-tree index intact, a new write goes through.
 *
 * Used by `npm run test:crash` (scripts/crash-test.ts, long), tests/integration/crash.test.ts (short) and
 * tests/integration/crash-postgres.test.ts (short, PostgreSQL).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, openSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

/** A PostgreSQL database of its own cluster, which the run crashes and restarts (the test owns the cluster). */
export type CrashPostgres = {
  url: string;
  /** stops the database server without a shutdown (`pg_ctl -m immediate`) */
  crash: () => Promise<void>;
  /** starts it again (crash recovery) */
  restart: () => Promise<void>;
};

export type CrashOptions = {
  /** a migrated and seeded SQLite database; copied, never touched (ignored with `postgres`) */
  sourceDb?: string;
  /** run on this PostgreSQL database instead of a copy of `sourceDb`; it is written to */
  postgres?: CrashPostgres;
  /** folder for the copy, uploads, mail and the server logs (emptied first) */
  workDir: string;
  /** BUILD_DIR of a `remix build` of the current code */
  buildDir: string;
  writers?: number;
  killAfterMs?: number;
  webProcesses?: number;
  log?: (line: string) => void;
};

export type CrashResult = {
  writers: number;
  loadMs: number;
  attempted: number;
  acknowledged: number;
  refused: number;
  failedInFlight: number;
  present: number;
  missing: string[];
  integrity: string;
  writeAfterRestart: boolean;
  restartMs: number;
};

const ROOT = path.resolve(import.meta.dirname, "..");
const ACCOUNT = { email: "mitra@bermitra.id", password: "bermitra-demo" };

/** A free TCP port on loopback (also used by the PostgreSQL crash test for its private cluster). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function startServer(opts: CrashOptions, port: number, databaseUrl: string, logName: string): ChildProcess {
  const out = openSync(path.join(opts.workDir, logName), "a");
  return spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["server.ts"], {
    cwd: ROOT,
    // Its own process group, so SIGKILL reaches the primary and every web process at the same instant.
    detached: true,
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      NODE_ENV: "production",
      BERMITRA_DEMO: "1",
      BERMITRA_JOBS: "off",
      PORT: String(port),
      HOST: "127.0.0.1",
      BUILD_DIR: opts.buildDir,
      WEB_CONCURRENCY: String(opts.webProcesses ?? 2),
      DATABASE_URL: databaseUrl,
      UPLOAD_DIR: path.join(opts.workDir, "uploads"),
      MAIL_DIR: path.join(opts.workDir, "mail"),
    },
  });
}

async function waitHealthy(base: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it was healthy`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server was not healthy within ${timeoutMs} ms`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

async function stopGracefully(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  killGroup(child, "SIGTERM");
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function logIn(base: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: ACCOUNT.email, password: ACCOUNT.password, redirectTo: "" }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`login answered ${response.status}`);
  return cookie;
}

/** "yyyy-mm-dd" in WIB, `days` from now. */
function dayKey(days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

function demandForm(ids: { categoryId: string; kecamatanId: string }, title: string): URLSearchParams {
  return new URLSearchParams({
    intent: "save",
    title,
    categoryId: ids.categoryId,
    specification: "Uji ketahanan: permintaan disimpan saat server dimatikan paksa.",
    quantity: "25",
    unit: "PCS",
    frequency: "ONE_OFF",
    daysOfWeek: "1",
    deliveryAddress: "Jl. Uji Ketahanan 1, Batu",
    deliveryKecamatanId: ids.kecamatanId,
    startDate: dayKey(40),
    offerDeadline: dayKey(20),
  });
}

/** The few reads the check needs, on either database (read-only use). */
type CheckReader = {
  one: <T>(sql: string, params: unknown[]) => Promise<T | undefined>;
  integrity: () => Promise<string>;
  close: () => Promise<void>;
};

async function openReader(opts: CrashOptions, sqliteFile: string): Promise<CheckReader> {
  if (opts.postgres) {
    const client = new pg.Client({ connectionString: opts.postgres.url });
    await client.connect();
    return {
      one: async <T>(sql: string, params: unknown[]) => {
        let n = 0;
        const result = await client.query(sql.replace(/\?/g, () => `$${++n}`), params);
        return result.rows[0] as T | undefined;
      },
      // amcheck: every B-tree index of the app's schema checked against its table (heapallindexed)
      integrity: async () => {
        await client.query("CREATE EXTENSION IF NOT EXISTS amcheck");
        const indexes = await client.query(
          `SELECT c.oid, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
           WHERE a.amname = 'btree' AND c.relnamespace = 'public'::regnamespace AND c.relpersistence = 'p'`,
        );
        for (const index of indexes.rows as { oid: number; relname: string }[]) {
          try {
            await client.query("SELECT bt_index_check($1::oid::regclass, true)", [index.oid]);
          } catch (error) {
            return `${index.relname}: ${(error as Error).message}`;
          }
        }
        return indexes.rows.length > 0 ? "ok" : "no indexes found";
      },
      close: () => client.end(),
    };
  }
  const sqlite = new Database(sqliteFile, { readonly: true });
  return {
    one: async <T>(sql: string, params: unknown[]) => sqlite.prepare(sql).get(...params) as T | undefined,
    integrity: async () => (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; "),
    close: async () => void sqlite.close(),
  };
}

export async function runCrashTest(opts: CrashOptions): Promise<CrashResult> {
  const log = opts.log ?? (() => undefined);
  const writers = opts.writers ?? 4;
  rmSync(opts.workDir, { recursive: true, force: true });
  mkdirSync(path.join(opts.workDir, "uploads"), { recursive: true });
  const db = path.join(opts.workDir, "crash.db");
  if (!opts.postgres) {
    if (!opts.sourceDb) throw new Error("runCrashTest needs sourceDb (SQLite) or postgres");
    copyFileSync(opts.sourceDb, db);
  }
  const databaseUrl = opts.postgres?.url ?? `file:${db}`;

  const seed = await openReader(opts, db);
  const partner = (await seed.one<{ id: string; dinasOfficeId: string }>(`SELECT p.id, p."dinasOfficeId" FROM "User" u JOIN "Partner" p ON p.id = u."partnerId" WHERE u.email = ?`, [ACCOUNT.email]))!;
  const ids = {
    categoryId: (await seed.one<{ id: string }>(`SELECT id FROM "ProductCategory" ORDER BY id LIMIT 1`, []))!.id,
    kecamatanId: (await seed.one<{ id: string }>(`SELECT id FROM "Kecamatan" WHERE "dinasOfficeId" = ? ORDER BY id LIMIT 1`, [partner.dinasOfficeId]))!.id,
  };
  await seed.close();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = startServer(opts, port, databaseUrl, "server-1.log");
  try {
    await waitHealthy(base, server);
    const cookies = await Promise.all(Array.from({ length: writers }, () => logIn(base)));
    log(`server up on ${base} (${opts.webProcesses ?? 2} web processes); ${writers} writers logged in`);

    const acknowledged: string[] = [];
    let attempted = 0;
    let refused = 0;
    let failedInFlight = 0;
    let killed = false;
    const loadStarted = Date.now();
    const writer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        attempted++;
        try {
          const response = await fetch(`${base}/partner/demands/new`, {
            method: "POST",
            redirect: "manual",
            headers: { Origin: base, Cookie: cookies[w]!, "Content-Type": "application/x-www-form-urlencoded" },
            body: demandForm(ids, `Uji crash w${w} #${i}`),
          });
          const location = response.headers.get("location") ?? "";
          const id = /^\/partner\/demands\/([^/?]+)\?done=saved$/.exec(location)?.[1];
          if (response.status === 302 && id) acknowledged.push(id);
          else refused++;
          await response.arrayBuffer().catch(() => undefined);
        } catch {
          // the connection died with the server: not acknowledged, may or may not be stored
          failedInFlight++;
          if (killed) return;
        }
      }
    };
    const load = Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    await new Promise((resolve) => setTimeout(resolve, opts.killAfterMs ?? 8_000));
    const exited = new Promise((resolve) => server.once("exit", resolve));
    killGroup(server, "SIGKILL");
    const databaseCrashed = opts.postgres?.crash();
    const loadMs = Date.now() - loadStarted;
    killed = true;
    await exited;
    await databaseCrashed;
    await load;
    log(`SIGKILL after ${loadMs} ms${opts.postgres ? " (and PostgreSQL stopped with -m immediate)" : ""}: ${acknowledged.length} acknowledged writes, ${failedInFlight} cut off in flight, ${refused} refused`);

    const restartStarted = Date.now();
    await opts.postgres?.restart();
    server = startServer(opts, port, databaseUrl, "server-2.log");
    await waitHealthy(base, server);
    const restartMs = Date.now() - restartStarted;

    const check = await openReader(opts, db);
    const present = new Set<string>();
    for (const id of acknowledged) if (await check.one(`SELECT id FROM "Demand" WHERE id = ?`, [id])) present.add(id);
    const integrity = await check.integrity();
    await check.close();

    const after = await fetch(`${base}/partner/demands/new`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: base, Cookie: await logIn(base), "Content-Type": "application/x-www-form-urlencoded" },
      body: demandForm(ids, "Uji crash setelah mulai ulang"),
    });
    const writeAfterRestart = after.status === 302 && /\?done=saved$/.test(after.headers.get("location") ?? "");

    return {
      writers,
      loadMs,
      attempted,
      acknowledged: acknowledged.length,
      refused,
      failedInFlight,
      present: present.size,
      missing: acknowledged.filter((id) => !present.has(id)),
      integrity,
      writeAfterRestart,
      restartMs,
    };
  } finally {
    await stopGracefully(server);
  }
}

/** Builds the current code into `.builds/<buildDir>` (remix build). */
export async function buildApp(buildDir: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules/.bin/remix"), ["build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, BUILD_DIR: buildDir, NODE_ENV: "production" } });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`remix build exited with ${code}`))));
  });
}

export type DatabaseRestartResult = {
  healthyBefore: boolean;
  /** what /healthz answered while the database server was down (503 expected, never a hang) */
  healthWhileDown: number | string;
  /** a signed-in page while the database server was down */
  pageWhileDown: number | string;
  /** ms from the database's restart until /healthz answered 200 again */
  recoveredMs: number;
  /** the same app process (never restarted) saved a demand through the form afterwards, on the old session */
  writeAfter: boolean;
  appStayedUp: boolean;
};

async function statusWithin(url: string, init: RequestInit, timeoutMs: number): Promise<number | string> {
  try {
    const response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  } catch (error) {
    return (error as Error).name;
  }
}

/**
 * PostgreSQL only: the database server crashes (`pg_ctl -m immediate`) and comes back while the app keeps
 * running. The app must answer while it is down (503 with the reason, no hang, no crash of the process) and
 * serve reads and writes again once it is back, without a restart, on the sessions it had.
 */
export async function runDatabaseRestart(opts: CrashOptions & { postgres: CrashPostgres }): Promise<DatabaseRestartResult> {
  rmSync(opts.workDir, { recursive: true, force: true });
  mkdirSync(path.join(opts.workDir, "uploads"), { recursive: true });
  const reader = await openReader(opts, "");
  const partner = (await reader.one<{ dinasOfficeId: string }>(`SELECT p."dinasOfficeId" FROM "User" u JOIN "Partner" p ON p.id = u."partnerId" WHERE u.email = ?`, [ACCOUNT.email]))!;
  const ids = {
    categoryId: (await reader.one<{ id: string }>(`SELECT id FROM "ProductCategory" ORDER BY id LIMIT 1`, []))!.id,
    kecamatanId: (await reader.one<{ id: string }>(`SELECT id FROM "Kecamatan" WHERE "dinasOfficeId" = ? ORDER BY id LIMIT 1`, [partner.dinasOfficeId]))!.id,
  };
  await reader.close();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer({ ...opts, webProcesses: 1 }, port, opts.postgres.url, "server-restart.log");
  try {
    await waitHealthy(base, server);
    const healthyBefore = (await statusWithin(`${base}/healthz`, {}, 10_000)) === 200;
    const cookie = await logIn(base);
    await opts.postgres.crash();
    const healthWhileDown = await statusWithin(`${base}/healthz`, {}, 15_000);
    const pageWhileDown = await statusWithin(`${base}/partner/demands`, { headers: { Cookie: cookie } }, 15_000);
    await opts.postgres.restart();
    const restarted = Date.now();
    let recoveredMs = -1;
    while (Date.now() - restarted < 30_000) {
      if ((await statusWithin(`${base}/healthz`, {}, 5_000)) === 200) {
        recoveredMs = Date.now() - restarted;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const after = await fetch(`${base}/partner/demands/new`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: base, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: demandForm(ids, "Uji basis data dimulai ulang"),
    });
    const writeAfter = after.status === 302 && /\?done=saved$/.test(after.headers.get("location") ?? "");
    return { healthyBefore, healthWhileDown, pageWhileDown, recoveredMs, writeAfter, appStayedUp: server.exitCode === null && server.signalCode === null };
  } finally {
    await stopGracefully(server);
  }
}
