import { execSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { TEMPLATE_DB, TMP_DIR } from "./paths";
import { buildPostgresTemplate, dropRunDatabases, testPostgresBase } from "./postgres";

/** Builds the template database: every migration plus the demo seed, as on a fresh machine. */
export default function setup() {
  mkdirSync(TMP_DIR, { recursive: true });
  const postgres = testPostgresBase();
  if (postgres) {
    buildPostgresTemplate(postgres);
    return () => dropRunDatabases(postgres);
  }
  for (const suffix of ["", "-wal", "-shm"]) rmSync(TEMPLATE_DB + suffix, { force: true });
  const env = { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` };
  execSync("npx prisma migrate deploy", { env, stdio: "pipe" });
  execSync("npx prisma db seed", { env, stdio: "pipe" });
  // Fold the WAL into the main file so a plain file copy is complete.
  execSync(`node -e "const D=require('better-sqlite3');const d=new D('${TEMPLATE_DB}');d.pragma('wal_checkpoint(TRUNCATE)');d.pragma('journal_mode=DELETE');d.close()"`);
}
