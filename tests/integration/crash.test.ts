import path from "node:path";
import { buildApp, runCrashTest } from "../../scripts/crash-test-lib";
import { TMP_DIR } from "../setup/paths";

/**
 * The short version of `npm run test:crash` (issue 11): the built server, 4 writers through the real login
 * and demand forms over HTTP, SIGKILL of the whole server after ~3 s of load, restart on the same files:
 * every acknowledged write is present, integrity_check is ok, and the restarted server writes again.
 */
describe("SIGKILL under write load", () => {
  beforeAll(async () => {
    await buildApp("crash-vitest");
  }, 240_000);

  it("loses no acknowledged write and leaves an intact database", async () => {
    const lines: string[] = [];
    const result = await runCrashTest({
      sourceDb: new URL(process.env.DATABASE_URL!).pathname,
      workDir: path.join(TMP_DIR, `crash-${process.pid}`),
      buildDir: "crash-vitest",
      writers: 4,
      killAfterMs: 3_000,
      webProcesses: 1,
      log: (line) => lines.push(line),
    });
    console.log(`[crash] ${lines.join(" | ")} | present ${result.present}/${result.acknowledged}, integrity ${result.integrity}`);
    expect(result.acknowledged).toBeGreaterThan(0);
    expect(result.missing).toEqual([]);
    expect(result.present).toBe(result.acknowledged);
    expect(result.integrity).toBe("ok");
    expect(result.writeAfterRestart).toBe(true);
  }, 240_000);
});
