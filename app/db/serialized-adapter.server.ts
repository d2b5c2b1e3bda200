/**
 * The database discipline, enforced below Prisma so that no caller can get it wrong
 * (docs/decisions/070-one-database-discipline.md):
 *
 *  - one **writer** connection; every write and every transaction runs on it while holding one in-process
 *    lock (a mutex), so a plain query can never run inside another request's open transaction;
 *  - transactions start with `BEGIN IMMEDIATE`: the SQLite write lock is taken up front, so a transaction
 *    never fails half-way because another process (a backup, a script) holds the lock;
 *  - when another process holds that lock we wait, asynchronously (the event loop keeps serving reads),
 *    up to `DB_BUSY_TIMEOUT_MS` (5 s), then give up with a `DatabaseUnavailableError` (answered 503);
 *  - plain reads (a top-level `SELECT`) go to a second, `query_only` **reader** connection on the same file,
 *    which in WAL mode sees only committed data and never waits for the writer;
 *  - raw reads marked for the read pool (`pooledRead`, decision 142) go to its worker threads, each with a
 *    `query_only` connection of its own, so that a page's heavy reads run side by side.
 *
 * Queries issued inside a transaction (the `tx` client) run on the writer, inside that transaction.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { Mutex } from "async-mutex";
import type BetterSqlite3 from "better-sqlite3";
import { DatabaseUnavailableError, sqliteCodeOf, unavailableReasonOf } from "./errors";
import { createReadPool, READ_POOL_HINT, type ReadPool } from "./read-pool.server";

/** How long a write waits for the database lock (another request's transaction or another process). */
export function busyTimeoutMs(): number {
  const value = Number(process.env.DB_BUSY_TIMEOUT_MS ?? 5_000);
  return Number.isFinite(value) && value >= 0 ? value : 5_000;
}

const READ_ONLY_SQL = /^\s*SELECT\b/i;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Inner = SqlDriverAdapter & { client: BetterSqlite3.Database };

/** Maps an error from SQLite to a DatabaseUnavailableError when it means "the database cannot serve now". */
function translate(error: unknown): never {
  if (error instanceof DatabaseUnavailableError) throw error;
  const reason = unavailableReasonOf(error);
  if (reason) throw new DatabaseUnavailableError(reason, { cause: error });
  throw error;
}

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    translate(error);
  }
}

/** Runs `attempt` until it does not fail with SQLITE_BUSY, waiting asynchronously until `deadline`. */
async function untilNotBusy<T>(deadline: number, attempt: () => Promise<T>): Promise<T> {
  let pause = 5;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (sqliteCodeOf(error) !== "SQLITE_BUSY" || Date.now() >= deadline) translate(error);
      await sleep(Math.min(pause, Math.max(1, deadline - Date.now())));
      pause = Math.min(pause * 2, 50);
    }
  }
}

class SerializedAdapter implements SqlDriverAdapter {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #lock = new Mutex();
  #reader: Inner | undefined;

  constructor(
    readonly writer: Inner,
    readonly openReader: () => Promise<Inner>,
    readonly readPool: ReadPool | null = null,
  ) {
    this.adapterName = writer.adapterName;
  }

  /** Takes the in-process write lock, waiting at most until `deadline`. */
  async #acquire(deadline: number): Promise<() => void> {
    let timer: NodeJS.Timeout | undefined;
    const acquiring = this.#lock.acquire();
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new DatabaseUnavailableError("busy", {
              cause: new Error(
                "waited too long for the database write lock (a write issued through `db` inside db.$transaction must use the transaction client `tx`)",
              ),
            }),
          ),
        Math.max(0, deadline - Date.now()),
      );
    });
    try {
      return await Promise.race([acquiring, timedOut]);
    } catch (error) {
      // Give the lock back as soon as we would have been granted it.
      void acquiring.then((release) => release());
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async #write<T>(run: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + busyTimeoutMs();
    const release = await this.#acquire(deadline);
    try {
      return await untilNotBusy(deadline, run);
    } finally {
      release();
    }
  }

  async #read(query: SqlQuery): Promise<SqlResultSet> {
    try {
      this.#reader ??= await this.openReader();
    } catch (error) {
      translate(error);
    }
    const reader = this.#reader;
    return guarded(() => reader.queryRaw(query));
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    const pooled = query.sql.startsWith(READ_POOL_HINT);
    const sql = pooled ? query.sql.slice(READ_POOL_HINT.length) : query.sql;
    if (READ_ONLY_SQL.test(sql)) {
      const pool = this.readPool;
      return pooled && pool ? guarded(() => pool.run(query)) : this.#read(query);
    }
    return this.#write(() => this.writer.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#write(() => this.writer.executeRaw(query));
  }

  executeScript(script: string): Promise<void> {
    return this.#write(() => this.writer.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
      throw new Error(`SQLite transactions are serializable; isolation level ${isolationLevel} is not supported`);
    }
    const deadline = Date.now() + busyTimeoutMs();
    const release = await this.#acquire(deadline);
    const client = this.writer.client;
    try {
      await untilNotBusy(deadline, async () => {
        client.prepare("BEGIN IMMEDIATE").run();
      });
    } catch (error) {
      release();
      throw error;
    }
    return new SerializedTransaction(this.writer, release);
  }

  async dispose(): Promise<void> {
    await this.writer.dispose();
    await this.#reader?.dispose();
    await this.readPool?.close();
  }
}

class SerializedTransaction implements Transaction {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly options = { usePhantomQuery: false };
  #released = false;

  constructor(
    readonly writer: Inner,
    readonly releaseLock: () => void,
  ) {
    this.adapterName = writer.adapterName;
  }

  #release() {
    if (this.#released) return;
    this.#released = true;
    // A COMMIT that failed (disk full, read-only file) can leave the transaction open: close it.
    if (this.writer.client.inTransaction) {
      try {
        this.writer.client.prepare("ROLLBACK").run();
      } catch {
        // nothing more to undo
      }
    }
    this.releaseLock();
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return guarded(() => this.writer.queryRaw(query));
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    const closing = /^\s*(COMMIT|ROLLBACK)\b/i.test(query.sql);
    try {
      return await guarded(() => this.writer.executeRaw(query));
    } catch (error) {
      if (closing) this.#release();
      throw error;
    }
  }

  async commit(): Promise<void> {
    this.#release();
  }

  async rollback(): Promise<void> {
    this.#release();
  }
}

/**
 * A Prisma driver-adapter factory for the app: one serialized writer connection plus a `query_only`
 * reader connection on the same SQLite file.
 */
export function serializedSqliteAdapter(file: string): SqlDriverAdapterFactory {
  const url = `file:${file}`;
  return {
    provider: "sqlite",
    adapterName: "@prisma/adapter-better-sqlite3",
    async connect() {
      // The writer never blocks the event loop waiting for a lock: it fails at once and we retry asynchronously.
      const writer = (await new PrismaBetterSQLite3({ url, timeout: 0 }).connect()) as Inner;
      const openReader = async () => {
        const reader = (await new PrismaBetterSQLite3({ url, timeout: 2_000 }).connect()) as Inner;
        reader.client.pragma("query_only = ON");
        reader.client.pragma("mmap_size = 0");
        return reader;
      };
      return new SerializedAdapter(writer, openReader, createReadPool(file));
    },
  };
}
