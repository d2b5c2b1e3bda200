/**
 * ──────────────────────────────────────────────────────────────────────────
 *  POSTGRESQL-SPECIFIC SQL: the twin of app/db/sqlite-specific.server.ts, used when DATABASE_URL starts
 *  with postgresql:// (issue 15, decision 120). The client comes from the schema generated from the
 *  SQLite one (scripts/pg-schema.ts → prisma/postgresql/schema.prisma → app/generated/prisma-pg).
 * ──────────────────────────────────────────────────────────────────────────
 */
import { createHash } from "node:crypto";
import { postgresAdapterFactory } from "./postgres-adapter";
import { POSTGRES_SEARCH_DDL, POSTGRES_SEARCH_TABLES } from "~/search/postgres-search.server";
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

/** The NOTIFY channel of committed data changes. */
export const DATA_CHANGED_CHANNEL = "bermitra_data_changed";
/** Tables whose writes do not change what pages show (sessions, counters, leases, outboxes, the log). */
const QUIET_TABLES = [
  "_prisma_migrations",
  "_bermitra_prepared",
  "_health_probe",
  "Session",
  "RateLimit",
  "JobLease",
  "Notification",
  "EmailMessage",
  "TextMessage",
  "SearchOutbox",
  "StripeEvent",
  "AuditEvent",
  // the built-in search index: written in the same transaction as the product change, which notifies
  ...POSTGRES_SEARCH_TABLES,
  // the monitoring rollup: dirty marks are written with the source change (which notifies), the rollup by the job
  "MonitoringDaily",
  "MonitoringDirtyDay",
  "PartnerMonthly",
  "PartnerQuarterly",
];

/** SQL: the UTC day of a timestamp column (the rollup's dirty marks know no zone, like SQLite's `date(x)`). */
const utcDay = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/**
 * The monitoring rollup's dirty-day triggers (decision 125), the twin of the SQLite migration
 * 20261201192000_monitoring_rollups: every write that changes a figure marks the UTC day of the instants it
 * touches (old and new) in "MonitoringDirtyDay", bumping the mark's version. Row triggers, so a change and its
 * mark commit together; `monitoring_mark_days` takes a set of days (DISTINCT: one upsert may not touch a row twice).
 */
const MONITORING_TRIGGERS: string[] = [
  `CREATE OR REPLACE FUNCTION monitoring_mark_days(days text[]) RETURNS void LANGUAGE sql AS $$
     INSERT INTO "MonitoringDirtyDay" ("day") SELECT DISTINCT d FROM unnest(days) AS d WHERE d IS NOT NULL
     ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1 $$`,
  // a row's own instant, old and new
  ...(
    [
      ["Payment", "confirmedAt", `INSERT OR UPDATE OF "status", "confirmedAt", "amountRupiah", "invoiceId" OR DELETE`],
      ["Delivery", "receivedAt", `INSERT OR UPDATE OF "receivedAt", "orderId" OR DELETE`],
      ["CoachingSession", "dueDate", `INSERT OR UPDATE OF "dueDate", "status", "groupId", "partnerId", "scheduledAt", "confirmedAt", "rating" OR DELETE`],
    ] as const
  ).flatMap(([table, column, events]) => [
    `CREATE OR REPLACE FUNCTION monitoring_${table.toLowerCase()}_changed() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP <> 'INSERT' THEN PERFORM monitoring_mark_days(ARRAY[${utcDay(`OLD."${column}"`)}]); END IF;
       IF TG_OP <> 'DELETE' THEN PERFORM monitoring_mark_days(ARRAY[${utcDay(`NEW."${column}"`)}]); END IF;
       RETURN NULL;
     END $$`,
    `DROP TRIGGER IF EXISTS monitoring_changed ON "${table}"`,
    `CREATE TRIGGER monitoring_changed AFTER ${events} ON "${table}" FOR EACH ROW EXECUTE FUNCTION monitoring_${table.toLowerCase()}_changed()`,
  ]),
  // an invoice's due day, for the partner-month rollup (decision 141): a trigger of its own, the Invoice trigger
  // below marks its payments' days
  `CREATE OR REPLACE FUNCTION monitoring_invoice_due_changed() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP <> 'INSERT' THEN PERFORM monitoring_mark_days(ARRAY[${utcDay(`OLD."dueAt"`)}]); END IF;
     IF TG_OP <> 'DELETE' THEN PERFORM monitoring_mark_days(ARRAY[${utcDay(`NEW."dueAt"`)}]); END IF;
     RETURN NULL;
   END $$`,
  `DROP TRIGGER IF EXISTS monitoring_due_changed ON "Invoice"`,
  `CREATE TRIGGER monitoring_due_changed AFTER INSERT OR UPDATE OF "dueAt", "paidAt", "status", "partnerId" OR DELETE ON "Invoice" FOR EACH ROW EXECUTE FUNCTION monitoring_invoice_due_changed()`,
  // a row whose children's instants count: the days of those children
  ...(
    [
      ["Invoice", `UPDATE OF "groupId", "partnerId"`, `SELECT ${utcDay(`p."confirmedAt"`)} FROM "Payment" p WHERE p."invoiceId" = NEW."id"`, null],
      ["Order", `UPDATE OF "deliveryDate", "groupId", "partnerId"`, `SELECT ${utcDay(`d."receivedAt"`)} FROM "Delivery" d WHERE d."orderId" = NEW."id"`, null],
      ["DeliveryLine", `INSERT OR UPDATE OR DELETE`, `SELECT ${utcDay(`d."receivedAt"`)} FROM "Delivery" d WHERE d."id" = NEW."deliveryId"`, `SELECT ${utcDay(`d."receivedAt"`)} FROM "Delivery" d WHERE d."id" = OLD."deliveryId"`],
      ["CoachingFile", `INSERT OR UPDATE OF "kind", "sessionId" OR DELETE`, `SELECT ${utcDay(`s."dueDate"`)} FROM "CoachingSession" s WHERE s."id" = NEW."sessionId"`, `SELECT ${utcDay(`s."dueDate"`)} FROM "CoachingSession" s WHERE s."id" = OLD."sessionId"`],
    ] as const
  ).flatMap(([table, events, newDays, oldDays]) => [
    `CREATE OR REPLACE FUNCTION monitoring_${table.toLowerCase()}_changed() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       ${oldDays ? `IF TG_OP <> 'INSERT' THEN PERFORM monitoring_mark_days(ARRAY(${oldDays})); END IF;` : ""}
       IF TG_OP <> 'DELETE' THEN PERFORM monitoring_mark_days(ARRAY(${newDays})); END IF;
       RETURN NULL;
     END $$`,
    `DROP TRIGGER IF EXISTS monitoring_changed ON "${table}"`,
    `CREATE TRIGGER monitoring_changed AFTER ${events} ON "${table}" FOR EACH ROW EXECUTE FUNCTION monitoring_${table.toLowerCase()}_changed()`,
  ]),
  // a group, partner or office that changes a dimension (or zone): every day of its records
  ...(
    [
      ["Group", ["dinasOfficeId", "kecamatanId", "type"], `i."groupId" = NEW."id"`, `o."groupId" = NEW."id"`, `s."groupId" = NEW."id"`, ""],
      ["Partner", ["dinasOfficeId", "sector"], `i."partnerId" = NEW."id"`, `o."partnerId" = NEW."id"`, `s."partnerId" = NEW."id"`, ""],
      ["DinasOffice", ["timeZone"], `g."dinasOfficeId" = NEW."id"`, `g."dinasOfficeId" = NEW."id"`, `g."dinasOfficeId" = NEW."id"`, "g"],
    ] as const
  ).flatMap(([table, columns, invoiceWhere, orderWhere, sessionWhere, viaGroup]) => [
    `CREATE OR REPLACE FUNCTION monitoring_${table.toLowerCase()}_dimensions() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM monitoring_mark_days(ARRAY(
         SELECT ${utcDay(`p."confirmedAt"`)} FROM "Payment" p JOIN "Invoice" i ON i."id" = p."invoiceId"${viaGroup ? ` JOIN "Group" g ON g."id" = i."groupId"` : ""} WHERE ${invoiceWhere}
         UNION SELECT ${utcDay(`d."receivedAt"`)} FROM "Delivery" d JOIN "Order" o ON o."id" = d."orderId"${viaGroup ? ` JOIN "Group" g ON g."id" = o."groupId"` : ""} WHERE ${orderWhere}
         UNION SELECT ${utcDay(`s."dueDate"`)} FROM "CoachingSession" s${viaGroup ? ` JOIN "Group" g ON g."id" = s."groupId"` : ""} WHERE ${sessionWhere}));
       RETURN NULL;
     END $$`,
    `DROP TRIGGER IF EXISTS monitoring_dimensions ON "${table}"`,
    `CREATE TRIGGER monitoring_dimensions AFTER UPDATE OF ${columns.map((c) => `"${c}"`).join(", ")} ON "${table}" FOR EACH ROW
       WHEN (${columns.map((c) => `OLD."${c}" IS DISTINCT FROM NEW."${c}"`).join(" OR ")}) EXECUTE FUNCTION monitoring_${table.toLowerCase()}_dimensions()`,
  ]),
];

const STATEMENTS = [
  // The audit log is append-only: the database itself refuses edits and deletions.
  `CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'AuditEvent is append-only'; END $$`,
  `DROP TRIGGER IF EXISTS audit_event_no_update ON "AuditEvent"`,
  `CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
  `DROP TRIGGER IF EXISTS audit_event_no_delete ON "AuditEvent"`,
  `CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
  // The monitoring rollup's dirty days (decision 125).
  ...MONITORING_TRIGGERS,
  // One row that /healthz rewrites to prove the database can be written (app/db/health.server.ts).
  `CREATE TABLE IF NOT EXISTS "_health_probe" (id INTEGER PRIMARY KEY CHECK (id = 1), at TEXT NOT NULL)`,
  // The built-in search index (pg_trgm, unaccent, its tables; app/search/postgres-search.server.ts, decision 130).
  ...POSTGRES_SEARCH_DDL,
  // The twin of SQLite's data_version for the public page cache: every committed change to the data
  // behind pages notifies the listeners of every instance (app/cache/data-version.server.ts). NOTIFY is
  // delivered at commit, once per transaction, and never for a rolled-back one. Bookkeeping tables that
  // change on every request or every few seconds are left out.
  `CREATE OR REPLACE FUNCTION bermitra_notify_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN PERFORM pg_notify('${DATA_CHANGED_CHANNEL}', ''); RETURN NULL; END $$`,
  `DO $$ DECLARE t text; BEGIN
     FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
       AND tablename NOT IN (${QUIET_TABLES.map((t) => `'${t}'`).join(", ")}) LOOP
       EXECUTE format('DROP TRIGGER IF EXISTS bermitra_data_changed ON %I', t);
       EXECUTE format('CREATE TRIGGER bermitra_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bermitra_notify_data_changed()', t);
     END LOOP; END $$`,
];

const MARKER = "_bermitra_prepared";

/** What the prepared objects depend on: these statements and the tables they put triggers on. */
async function fingerprint(client: Pick<PrismaClient, "$queryRawUnsafe">): Promise<string> {
  const [row] = await client.$queryRawUnsafe<{ tables: string | null }[]>(
    `SELECT string_agg(tablename, ',' ORDER BY tablename) AS tables FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('${MARKER}', '_health_probe')`,
  );
  return createHash("sha256").update(STATEMENTS.join("\n")).update(row?.tables ?? "").digest("hex");
}

async function preparedFingerprint(client: Pick<PrismaClient, "$queryRawUnsafe">): Promise<string | null> {
  const [exists] = await client.$queryRawUnsafe<{ present: boolean }[]>(`SELECT to_regclass('"${MARKER}"') IS NOT NULL AS present`);
  if (!exists?.present) return null;
  const [row] = await client.$queryRawUnsafe<{ fingerprint: string }[]>(`SELECT fingerprint FROM "${MARKER}" WHERE id = 1`);
  return row?.fingerprint ?? null;
}

/**
 * Database objects Prisma's schema cannot express, created idempotently at start (and by the seed).
 * The statements are DDL (triggers on every table take an exclusive lock on it), so they run only when
 * something changed since the last preparation — a new migration's tables, new statements — never on
 * every start of an instance while others serve traffic (that deadlocked with running transactions).
 */
export async function preparePostgresDatabase(client: PrismaClient): Promise<void> {
  if (await postgresDatabaseIsPrepared(client)) return;
  // Serialise concurrent starts of several instances (CREATE OR REPLACE FUNCTION races otherwise).
  await client.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(4242001)`);
    if ((await preparedFingerprint(tx)) === (await fingerprint(tx))) return;
    for (const sql of STATEMENTS) await tx.$executeRawUnsafe(sql);
    await tx.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "${MARKER}" (id INTEGER PRIMARY KEY CHECK (id = 1), fingerprint TEXT NOT NULL)`);
    // Taken after the statements ran: they create tables (the search index) that the next start will see.
    // (Taken before, every copy of a freshly seeded database redid the DDL on its first start, while
    // requests ran, and deadlocked with them.)
    await tx.$executeRawUnsafe(
      `INSERT INTO "${MARKER}" (id, fingerprint) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint`,
      await fingerprint(tx),
    );
  });
}

/** Whether the database's prepared objects are up to date (a start would run no DDL). */
export async function postgresDatabaseIsPrepared(client: PrismaClient): Promise<boolean> {
  return (await preparedFingerprint(client)) === (await fingerprint(client));
}

/** A cheap write probe: rewrites one row, committed. */
export async function postgresWriteProbe(client: PrismaClient, at: Date): Promise<void> {
  await client.$executeRawUnsafe(
    `INSERT INTO "_health_probe" (id, at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET at = excluded.at`,
    at.toISOString(),
  );
}
