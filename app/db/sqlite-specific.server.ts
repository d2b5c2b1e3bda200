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

/** A cheap write probe: rewrites one row, committed, through the serialised writer. */
export async function writeProbe(client: PrismaClient, at: Date): Promise<void> {
  await client.$executeRawUnsafe(
    `INSERT INTO "_health_probe" (id, at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET at = excluded.at`,
    at.toISOString(),
  );
}

export async function readPragma(client: PrismaClient, name: "journal_mode" | "foreign_keys"): Promise<string> {
  const rows = await client.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  return String(Object.values(rows[0] ?? {})[0]);
}
