/**
 * The demo seed gives the same data on both databases (issue 15 item 1, "the seed for both"). Runs in the
 * PostgreSQL run of the suite only (TEST_POSTGRES_URL): this file's database is a copy of the template the
 * global setup seeded on PostgreSQL; the test seeds a SQLite file now, with the same pinned clock (the
 * suite's BERMITRA_CLOCK_OFFSET_MS is inherited by the seed process), and compares every application
 * table: its row count, the histogram of every status-like column and the sum of every money or quantity
 * column. Ids (cuid) and timestamps of the seed's own writes differ by nature and are not compared.
 */
import { execSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { TMP_DIR } from "../setup/paths";

const onPostgres = Boolean(process.env.TEST_POSTGRES_URL);

/** Tables that belong to one engine's machinery, not to the app's data. */
const ENGINE_TABLE = /^(_|search_)/;
const HISTOGRAM_COLUMN = /^(status|state|type|kind|role|channel|op|rule|frequency|sector)$/i;
const SUM_COLUMN = /(amount|total|price|quantity|qty|value|capacity)/i;

type TableFacts = Record<string, string>;

async function postgresFacts(): Promise<TableFacts> {
  const columns = await db.$queryRawUnsafe<{ table_name: string; column_name: string; data_type: string }[]>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`
  );
  const facts: TableFacts = {};
  for (const table of [...new Set(columns.map((c) => c.table_name))].filter((name) => !ENGINE_TABLE.test(name))) {
    const [{ n }] = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
    facts[`${table} rows`] = String(n);
    for (const column of columns.filter((c) => c.table_name === table)) {
      if (HISTOGRAM_COLUMN.test(column.column_name)) {
        const rows = await db.$queryRawUnsafe<{ v: string | null; n: bigint }[]>(
          `SELECT "${column.column_name}"::text AS v, count(*) AS n FROM "${table}" GROUP BY 1 ORDER BY 1`
        );
        facts[`${table}.${column.column_name}`] = rows.map((r) => `${r.v}:${r.n}`).join(",");
      } else if (SUM_COLUMN.test(column.column_name) && /integer|bigint|numeric|double|real/.test(column.data_type)) {
        const [{ s }] = await db.$queryRawUnsafe<{ s: string | null }[]>(`SELECT sum("${column.column_name}")::text AS s FROM "${table}"`);
        facts[`${table}.${column.column_name} sum`] = String(Number(s ?? 0));
      }
    }
  }
  return facts;
}

function sqliteFacts(file: string, tables: string[]): TableFacts {
  const sqlite = new Database(file, { readonly: true });
  try {
    const facts: TableFacts = {};
    for (const table of tables) {
      facts[`${table} rows`] = String((sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n);
      const columns = sqlite.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table) as { name: string; type: string }[];
      for (const column of columns) {
        if (HISTOGRAM_COLUMN.test(column.name)) {
          const rows = sqlite.prepare(`SELECT "${column.name}" AS v, count(*) AS n FROM "${table}" GROUP BY 1 ORDER BY 1`).all() as { v: unknown; n: number }[];
          // PostgreSQL renders booleans as true/false; SQLite stores them as 0/1 (none of the histogram columns is boolean today)
          facts[`${table}.${column.name}`] = rows.map((r) => `${r.v === null ? null : String(r.v)}:${r.n}`).join(",");
        } else if (SUM_COLUMN.test(column.name) && /INT|REAL|NUMERIC|DECIMAL|FLOAT/i.test(column.type)) {
          const { s } = sqlite.prepare(`SELECT sum("${column.name}") AS s FROM "${table}"`).get() as { s: number | null };
          facts[`${table}.${column.name} sum`] = String(Number(s ?? 0));
        }
      }
    }
    return facts;
  } finally {
    sqlite.close();
  }
}

describe.skipIf(!onPostgres)("the demo seed on PostgreSQL and on SQLite", () => {
  it("gives every application table the same rows, statuses and sums on both databases", { timeout: 240_000 }, async () => {
    const pg = await postgresFacts();
    const dir = path.join(TMP_DIR, `seed-parity-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "seed.db");
    const env = { ...process.env, DATABASE_URL: `file:${file}`, UPLOAD_DIR: path.join(dir, "uploads"), TEST_POSTGRES_URL: "" };
    execSync("npx prisma migrate deploy", { env, stdio: "pipe" });
    execSync("npx prisma db seed", { env, stdio: "pipe" });
    const tables = [...new Set(Object.keys(pg).map((key) => key.split(/[ .]/)[0]))];
    const sqlite = sqliteFacts(file, tables);
    rmSync(dir, { recursive: true, force: true });

    expect(tables.length).toBeGreaterThan(50);
    expect(Number(pg["Order rows"])).toBeGreaterThan(100);
    const differences = Object.keys(pg)
      .filter((key) => pg[key] !== sqlite[key])
      .map((key) => `${key}: PostgreSQL ${pg[key]} / SQLite ${sqlite[key]}`);
    expect(differences).toEqual([]);
  });
});
