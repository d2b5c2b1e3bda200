/**
 * The test suite on PostgreSQL (issue 15 item 7). With TEST_POSTGRES_URL=postgresql://user@host:port set,
 * the global setup migrates and seeds one template database, and each test file gets its own database
 * copied from it (`CREATE DATABASE … TEMPLATE …`, the PostgreSQL twin of copying the SQLite template file).
 * The global teardown drops every database the run created (all named TEST_PG_PREFIX_…, default bermitra_test_). Administration goes through Debian's `psql`
 * (installed with the server by scripts/pg-cluster.sh), synchronously, so the per-file setup stays simple.
 */
import { execFileSync, execSync } from "node:child_process";

// Two suites may run on one server at once (two worktrees, two CI jobs): TEST_PG_PREFIX keeps them apart.
const PREFIX = (process.env.TEST_PG_PREFIX ?? "bermitra_test").replace(/[^a-z0-9_]/gi, "").toLowerCase() || "bermitra_test";
export const TEMPLATE_NAME = `${PREFIX}_template`;
const RUN_PREFIX = `${PREFIX}_`;

/** The server's URL without a database name, or undefined when the suite runs on SQLite. */
export function testPostgresBase(): string | undefined {
  const raw = process.env.TEST_POSTGRES_URL?.trim();
  if (!raw) return undefined;
  if (!/^postgres(ql)?:\/\//.test(raw)) throw new Error(`TEST_POSTGRES_URL must be a postgresql:// URL, got ${raw}`);
  const url = new URL(raw);
  url.pathname = "/";
  return url.toString();
}

export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

function admin(base: string, sql: string): string {
  return execFileSync("psql", [databaseUrl(base, "postgres"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Drops and rebuilds the template database: every PostgreSQL migration plus the demo seed. */
export function buildPostgresTemplate(base: string): void {
  dropRunDatabases(base);
  admin(base, `CREATE DATABASE ${TEMPLATE_NAME}`);
  const env = { ...process.env, DATABASE_URL: databaseUrl(base, TEMPLATE_NAME) };
  execSync("npx prisma migrate deploy", { env, stdio: "pipe" });
  execSync("npx prisma db seed", { env, stdio: "pipe" });
}

/** A fresh copy of the template for one test file; returns its URL. */
export function copyPostgresTemplate(base: string, id: string): string {
  const name = `${RUN_PREFIX}${id.replace(/[^a-z0-9]/gi, "").toLowerCase()}`.slice(0, 63);
  admin(base, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_NAME}`);
  return databaseUrl(base, name);
}

/** Drops the template and every per-file copy (WITH (FORCE) closes connections left open). */
export function dropRunDatabases(base: string): void {
  const names = admin(base, `SELECT datname FROM pg_database WHERE datname LIKE '${RUN_PREFIX}%'`)
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  for (const name of names) admin(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
