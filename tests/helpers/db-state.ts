import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { databaseKind, sqliteFilePath } from "~/db/database-url";
import { pgComparedTables, pgDatabaseChecksum, pgInstallChangeLog, pgRestore, pgSnapshot, pgTableHashes, pgWriteVersion } from "./pg-state";

/**
 * The state of the test database as a checksum of every table, and a snapshot to go back to, for tests
 * that assert "a refused request changed no row" (authorization matrix, fuzz test).
 *
 * Not compared, with the reason:
 *  - `Session`: signing in to make the actors' cookies writes sessions; a request may touch its own session.
 *  - rate-limit stores (tables named like `rate…limit…`): a refused request is counted against its sender.
 *  - audit rows whose action says a request was refused or failed (e.g. a failed login is audited).
 *  - `MouSigner.failedAttempts` and `lockedUntil`: a wrong or missing password/code is counted (the lockout).
 *  - full-text search tables (virtual tables and their shadow tables) follow the Product table, which is compared.
 *  - `_prisma_migrations`, `sqlite_*`.
 * On PostgreSQL (TEST_POSTGRES_URL) the same checks run through ./pg-state.ts; every function here is async for that.
 */
const IGNORED_TABLE = /^(Session|_prisma_migrations|_test_change_log|sqlite_.*)$|rate.?limit/i;
export const IGNORED_AUDIT_ACTION_WORDS = ["denied", "refused", "failed", "rate", "limit"];
const IGNORED_AUDIT_ACTION = new RegExp(IGNORED_AUDIT_ACTION_WORDS.join("|"), "i");
export const IGNORED_COLUMNS: Record<string, string[]> = { MouSigner: ["failedAttempts", "lockedUntil"] };

const onPostgres = () => databaseKind() === "postgresql";
const pgOptions = (strict = false) => ({ ignored: IGNORED_TABLE, ignoredColumns: IGNORED_COLUMNS, refusalWords: IGNORED_AUDIT_ACTION_WORDS, strict });

let pgInstalled: Promise<void> | null = null;
/** PostgreSQL: the row triggers behind dataVersion() (./pg-state.ts), installed once per test file. */
export function pgChangeTracking(): Promise<void> {
  return (pgInstalled ??= pgInstallChangeLog(pgOptions()));
}

let reader: Database.Database | null = null;
let tables: { name: string; order: string }[] | null = null;

function file(): string {
  return sqliteFilePath();
}

function connection(): Database.Database {
  reader ??= new Database(file(), { readonly: true, fileMustExist: true });
  return reader;
}

function tableList(): { name: string; order: string }[] {
  if (tables) return tables;
  const rows = connection().prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string | null }[];
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? "")).map((r) => r.name);
  tables = rows
    .filter((r) => !IGNORED_TABLE.test(r.name) && !virtual.some((v) => r.name === v || r.name.startsWith(`${v}_`)))
    .map((r) => ({ name: r.name, order: /WITHOUT ROWID/i.test(r.sql ?? "") ? "1" : "rowid" }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return tables;
}

/** Names of the tables the checksums compare (see the list of what is not compared above). */
export async function comparedTables(): Promise<string[]> {
  if (onPostgres()) return pgComparedTables(IGNORED_TABLE);
  return tableList().map((t) => t.name);
}

/**
 * SQLite's data_version of this module's own connection: it changes whenever another connection (the app's)
 * commits a write. Equal values mean nothing was written at all, so the hashes need not be recomputed.
 * PostgreSQL: a sequence that row triggers on the compared tables move (installed by the change log).
 */
export async function dataVersion(): Promise<number> {
  if (onPostgres()) return pgChangeTracking().then(pgWriteVersion);
  return connection().pragma("data_version", { simple: true }) as number;
}

/** Tables whose rows differ from `before` (names only), or [] when nothing changed. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

/** A hash per table of every row (`strict`: also the audit rows and counters a refused request may write) (new tables created meanwhile are picked up on the next call to reset()). */
export async function tableHashes(strict = false): Promise<Record<string, string>> {
  if (onPostgres()) return pgTableHashes(pgOptions(strict));
  const db = connection();
  const out: Record<string, string> = {};
  for (const t of tableList()) {
    const hash = createHash("sha256");
    const stmt = db.prepare(`SELECT * FROM "${t.name}" ORDER BY ${t.order}`).raw(true);
    const columns = stmt.columns().map((c) => c.name);
    const actionIndex = t.name === "AuditEvent" ? columns.indexOf("action") : -1;
    const skipped = (IGNORED_COLUMNS[t.name] ?? []).map((c) => columns.indexOf(c)).filter((i) => i >= 0);
    for (const row of stmt.iterate() as Iterable<unknown[]>) {
      if (!strict && actionIndex >= 0 && IGNORED_AUDIT_ACTION.test(String(row[actionIndex]))) continue;
      if (!strict) for (const i of skipped) row[i] = null;
      hash.update(JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? v.toString() : Buffer.isBuffer(v) ? v.toString("base64") : v)));
      hash.update("\n");
    }
    out[t.name] = hash.digest("hex");
  }
  return out;
}

/** One checksum over every compared table. */
export async function databaseChecksum(): Promise<string> {
  if (onPostgres()) return pgDatabaseChecksum(pgOptions());
  return createHash("sha256").update(JSON.stringify(await tableHashes())).digest("hex");
}

/** Copies the live database to `target` (SQLite online backup: consistent while the app's connection is open). */
export async function snapshotDatabase(target: string): Promise<void> {
  if (onPostgres()) return pgSnapshot(); // into a schema of the test database instead of `target`
  const live = new Database(file(), { fileMustExist: true });
  try {
    await live.backup(target);
  } finally {
    live.close();
  }
}

/** Puts the snapshot back into the live database (online backup in the other direction). */
export async function restoreDatabase(snapshot: string): Promise<void> {
  if (onPostgres()) return pgRestore();
  const source = new Database(snapshot, { readonly: true, fileMustExist: true });
  try {
    await source.backup(file());
  } finally {
    source.close();
  }
  tables = null;
}
