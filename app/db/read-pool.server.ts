/**
 * The SQLite read pool (decision 142): worker threads, each with its own `query_only` connection on the
 * database file, for the heavy analytical reads a page issues together (the monitoring's counts and rollup
 * sums). better-sqlite3 runs a statement on the thread that calls it, so on the one reader connection of
 * the serialized adapter the statements of a `Promise.all` run one after another and block the event loop;
 * in the pool they run side by side on the machine's cores while the main thread goes on with its work.
 *
 * Only statements that ask for it go there: raw SQL that starts with `READ_POOL_HINT` (`pooledRead(sql)`),
 * a top-level read outside any transaction. Everything else keeps the serialized adapter's path. A worker
 * sees committed data only, like the reader (WAL). The pool is piscina (a kept library, not a hand-written
 * one); SQLITE_READ_POOL sets its size (default: 2 threads, at most the cores; 0 turns it off and the hinted
 * statements run on the reader).
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DriverAdapterError, type SqlQuery, type SqlResultSet } from "@prisma/driver-adapter-utils";
import { Piscina } from "piscina";

export { READ_POOL_HINT } from "./raw-sql";

type Outcome =
  | { ok: true; result: SqlResultSet }
  | { ok: false; error: { name?: string; message: string; code?: string; cause?: ConstructorParameters<typeof DriverAdapterError>[0] } };

/** The worker's file, from the project root (the server bundle lives elsewhere: build/, .builds/<name>/). */
function workerFile(): string | null {
  const file = path.resolve(process.env.BERMITRA_ROOT ?? process.cwd(), "app/db/sqlite-read-worker.mjs");
  return existsSync(file) ? file : null;
}

/** Threads in the pool: SQLITE_READ_POOL, else 2 (never more than the cores). */
export function readPoolSize(): number {
  const configured = process.env.SQLITE_READ_POOL;
  const cores = os.availableParallelism();
  if (configured !== undefined && configured.trim() !== "") {
    const n = Number(configured);
    return Number.isInteger(n) && n > 0 ? Math.min(n, cores) : 0;
  }
  return Math.min(2, cores);
}

export type ReadPool = { run(query: SqlQuery): Promise<SqlResultSet>; close(): Promise<void> };

/** A read pool on one SQLite file, or null when it is turned off (or its worker file is missing). */
export function createReadPool(file: string): ReadPool | null {
  const size = readPoolSize();
  const filename = workerFile();
  if (!size || !filename) return null;
  let pool: Piscina | undefined;
  const piscina = () =>
    (pool ??= new Piscina({
      filename,
      minThreads: size,
      maxThreads: size,
      // idle threads end after a minute (a script's process can exit; the next burst starts them again)
      idleTimeout: 60_000,
      // one statement per thread at a time: a second waits in the queue, not behind another on the same connection
      concurrentTasksPerWorker: 1,
    }));
  return {
    async run(query) {
      const outcome = (await piscina().run({ file, query: { sql: query.sql, args: query.args, argTypes: query.argTypes } })) as Outcome;
      if (outcome.ok) return outcome.result;
      const { error } = outcome;
      if (error.cause) throw new DriverAdapterError(error.cause);
      throw Object.assign(new Error(error.message), { name: error.name ?? "Error", code: error.code });
    },
    async close() {
      await pool?.destroy();
      pool = undefined;
    },
  };
}
