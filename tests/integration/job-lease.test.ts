import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createPrismaClient, db } from "~/db/db.server";
import { currentLease, releaseLease, tryAcquireLease } from "~/jobs/lease.server";

const run = promisify(execFile);

/**
 * The scheduler lease (decision 100): however many web processes share the database, one runs the jobs.
 * A second Prisma client on the same file stands for a second process (its own SQLite connections); the
 * last test races real OS processes.
 */
describe("job lease", () => {
  const now = new Date("2026-11-17T03:00:00.000Z");
  const later = (ms: number) => new Date(now.getTime() + ms);

  it("lets one holder take the lease, renew it, and hands it over only after it expires or is released", async () => {
    const other = createPrismaClient(process.env.DATABASE_URL);
    try {
      expect(await tryAcquireLease(db, { name: "jobs-a", holder: "web-1", ttlMs: 30_000, now })).toBe(true);
      // The other process is refused while the lease runs, even a moment before it ends.
      expect(await tryAcquireLease(other, { name: "jobs-a", holder: "web-2", ttlMs: 30_000, now: later(29_999) })).toBe(false);
      // The holder renews it: it now lasts 30 s from the renewal.
      expect(await tryAcquireLease(db, { name: "jobs-a", holder: "web-1", ttlMs: 30_000, now: later(20_000) })).toBe(true);
      expect(await tryAcquireLease(other, { name: "jobs-a", holder: "web-2", ttlMs: 30_000, now: later(40_000) })).toBe(false);
      const renewed = await currentLease(db, "jobs-a");
      expect(renewed).toMatchObject({ holder: "web-1", acquiredAt: now, expiresAt: later(50_000) });
      // The holder died: once the lease has expired the other process takes it over.
      expect(await tryAcquireLease(other, { name: "jobs-a", holder: "web-2", ttlMs: 30_000, now: later(50_000) })).toBe(true);
      expect(await currentLease(db, "jobs-a")).toMatchObject({ holder: "web-2", acquiredAt: later(50_000) });
      // The old holder, back from a pause, cannot renew what it lost.
      expect(await tryAcquireLease(db, { name: "jobs-a", holder: "web-1", ttlMs: 30_000, now: later(51_000) })).toBe(false);
      // Released on shutdown: taken at once. Releasing someone else's lease does nothing.
      await releaseLease(db, "jobs-a", "web-1");
      expect((await currentLease(db, "jobs-a"))?.holder).toBe("web-2");
      await releaseLease(other, "jobs-a", "web-2");
      expect(await tryAcquireLease(db, { name: "jobs-a", holder: "web-1", ttlMs: 30_000, now: later(52_000) })).toBe(true);
    } finally {
      await other.$disconnect();
    }
  });

  it("gives the lease to exactly one of several clients asking at once", async () => {
    const clients = [db, createPrismaClient(process.env.DATABASE_URL), createPrismaClient(process.env.DATABASE_URL)];
    try {
      const results = await Promise.all(
        clients.flatMap((client, c) => [0, 1, 2].map((i) => tryAcquireLease(client, { name: "jobs-b", holder: `web-${c}-${i}`, ttlMs: 30_000, now }))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    } finally {
      for (const client of clients.slice(1)) await client.$disconnect();
    }
  });

  it("gives the lease to exactly one of four OS processes asking at the same instant", async () => {
    const startAt = Date.now() + 8_000; // time for the child processes to boot
    const results = await Promise.all(
      [1, 2, 3, 4].map(async (n) => {
        const { stdout } = await run("npx", ["tsx", "tests/integration/job-lease-child.ts", `process-${n}`, String(startAt), now.toISOString()], {
          env: { ...process.env, BERMITRA_JOBS: "off" },
          timeout: 60_000,
        });
        return JSON.parse(stdout.trim().split("\n").pop()!) as { held: boolean };
      }),
    );
    expect(results.filter((r) => r.held)).toHaveLength(1);
    expect((await currentLease(db, "race"))?.holder).toMatch(/^process-[1-4]$/);
  }, 90_000);
});
