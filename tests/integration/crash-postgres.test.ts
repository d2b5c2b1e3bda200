import { execFileSync, execSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { buildApp, freePort, runCrashTest, runDatabaseRestart } from "../../scripts/crash-test-lib";
import { TMP_DIR } from "../setup/paths";

/**
 * The PostgreSQL twin of tests/integration/crash.test.ts (issue 15: "the same behaviour, proved by the same
 * tests"). Runs in the PostgreSQL run of the suite only. The database server is a process of its own here, so
 * the test starts a private cluster (scripts/pg-cluster.sh; the suite's shared cluster serves other files at
 * the same time and must not be crashed), copies this file's seeded database into it with pg_dump, and then:
 * 4 writers through the real login and demand forms over HTTP, and after ~3 s the app's whole process group
 * gets SIGKILL while PostgreSQL is stopped with `pg_ctl -m immediate` (no checkpoint: recovery from the WAL on
 * the next start). Both start again: every acknowledged write is there, amcheck finds every B-tree index
 * intact, and the restarted app writes again. Then the database server alone crashes and comes back under
 * the running app: /healthz answers 503 meanwhile (no hang, the process stays up), and the same process
 * serves and writes again on its old session once PostgreSQL is back.
 */
const onPostgres = Boolean(process.env.TEST_POSTGRES_URL);
const ROOT = path.resolve(import.meta.dirname, "../..");

function cluster(action: "start" | "stop" | "crash", dir: string, port: number): string {
  return execFileSync("bash", [path.join(ROOT, "scripts/pg-cluster.sh"), action, dir, String(port)], { encoding: "utf8" }).trim();
}

describe.skipIf(!onPostgres)("SIGKILL of the app and an immediate stop of PostgreSQL under write load", () => {
  const dir = path.join("/tmp", `bermitra-crash-pg-${process.pid}`);
  let port = 0;
  let url = "";

  beforeAll(async () => {
    port = await freePort();
    rmSync(dir, { recursive: true, force: true });
    const base = cluster("start", dir, port);
    url = `${base}/bermitra_crash`;
    execFileSync("psql", [`${base}/postgres`, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE bermitra_crash"]);
    // this file's seeded database (a copy of the suite's template) into the private cluster
    execSync(`pg_dump --no-owner --no-privileges "${process.env.DATABASE_URL}" | psql -X -q -v ON_ERROR_STOP=1 "${url}" >/dev/null`, { shell: "/bin/bash" });
    await buildApp("crash-vitest");
  }, 300_000);

  afterAll(() => {
    if (port) cluster("stop", dir, port);
    rmSync(dir, { recursive: true, force: true });
  });

  it("loses no acknowledged write, keeps every index intact and writes again after both restart", async () => {
    const lines: string[] = [];
    const result = await runCrashTest({
      postgres: {
        url,
        crash: async () => void cluster("crash", dir, port),
        restart: async () => void cluster("start", dir, port),
      },
      workDir: path.join(TMP_DIR, `crash-pg-${process.pid}`),
      buildDir: "crash-vitest",
      writers: 4,
      killAfterMs: 3_000,
      webProcesses: 1,
      log: (line) => lines.push(line),
    });
    console.log(`[crash-pg] ${lines.join(" | ")} | present ${result.present}/${result.acknowledged}, integrity ${result.integrity}`);
    expect(result.acknowledged).toBeGreaterThan(0);
    expect(result.missing).toEqual([]);
    expect(result.present).toBe(result.acknowledged);
    expect(result.integrity).toBe("ok");
    expect(result.writeAfterRestart).toBe(true);
  }, 240_000);

  it("keeps the app up through a crash of the database server and serves again once it is back", async () => {
    const crash = async () => void cluster("crash", dir, port);
    const restart = async () => void cluster("start", dir, port);
    const result = await runDatabaseRestart({ postgres: { url, crash, restart }, workDir: path.join(TMP_DIR, `restart-pg-${process.pid}`), buildDir: "crash-vitest" });
    console.log(`[crash-pg] database restart under the running app: ${JSON.stringify(result)}`);
    expect(result.healthyBefore).toBe(true);
    expect(result.healthWhileDown).toBe(503);
    expect(result.pageWhileDown).toBe(503);
    expect(result.recoveredMs).toBeGreaterThanOrEqual(0);
    expect(result.writeAfter).toBe(true);
    expect(result.appStayedUp).toBe(true);
  }, 120_000);
});
