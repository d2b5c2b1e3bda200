import { createHash } from "node:crypto";
import pg from "pg";

/**
 * The PostgreSQL twin of ./db-state.ts and ./change-log.ts (issue 15 item 7): the same "a refused request
 * changed no row" checks for the authorization matrix, the fuzz test and the strict-values test when the suite
 * runs on PostgreSQL (TEST_POSTGRES_URL).
 *
 * - Which tables changed: row triggers on every compared table append the table's name to
 *   `_bermitra_test.change_log` (an update only when a column really changed; what the checksums ignore is
 *   marked lenient), and bump the sequence `_bermitra_test.write_version` — the twin of SQLite's
 *   data_version: an equal value means no compared table was written.
 * - Checksums: md5 of every row as JSON (ignored columns removed, refusal audit rows left out unless strict),
 *   rows sorted by their text, so an update that puts back the same values changes nothing.
 * - Snapshot and restore: the rows of every table copied into the schema `_bermitra_test_snapshot`, put back
 *   in one transaction (TRUNCATE, then INSERT … SELECT) with triggers and foreign-key checks off
 *   (`session_replication_role = replica`; the test cluster's user is a superuser). The app's pool keeps its
 *   connections: they hold no locks between requests.
 * The helper's tables live outside the app's schema, so the app's start-up preparation never sees them.
 */
const SCHEMA = "_bermitra_test";
const SNAPSHOT_SCHEMA = "_bermitra_test_snapshot";
/** Tables neither compared nor restored. */
const NEVER = new Set(["_prisma_migrations", "_bermitra_prepared"]);
/** Restored but not compared: sessions, rate-limit counters, the health probe, the search index (follows Product). */
const NOT_COMPARED = /^(Session|_health_probe|search_document|search_word|search_meta)$|rate.?limit/i;

let client: pg.Client | null = null;
let connecting: Promise<pg.Client> | null = null;

async function connection(): Promise<pg.Client> {
  if (client) return client;
  connecting ??= (async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    client = c;
    return c;
  })();
  return connecting;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;

async function allTables(): Promise<string[]> {
  const c = await connection();
  const { rows } = await c.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  return rows.map((r) => r.name).filter((name) => !NEVER.has(name));
}

export async function pgComparedTables(ignored: RegExp): Promise<string[]> {
  return (await allTables()).filter((name) => !NOT_COMPARED.test(name) && !ignored.test(name));
}

/** The row triggers and the write counter (idempotent). */
export async function pgInstallChangeLog(options: { ignored: RegExp; ignoredColumns: Record<string, string[]>; refusalWords: string[] }): Promise<void> {
  const c = await connection();
  const refusal = options.refusalWords.join("|");
  await c.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
  await c.query(`CREATE SEQUENCE IF NOT EXISTS ${SCHEMA}.write_version`);
  await c.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.change_log (id BIGSERIAL PRIMARY KEY, tbl TEXT NOT NULL, lenient INTEGER NOT NULL)`);
  await c.query(`CREATE OR REPLACE FUNCTION ${SCHEMA}.log_change() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      ignored text[] := TG_ARGV;
      lenient integer := 0;
      before jsonb;
      after jsonb;
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        before := to_jsonb(OLD);
        after := to_jsonb(NEW);
        IF before = after THEN RETURN NULL; END IF;
        IF (before - ignored) = (after - ignored) THEN lenient := 1; END IF;
      ELSIF TG_TABLE_NAME = 'AuditEvent' THEN
        IF lower(coalesce(CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END ->> 'action', '')) ~ ${lit(refusal)} THEN lenient := 1; END IF;
      END IF;
      PERFORM nextval('${SCHEMA}.write_version');
      INSERT INTO ${SCHEMA}.change_log (tbl, lenient) VALUES (TG_TABLE_NAME, lenient);
      RETURN NULL;
    END $$`);
  for (const table of await pgComparedTables(options.ignored)) {
    const args = (options.ignoredColumns[table] ?? []).map(lit).join(", ");
    await c.query(`DROP TRIGGER IF EXISTS _bermitra_test_change ON ${q(table)}`);
    await c.query(`CREATE TRIGGER _bermitra_test_change AFTER INSERT OR UPDATE OR DELETE ON ${q(table)} FOR EACH ROW EXECUTE FUNCTION ${SCHEMA}.log_change(${args})`);
  }
}

/** Moves whenever a compared table is written (the twin of SQLite's data_version). */
export async function pgWriteVersion(): Promise<number> {
  const c = await connection();
  const { rows } = await c.query<{ value: string; called: boolean }>(`SELECT last_value AS value, is_called AS called FROM ${SCHEMA}.write_version`);
  return rows[0]!.called ? Number(rows[0]!.value) : 0;
}

/** Tables changed since the last call (`strict`: every change; else only what the checksums compare), and clears the log. */
export async function pgTakeChanges(): Promise<{ strict: string[]; compared: string[] }> {
  const c = await connection();
  const { rows } = await c.query<{ tbl: string; lenient: number }>(`DELETE FROM ${SCHEMA}.change_log RETURNING tbl, lenient`);
  const lenientOnly = new Map<string, boolean>();
  for (const row of rows) lenientOnly.set(row.tbl, (lenientOnly.get(row.tbl) ?? true) && row.lenient === 1);
  const strict = [...lenientOnly.keys()].sort();
  return { strict, compared: strict.filter((t) => !lenientOnly.get(t)) };
}

/** A hash per compared table of every row (`strict`: also the refusal audit rows and the ignored counters). */
export async function pgTableHashes(options: { ignored: RegExp; ignoredColumns: Record<string, string[]>; refusalWords: string[]; strict: boolean }): Promise<Record<string, string>> {
  const c = await connection();
  const tables = await pgComparedTables(options.ignored);
  const parts = tables.map((table) => {
    const dropped = options.strict ? [] : (options.ignoredColumns[table] ?? []);
    const row = dropped.length ? `(to_jsonb(t) - ARRAY[${dropped.map(lit).join(", ")}]::text[])::text` : `to_jsonb(t)::text`;
    const where = !options.strict && table === "AuditEvent" ? `WHERE NOT (lower(t."action") ~ ${lit(options.refusalWords.join("|"))})` : "";
    return `SELECT ${lit(table)} AS name, md5(coalesce(string_agg(x, E'\\n' ORDER BY x), '')) AS hash FROM (SELECT ${row} AS x FROM ${q(table)} t ${where}) rows`;
  });
  if (!parts.length) return {};
  const { rows } = await c.query<{ name: string; hash: string }>(parts.join("\nUNION ALL\n"));
  return Object.fromEntries(rows.map((r) => [r.name, r.hash]));
}

export async function pgDatabaseChecksum(options: { ignored: RegExp; ignoredColumns: Record<string, string[]>; refusalWords: string[] }): Promise<string> {
  return createHash("sha256").update(JSON.stringify(await pgTableHashes({ ...options, strict: false }))).digest("hex");
}

/** Copies every table's rows into the snapshot schema. */
export async function pgSnapshot(): Promise<void> {
  const c = await connection();
  await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${SNAPSHOT_SCHEMA} CASCADE`);
    await c.query(`CREATE SCHEMA ${SNAPSHOT_SCHEMA}`);
    for (const table of await allTables()) await c.query(`CREATE TABLE ${SNAPSHOT_SCHEMA}.${q(table)} AS TABLE ${q(table)}`);
    await c.query("COMMIT");
  } catch (error) {
    await c.query("ROLLBACK");
    throw error;
  }
}

/** Puts the snapshot's rows back into every table, in one transaction. */
export async function pgRestore(): Promise<void> {
  const c = await connection();
  const { rows } = await c.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = '${SNAPSHOT_SCHEMA}'`);
  const tables = rows.map((r) => r.name);
  await c.query("BEGIN");
  try {
    await c.query("SET LOCAL session_replication_role = replica");
    await c.query(`TRUNCATE ${tables.map(q).join(", ")}`);
    for (const table of tables) await c.query(`INSERT INTO ${q(table)} SELECT * FROM ${SNAPSHOT_SCHEMA}.${q(table)}`);
    // the triggers are off here, the change notification of the page cache among them: send it by hand
    await c.query(`SELECT pg_notify('bermitra_data_changed', '')`);
    await c.query("COMMIT");
  } catch (error) {
    await c.query("ROLLBACK");
    throw error;
  }
}

export async function pgClose(): Promise<void> {
  const c = client;
  client = null;
  connecting = null;
  await c?.end();
}
