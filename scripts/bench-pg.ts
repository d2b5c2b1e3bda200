/**
 * The benchmarks on PostgreSQL (issue 15 item 8, decision 134): with DATABASE_URL=postgresql://… a benchmark
 * works in a database of its own on that server (never the one DATABASE_URL names, which may hold real data),
 * created and dropped here through the `pg` driver the app already uses.
 */
import pg from "pg";
import { databaseKind } from "../app/db/database-url";

/** Whether the benchmarks run on PostgreSQL (DATABASE_URL=postgresql://…) rather than a SQLite file. */
export function benchOnPostgres(url = process.env.DATABASE_URL ?? ""): boolean {
  return databaseKind(url) === "postgresql";
}

/** The URL of the benchmark's own database `name` (BENCH_PG_DB overrides it) on DATABASE_URL's server. */
export function benchDatabaseUrl(name: string, url = process.env.DATABASE_URL ?? ""): string {
  const target = new URL(url);
  target.pathname = `/${(process.env.BENCH_PG_DB ?? name).replace(/[^a-z0-9_]/gi, "")}`;
  return target.toString();
}

function adminUrl(url: string): string {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  return admin.toString();
}

function nameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(url: string): Promise<boolean> {
  return withClient(adminUrl(url), async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [nameOf(url)])).rowCount === 1);
}

/** Drops (closing its connections) and creates the database of `url`, empty. */
export async function recreateDatabase(url: string): Promise<void> {
  const name = nameOf(url).replace(/"/g, "");
  await withClient(adminUrl(url), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
}

/** The row count of `table` in the database of `url`, or -1 when the database or table is missing. */
export async function countRows(url: string, table: string): Promise<number> {
  if (!(await databaseExists(url))) return -1;
  try {
    return await withClient(url, async (c) => Number((await c.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n));
  } catch {
    return -1;
  }
}
