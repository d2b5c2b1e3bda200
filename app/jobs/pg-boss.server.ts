import { createHash } from "node:crypto";
import PgBoss from "pg-boss";

/**
 * The periodic jobs on PostgreSQL (issue 15 item 3, decision 133): pg-boss, in its own schema `pgboss` of the
 * app's database. Every instance runs a pg-boss worker for every job and asks, on its own timer, for the run of
 * the current period. A period's run is one pg-boss job whose id is derived from the job's name and the period
 * (the primary key of pg-boss's job table), so however many instances ask, the period's run is created once and
 * done by whichever worker fetches it; the queues' `singleton` policy keeps two runs of one job from being
 * active at the same time. The jobs themselves stay plain functions of `now`.
 */
export const PGBOSS_SCHEMA = "pgboss";

export type PeriodicJob = {
  name: string;
  everyMs: number;
  run: (now: Date) => Promise<unknown>;
};

/** The period a moment falls in: its number since the epoch (periods of `everyMs`). */
export function periodOf(now: Date, everyMs: number): number {
  return Math.floor(now.getTime() / everyMs);
}

/** A UUID (version 5 layout) derived from the job and the period: the same in every instance. */
export function periodRunId(jobName: string, period: number): string {
  const hex = createHash("sha256").update(`bermitra:${jobName}:${period}`).digest("hex").slice(0, 32).split("");
  hex[12] = "5";
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** How long one run may take before pg-boss gives it up (and the next period's run may start). */
function expireSeconds(everyMs: number): number {
  return Math.min(30 * 60, Math.max(60, Math.round((10 * everyMs) / 1000)));
}

/** PostgreSQL's code for the transaction it chose to abort when two waited on each other. */
const DEADLOCK_DETECTED = "40P01";

/**
 * Runs `statement` again when PostgreSQL aborted it as a deadlock victim (as its manual advises). pg-boss's
 * `create_queue` creates a partition of `pgboss.job` and attaches it: two instances starting together, each
 * creating a different queue, lock the job and queue tables in opposite orders and one is aborted (seen in CI).
 * The function is one statement, so the victim left nothing behind, and it is idempotent (`ON CONFLICT DO
 * NOTHING` on the queue's name), so running it again is safe.
 */
export async function retryOnDeadlock<T>(statement: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await statement();
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK_DETECTED || attempt >= attempts) throw error;
      // a short random pause so the two instances do not meet again at the same instant
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80 * attempt));
    }
  }
}

/** Longer than the longest period of a job (a day). */
export const ARCHIVE_AFTER_SECONDS = 26 * 3600;

export type JobBoss = {
  boss: PgBoss;
  /** Asks for the run of `now`'s period; true when this call created it, false when it already existed. */
  request(job: PeriodicJob, now: Date): Promise<boolean>;
  /** Stops fetching, waits (up to timeoutMs) for runs in progress, closes the pool. */
  stop(timeoutMs?: number): Promise<void>;
};

export type JobBossOptions = {
  /** how often each worker looks for a run to do (pg-boss: at least 0.5 s) */
  pollingIntervalSeconds?: number;
  /** the pool of pg-boss's own connections (workers, maintenance) */
  poolSize?: number;
  /** the instant a run is handed (default: the clock when the run starts) */
  clock?: () => Date;
  onError?: (error: Error) => void;
};

/**
 * Starts pg-boss on `connectionString` (creating or migrating its schema under its own advisory lock, so
 * instances starting together do not race), creates a queue per job and a worker for each.
 */
export async function startJobBoss(connectionString: string, jobs: PeriodicJob[], options: JobBossOptions = {}): Promise<JobBoss> {
  for (const job of jobs) {
    if (job.everyMs >= ARCHIVE_AFTER_SECONDS * 1000) throw new Error(`job ${job.name}: a period longer than pg-boss keeps its runs (${ARCHIVE_AFTER_SECONDS} s)`);
  }
  const boss = new PgBoss({
    connectionString,
    schema: PGBOSS_SCHEMA,
    max: options.poolSize ?? 3,
    application_name: "bermitra-jobs",
    // no cron schedules: each period's run is asked for by the instances' timers (request below)
    schedule: false,
    // a period's run must stay in the job table for longer than the longest period (a day), or a late
    // request of the same period would create it again once it had been archived
    archiveCompletedAfterSeconds: ARCHIVE_AFTER_SECONDS,
    archiveFailedAfterSeconds: ARCHIVE_AFTER_SECONDS,
  });
  const onError = options.onError ?? ((error: Error) => console.error("[jobs] pg-boss:", error.message));
  boss.on("error", onError);
  await boss.start();
  const clock = options.clock ?? (() => new Date());
  for (const job of jobs) {
    await retryOnDeadlock(() =>
      boss.createQueue(job.name, { name: job.name, policy: "singleton", retryLimit: 0, expireInSeconds: expireSeconds(job.everyMs) }),
    );
  }
  for (const job of jobs) {
    await boss.work(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 }, async () => {
      try {
        await job.run(clock());
      } catch (error) {
        console.error(`[job ${job.name}]`, error);
        throw error; // recorded as failed in pgboss.job; the next period runs again
      }
    });
  }
  return {
    boss,
    async request(job, now) {
      const id = await boss.send(job.name, { period: periodOf(now, job.everyMs) }, { id: periodRunId(job.name, periodOf(now, job.everyMs)), retryLimit: 0 });
      return id !== null;
    },
    async stop(timeoutMs = 4_000) {
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: true });
    },
  };
}
