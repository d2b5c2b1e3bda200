/**
 * npm run test:crash — SIGKILL under write load, then restart and check (scripts/crash-test-lib.ts).
 * Builds the app into .builds/crash, seeds a fresh database (or uses CRASH_DB), runs 4 writers for
 * CRASH_LOAD_MS (default 10 s), kills the server group, restarts it and prints the figures.
 * Exits 1 if an acknowledged write is missing, integrity_check is not ok or the server does not write
 * after the restart.
 */
import { execSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { buildApp, runCrashTest } from "./crash-test-lib";

const root = path.resolve(import.meta.dirname, "..");
const work = path.join(root, "tests/.tmp/crash");
const log = (line: string) => console.log(`[crash] ${line}`);

let source = process.env.CRASH_DB;
if (!source) {
  source = path.join(root, "tests/.tmp/crash-seed.db");
  mkdirSync(path.dirname(source), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(source + suffix, { force: true });
  log("migrating and seeding a fresh database");
  const env = { ...process.env, DATABASE_URL: `file:${source}` };
  execSync("npx prisma migrate deploy", { cwd: root, env, stdio: "ignore" });
  execSync("npx prisma db seed", { cwd: root, env, stdio: "ignore" });
  execSync(`node -e "const D=require('better-sqlite3');const d=new D(process.argv[1]);d.pragma('wal_checkpoint(TRUNCATE)');d.close()" ${source}`, { cwd: root });
}
log("building the app (BUILD_DIR=crash)");
await buildApp("crash");
const result = await runCrashTest({
  sourceDb: source,
  workDir: work,
  buildDir: "crash",
  writers: Number(process.env.CRASH_WRITERS ?? 4),
  killAfterMs: Number(process.env.CRASH_LOAD_MS ?? 10_000),
  webProcesses: Number(process.env.WEB_CONCURRENCY ?? 2),
  log,
});
const rate = Math.round((result.acknowledged / result.loadMs) * 1000);
log(`writers ${result.writers}, load ${result.loadMs} ms, requests ${result.attempted}, acknowledged ${result.acknowledged} (${rate}/s), refused ${result.refused}, cut off in flight ${result.failedInFlight}`);
log(`after restart (${result.restartMs} ms to healthy): ${result.present} of ${result.acknowledged} acknowledged writes present, ${result.missing.length} lost; integrity_check: ${result.integrity}; a new write after restart: ${result.writeAfterRestart ? "ok" : "FAILED"}`);
if (result.missing.length) log(`missing: ${result.missing.slice(0, 20).join(", ")}`);
const ok = result.missing.length === 0 && result.integrity === "ok" && result.writeAfterRestart && result.acknowledged > 0;
log(ok ? "PASS" : "FAIL");
process.exit(ok ? 0 : 1);
