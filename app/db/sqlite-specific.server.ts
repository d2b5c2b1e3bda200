/**
 * ──────────────────────────────────────────────────────────────────────────
 *  SQLITE-SPECIFIC SQL. Everything here is particular to SQLite; the rest of
 *  the app speaks Prisma only. A PostgreSQL port replaces this module (and the
 *  built-in FTS5 search backend in app/search/).
 * ──────────────────────────────────────────────────────────────────────────
 */
import type { PrismaClient } from "~/generated/prisma/client";

const STATEMENTS = [
  // The audit log is append-only: the database itself refuses edits and deletions.
  `CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON "AuditEvent"
     BEGIN SELECT RAISE(ABORT, 'AuditEvent is append-only'); END`,
  `CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON "AuditEvent"
     BEGIN SELECT RAISE(ABORT, 'AuditEvent is append-only'); END`,
  // One row that /healthz rewrites to prove the database can be written (app/db/health.server.ts).
  `CREATE TABLE IF NOT EXISTS "_health_probe" (id INTEGER PRIMARY KEY CHECK (id = 1), at TEXT NOT NULL)`,
  // Always empty: /healthz inserts two pages' worth into it and rolls back, to see the database can grow.
  `CREATE TABLE IF NOT EXISTS "_health_probe_space" (b BLOB NOT NULL)`,
];

/** Connection settings (WAL, foreign keys) and database objects Prisma's schema cannot express. */
export async function prepareSqliteDatabase(client: PrismaClient): Promise<void> {
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  // No memory-mapped reads: with mmap an I/O error on the file (read-only remount, disk full, truncation)
  // arrives as SIGBUS and kills the process; with read() it is an SQLite error we can answer with a 503.
  await client.$queryRawUnsafe("PRAGMA mmap_size = 0");
  for (const sql of STATEMENTS) await client.$executeRawUnsafe(sql);
}

const ROLLBACK = Symbol("rollback");

/**
 * A cheap write probe, through the serialised writer: rewrites one row, committed (the file and its WAL can
 * be written), then, in a transaction that is rolled back, inserts two pages' worth of bytes (the database
 * can still grow: a full disk or the `max_page_count` limit answers SQLITE_FULL here, although rewriting a
 * row in place still fits).
 */
export async function writeProbe(client: PrismaClient, at: Date): Promise<void> {
  await client.$executeRawUnsafe(
    `INSERT INTO "_health_probe" (id, at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET at = excluded.at`,
    at.toISOString(),
  );
  await client
    .$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`INSERT INTO "_health_probe_space" (b) VALUES (zeroblob(8192))`);
      throw ROLLBACK;
    })
    .catch((error: unknown) => {
      if (error !== ROLLBACK) throw error;
    });
}

export async function readPragma(client: PrismaClient, name: "journal_mode" | "foreign_keys"): Promise<string> {
  const rows = await client.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  return String(Object.values(rows[0] ?? {})[0]);
}
