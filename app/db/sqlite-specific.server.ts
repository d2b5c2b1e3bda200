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
];

/** Connection settings (WAL, foreign keys) and database objects Prisma's schema cannot express. */
export async function prepareSqliteDatabase(client: PrismaClient): Promise<void> {
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  for (const sql of STATEMENTS) await client.$executeRawUnsafe(sql);
}

export async function readPragma(client: PrismaClient, name: "journal_mode" | "foreign_keys"): Promise<string> {
  const rows = await client.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  return String(Object.values(rows[0] ?? {})[0]);
}
