import Database from "better-sqlite3";
import { databaseKind, sqliteFilePath } from "~/db/database-url";
import { comparedTables, IGNORED_AUDIT_ACTION_WORDS, IGNORED_COLUMNS, pgChangeTracking } from "./db-state";
import { pgTakeChanges, pgWriteVersion } from "./pg-state";

/**
 * Which tables a request changed, cheaply: SQLite triggers on every compared table (the same set as
 * ./db-state's checksums) append the table's name to `_test_change_log` on insert, delete and on an update
 * that really changes a column. What the checksums ignore is marked `lenient = 1` (audit rows of refusals,
 * MouSigner's attempt counters), so "a refused request changed no row" reads the same here as there.
 * For the fuzz test, where hashing every table after each write was most of the run time.
 * On PostgreSQL the twin is in ./pg-state.ts (plpgsql row triggers, a sequence for the write version).
 */
const onPostgres = () => databaseKind() === "postgresql";
let writer: Database.Database | null = null;

function connection(): Database.Database {
  writer ??= new Database(sqliteFilePath(), { fileMustExist: true });
  return writer;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Creates the log table and the triggers (idempotent). Take the snapshot to restore *after* this. */
export async function installChangeLog(): Promise<void> {
  if (onPostgres()) return pgChangeTracking();
  const db = connection();
  db.exec(`CREATE TABLE IF NOT EXISTS "_test_change_log" (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, lenient INTEGER NOT NULL)`);
  for (const table of await comparedTables()) {
    const columns = (db.prepare(`PRAGMA table_info(${q(table)})`).all() as { name: string }[]).map((c) => c.name);
    const ignored = IGNORED_COLUMNS[table] ?? [];
    const log = (lenient: string) => `INSERT INTO "_test_change_log"(tbl, lenient) VALUES (${lit(table)}, ${lenient});`;
    const refusal = IGNORED_AUDIT_ACTION_WORDS.map((w) => `lower(NEW."action") LIKE ${lit(`%${w}%`)}`).join(" OR ");
    const insertLenient = table === "AuditEvent" ? `CASE WHEN ${refusal} THEN 1 ELSE 0 END` : "0";
    const changed = (cols: string[]) => cols.map((c) => `NEW.${q(c)} IS NOT OLD.${q(c)}`).join(" OR ") || "0";
    const kept = columns.filter((c) => !ignored.includes(c));
    db.exec(`
      CREATE TRIGGER IF NOT EXISTS ${q(`_tcl_i_${table}`)} AFTER INSERT ON ${q(table)} BEGIN ${log(insertLenient)} END;
      CREATE TRIGGER IF NOT EXISTS ${q(`_tcl_d_${table}`)} AFTER DELETE ON ${q(table)} BEGIN ${log(table === "AuditEvent" ? insertLenient.replace(/NEW\./g, "OLD.") : "0")} END;
      CREATE TRIGGER IF NOT EXISTS ${q(`_tcl_u_${table}`)} AFTER UPDATE ON ${q(table)} WHEN ${changed(kept)} BEGIN ${log("0")} END;
      ${ignored.length ? `CREATE TRIGGER IF NOT EXISTS ${q(`_tcl_ul_${table}`)} AFTER UPDATE ON ${q(table)} WHEN ${changed(ignored)} BEGIN ${log("1")} END;` : ""}
    `);
  }
}

/** SQLite's data_version of the log's connection: changes when the app's connection commits a write. */
export async function writeVersion(): Promise<number> {
  if (onPostgres()) return pgWriteVersion();
  return connection().pragma("data_version", { simple: true }) as number;
}

/** Tables changed since the last call (`strict`: every change; else only what the checksums compare), and clears the log. */
export async function takeChanges(): Promise<{ strict: string[]; compared: string[] }> {
  if (onPostgres()) return pgTakeChanges();
  const db = connection();
  const rows = db.prepare(`SELECT tbl, min(lenient) AS lenient FROM "_test_change_log" GROUP BY tbl`).all() as { tbl: string; lenient: number }[];
  if (rows.length) db.exec(`DELETE FROM "_test_change_log"`);
  return { strict: rows.map((r) => r.tbl), compared: rows.filter((r) => r.lenient === 0).map((r) => r.tbl) };
}

export function closeChangeLog(): void {
  writer?.close();
  writer = null;
}
