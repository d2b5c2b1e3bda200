/**
 * "Has the data changed since?" for the public page cache, on both databases (issue 15 item 4).
 *
 * - SQLite: `PRAGMA data_version` on a read-only connection of its own moves whenever any other connection
 *   (the app, a script, another process of the cluster) commits.
 * - PostgreSQL: every app instance LISTENs on one channel that statement triggers NOTIFY at commit
 *   (app/db/postgres-specific.server.ts), and counts the notifications. Notifications arrive a few
 *   milliseconds after the commit, on every instance. While the listener is not connected (at start, after
 *   a dropped connection) every reading is a new version, so nothing is served from the cache.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, sqliteFilePath } from "~/db/database-url";
import { DATA_CHANGED_CHANNEL } from "~/db/postgres-specific.server";

export type DataVersionSource = {
  /** a number that differs from every earlier reading once data has changed */
  current(): number;
  close(): void;
};

export function sqliteDataVersion(file: string): DataVersionSource {
  let connection: Database.Database | null = null;
  return {
    current() {
      connection ??= new Database(file, { readonly: true, fileMustExist: true });
      return connection.pragma("data_version", { simple: true }) as number;
    },
    close() {
      connection?.close();
      connection = null;
    },
  };
}

export function postgresDataVersion(url: string, options: { reconnectMs?: number } = {}): DataVersionSource & { ready: Promise<void> } {
  let version = 0;
  let listening = false;
  let closed = false;
  let client: pg.Client | null = null;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const retry = () => {
    if (!closed) setTimeout(connect, options.reconnectMs ?? 1_000).unref();
  };
  async function connect() {
    const c = new pg.Client({ connectionString: url });
    c.on("notification", () => {
      version++;
    });
    c.on("error", (error) => console.error("[page-cache] change listener:", error.message));
    c.on("end", () => {
      if (client === c) {
        listening = false;
        client = null;
        version++;
        retry();
      }
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${DATA_CHANGED_CHANNEL}`);
      if (closed) return void c.end();
      client = c;
      version++; // changes made while nobody listened are unknown: start a new version
      listening = true;
      markReady();
    } catch (error) {
      console.error("[page-cache] change listener could not connect:", (error as Error).message);
      void c.end().catch(() => {});
      retry();
    }
  }
  void connect();
  return {
    ready,
    current: () => (listening ? version : ++version),
    close() {
      closed = true;
      listening = false;
      void client?.end().catch(() => {});
      client = null;
    },
  };
}

/** The source for the app's own database (DATABASE_URL). */
export function appDataVersion(): DataVersionSource {
  return databaseKind() === "postgresql" ? postgresDataVersion(process.env.DATABASE_URL!) : sqliteDataVersion(sqliteFilePath());
}
