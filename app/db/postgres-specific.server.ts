/**
 * ──────────────────────────────────────────────────────────────────────────
 *  POSTGRESQL-SPECIFIC SQL: the twin of app/db/sqlite-specific.server.ts, used when DATABASE_URL starts
 *  with postgresql:// (issue 15, decision 120). The client comes from the schema generated from the
 *  SQLite one (scripts/pg-schema.ts → prisma/postgresql/schema.prisma → app/generated/prisma-pg).
 * ──────────────────────────────────────────────────────────────────────────
 */
import { postgresAdapterFactory } from "./postgres-adapter";
import type { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-pg/client";

/**
 * A Prisma client on PostgreSQL. The two generated clients have the same models and the same API (one
 * schema); the PostgreSQL one is returned under the SQLite client's type so the app has one `Db` type.
 */
export function createPostgresClient(url: string, options: { poolSize?: number; transactionOptions?: { maxWait: number; timeout: number } } = {}): PrismaClient {
  const adapter = postgresAdapterFactory(url, { max: options.poolSize ?? Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return new PostgresPrismaClient({ adapter, transactionOptions: options.transactionOptions ?? { maxWait: 10_000, timeout: 15_000 } }) as unknown as PrismaClient;
}

const STATEMENTS = [
  // The audit log is append-only: the database itself refuses edits and deletions.
  `CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'AuditEvent is append-only'; END $$`,
  `DROP TRIGGER IF EXISTS audit_event_no_update ON "AuditEvent"`,
  `CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
  `DROP TRIGGER IF EXISTS audit_event_no_delete ON "AuditEvent"`,
  `CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
  // One row that /healthz rewrites to prove the database can be written (app/db/health.server.ts).
  `CREATE TABLE IF NOT EXISTS "_health_probe" (id INTEGER PRIMARY KEY CHECK (id = 1), at TEXT NOT NULL)`,
];

/** Database objects Prisma's schema cannot express, created idempotently at start (and by the seed). */
export async function preparePostgresDatabase(client: PrismaClient): Promise<void> {
  // Serialise concurrent starts of several instances (CREATE OR REPLACE FUNCTION races otherwise).
  await client.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(4242001)`);
    for (const sql of STATEMENTS) await tx.$executeRawUnsafe(sql);
  });
}

/** A cheap write probe: rewrites one row, committed. */
export async function postgresWriteProbe(client: PrismaClient, at: Date): Promise<void> {
  await client.$executeRawUnsafe(
    `INSERT INTO "_health_probe" (id, at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET at = excluded.at`,
    at.toISOString(),
  );
}
