import { db } from "~/db/db.server";
import { periodOf, periodRunId, startJobBoss, type JobBoss, type PeriodicJob } from "~/jobs/pg-boss.server";

/**
 * The periodic jobs on PostgreSQL (decision 133): two pg-boss instances on their own pools stand for two app
 * instances. Each period's run of a job is created once, however many instances ask and however often, and
 * is done by one worker; two runs of one job are never active together. No cron minute is waited for: the
 * periods are chosen by the `now` each request carries. PostgreSQL only (SQLite keeps the lease, decision 100,
 * tests/integration/job-lease.test.ts).
 */
const onPostgres = Boolean(process.env.TEST_POSTGRES_URL?.trim());
const T0 = new Date("2026-11-17T03:00:00.000Z");
const MINUTE = 60_000;

async function until(condition: () => boolean, timeoutMs = 15_000) {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > timeoutMs) throw new Error("timed out waiting for the workers");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.runIf(onPostgres)("periodic jobs through pg-boss", () => {
  const runs: { instance: string; job: string; now: string }[] = [];
  let active = 0;
  let maxActive = 0;
  const jobsFor = (instance: string): PeriodicJob[] => [
    { name: "test-once", everyMs: MINUTE, run: async (now) => void runs.push({ instance, job: "test-once", now: now.toISOString() }) },
    {
      name: "test-slow",
      everyMs: MINUTE,
      run: async (now) => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs.push({ instance, job: "test-slow", now: now.toISOString() });
        await new Promise((r) => setTimeout(r, 700));
        active--;
      },
    },
  ];
  let a: JobBoss;
  let b: JobBoss;

  beforeAll(async () => {
    const url = process.env.DATABASE_URL!;
    [a, b] = await Promise.all([
      startJobBoss(url, jobsFor("A"), { pollingIntervalSeconds: 0.5, poolSize: 2, clock: () => T0 }),
      startJobBoss(url, jobsFor("B"), { pollingIntervalSeconds: 0.5, poolSize: 2, clock: () => T0 }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(2_000).catch(() => undefined), b?.stop(2_000).catch(() => undefined)]);
  });

  it("derives one run id per job and period, the same in every instance", () => {
    expect(periodRunId("test-once", periodOf(T0, MINUTE))).toBe(periodRunId("test-once", periodOf(new Date(T0.getTime() + 59_999), MINUTE)));
    expect(periodRunId("test-once", periodOf(T0, MINUTE))).not.toBe(periodRunId("test-once", periodOf(new Date(T0.getTime() + MINUTE), MINUTE)));
    expect(periodRunId("test-once", 1)).not.toBe(periodRunId("test-slow", 1));
    expect(periodRunId("x", 1)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("runs a period once when both instances ask for it again and again, and the next period once more", async () => {
    const once = jobsFor("any")[0]!;
    const asked = await Promise.all([a, b, a, b, a, b].map((boss, i) => boss.request(once, new Date(T0.getTime() + i * 5_000))));
    expect(asked.filter(Boolean)).toHaveLength(1);
    await until(() => runs.filter((r) => r.job === "test-once").length >= 1);
    // time for a second worker to pick up a second run, if there were one
    await new Promise((r) => setTimeout(r, 1_500));
    expect(runs.filter((r) => r.job === "test-once")).toHaveLength(1);
    expect(runs[0]!.now).toBe(T0.toISOString());

    const next = new Date(T0.getTime() + MINUTE);
    expect((await Promise.all([a.request(once, next), b.request(once, next)])).filter(Boolean)).toHaveLength(1);
    // a late ask for the period already done creates nothing
    expect(await b.request(once, new Date(T0.getTime() + 30_000))).toBe(false);
    await until(() => runs.filter((r) => r.job === "test-once").length >= 2);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(runs.filter((r) => r.job === "test-once")).toHaveLength(2);
    const rows = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'test-once' AND state = 'completed'`);
    expect(rows[0]!.n).toBe(2);
  }, 40_000);

  it("never has two runs of one job active at once, even when two periods are due together", async () => {
    const slow = jobsFor("any")[1]!;
    await Promise.all([a.request(slow, T0), b.request(slow, new Date(T0.getTime() + MINUTE)), a.request(slow, new Date(T0.getTime() + 2 * MINUTE))]);
    await until(() => runs.filter((r) => r.job === "test-slow").length >= 3 && active === 0, 20_000);
    expect(runs.filter((r) => r.job === "test-slow")).toHaveLength(3);
    expect(maxActive).toBe(1);
  }, 40_000);

  it("keeps its tables in the pgboss schema and closes its connections on stop", async () => {
    const schemas = await db.$queryRawUnsafe<{ schemaname: string }[]>(`SELECT DISTINCT schemaname FROM pg_tables WHERE tablename IN ('job', 'queue', 'version')`);
    expect(schemas.map((s) => s.schemaname)).toEqual(["pgboss"]);
    const open = async () =>
      (await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'bermitra-jobs'`))[0]!.n;
    expect(await open()).toBeGreaterThan(0);
    await Promise.all([a.stop(2_000), b.stop(2_000)]);
    // a closed connection leaves pg_stat_activity when its backend has exited: a moment later
    let left = await open();
    for (let i = 0; i < 40 && left > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = await open();
    }
    expect(left).toBe(0);
  }, 30_000);
});
