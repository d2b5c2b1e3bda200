import {
  markMissedSessions,
  sendCoachingReminders,
} from "~/coaching/coaching.server";
import { remindExpiringCertifications } from "~/catalog/certifications.server";
import { notifyStaleDemands } from "~/demands/brokering.server";
import { sendPendingEmails } from "~/email/sender.server";
import { sendPendingMessages } from "~/messaging/messaging.server";
import { flagGroupsWithoutVisits } from "~/mentoring/visits.server";
import { runDailyBackup } from "~/backup/backup.server";
import { runMouJobs } from "~/mou/jobs.server";
import { pruneExpiredRows } from "~/retention/retention.server";
import { sealPendingVersions } from "~/mou/sealing.server";
import { runOrderJobs } from "~/orders/jobs.server";
import { runSearchOutbox } from "~/search/search.server";
import { refreshMonitoringRollups } from "~/monitoring/rollup.server";
import { db } from "~/db/db.server";
import { databaseKind } from "~/db/database-url";
import { newLeaseHolder, releaseLease, tryAcquireLease } from "./lease.server";
import { startJobBoss } from "./pg-boss.server";

export type Job = {
  name: string;
  everyMs: number;
  run: (now: Date) => Promise<unknown>;
  /**
   * On PostgreSQL the job runs in every instance at once, on its own timer: the outbox senders, whose rows are
   * claimed with SKIP LOCKED (decision 133), so the instances share the sending. Elsewhere, and for every
   * other job, a period's run happens once (pg-boss on PostgreSQL, the lease holder on SQLite).
   */
  everyInstance?: boolean;
};

/**
 * Periodic jobs that run inside the web process. Each job is a plain function of `now` so tests run it with
 * a controllable clock. Set BERMITRA_JOBS=off to disable. However many processes serve the site (cluster
 * mode, decision 100), on SQLite only the one holding the "scheduler" lease runs them; on PostgreSQL
 * (decision 133) every process runs a pg-boss worker and each period's run happens once across instances,
 * while the jobs marked `everyInstance` run everywhere.
 */
export const JOBS: Job[] = [
  { name: "email-sender", everyMs: 5_000, everyInstance: true, run: (now) => sendPendingEmails(50, { now }) },
  { name: "messaging", everyMs: 5_000, everyInstance: true, run: (now) => sendPendingMessages(now) },
  { name: "search-outbox", everyMs: 2_000, run: (now) => runSearchOutbox(now) },
  {
    name: "catalog-cert-reminders",
    everyMs: 60 * 60_000,
    run: (now) => remindExpiringCertifications(now),
  },
  {
    name: "coaching-missed",
    everyMs: 30_000,
    run: (now) => markMissedSessions(now),
  },
  {
    name: "coaching-reminders",
    everyMs: 10 * 60_000,
    run: (now) => sendCoachingReminders(now),
  },
  {
    name: "mentoring-no-visit",
    everyMs: 60 * 60_000,
    run: (now) => flagGroupsWithoutVisits(now),
  },
  {
    name: "backup-daily",
    everyMs: 24 * 60 * 60_000,
    run: () => runDailyBackup(),
  },
  {
    name: "retention",
    everyMs: 24 * 60 * 60_000,
    run: (now) => pruneExpiredRows(now),
  },
  {
    name: "mou-sealing",
    everyMs: 60_000,
    run: (now) => sealPendingVersions(now),
  },
  {
    name: "mou-reminders-and-expiry",
    everyMs: 15 * 60_000,
    run: (now) => runMouJobs(now),
  },
  {
    name: "orders-standing-invoices-overdue",
    everyMs: 15 * 60_000,
    run: (now) => runOrderJobs(now),
  },
  {
    // the monitoring rollup: recompute the days whose records changed (decision 125)
    name: "monitoring-rollups",
    everyMs: 60_000,
    run: () => refreshMonitoringRollups(db),
  },
  {
    name: "demands-stale",
    everyMs: 60 * 60_000,
    run: (now) => notifyStaleDemands(now),
  },
];

/** The scheduler lease: renewed every RENEW_MS, lost to another process RENEW_MS × 3 after its holder died. */
export const SCHEDULER_LEASE = "scheduler";
const RENEW_MS = 10_000;
const LEASE_TTL_MS = 3 * RENEW_MS;

declare global {
  // eslint-disable-next-line no-var
  var __bermitraJobs:
    | { holder: string; leaderUntil: number; release: () => Promise<void> }
    | undefined;
}

/**
 * Whether this process runs the background jobs right now (shown by /healthz): on SQLite the lease holder;
 * on PostgreSQL every process whose pg-boss worker has started.
 */
export function runsBackgroundJobs(): boolean {
  const state = globalThis.__bermitraJobs;
  return state !== undefined && state.leaderUntil > Date.now();
}

/** A timer that runs `tick` every `everyMs`, never two at once in this process. */
function every(name: string, everyMs: number, tick: () => Promise<unknown>, firstAfter: Promise<unknown>) {
  let running = false;
  const guarded = async () => {
    if (running) return;
    running = true;
    try {
      await tick();
    } catch (error) {
      console.error(`[job ${name}]`, error);
    } finally {
      running = false;
    }
  };
  setTimeout(() => void firstAfter.then(guarded, () => undefined), 1_000).unref();
  setInterval(() => void guarded(), everyMs).unref();
}

/**
 * PostgreSQL (decision 133): pg-boss runs the periodic jobs, the outbox senders run in every instance.
 * Each instance asks for the current period's run of every job twice a period (at most once a minute),
 * so a period is never missed while any instance lives; pg-boss creates it once.
 */
function startPostgresJobs(jobs: Job[]) {
  const local = jobs.filter((j) => j.everyInstance);
  const periodic = jobs.filter((j) => !j.everyInstance);
  const state = (globalThis.__bermitraJobs = {
    holder: newLeaseHolder(),
    leaderUntil: 0,
    release: async () => {
      state.leaderUntil = -1;
      const started = await booted.catch(() => null);
      await started?.stop().catch(() => undefined);
    },
  });
  const booted = startJobBoss(process.env.DATABASE_URL!, periodic).then((jobBoss) => {
    if (state.leaderUntil < 0) return jobBoss; // stopping already
    state.leaderUntil = Number.POSITIVE_INFINITY;
    return jobBoss;
  });
  booted.catch((error: unknown) => console.error("[jobs] pg-boss did not start:", (error as Error).message));
  // The senders do not need pg-boss: they run as long as the process is not stopping, even if it failed to start.
  for (const job of local) every(job.name, job.everyMs, () => (state.leaderUntil >= 0 ? job.run(new Date()) : Promise.resolve()), Promise.resolve());
  for (const job of periodic) {
    every(`${job.name} (request)`, Math.min(job.everyMs / 2, 60_000), async () => {
      if (state.leaderUntil <= 0) return;
      await (await booted).request(job, new Date());
    }, booted);
  }
}

async function renewLeadership(state: { holder: string; leaderUntil: number }) {
  if (state.leaderUntil < 0) return; // released for shutdown
  const now = new Date();
  try {
    const held = await tryAcquireLease(db, {
      name: SCHEDULER_LEASE,
      holder: state.holder,
      ttlMs: LEASE_TTL_MS,
      now,
    });
    // Count on the lease a little less long than it lasts, so two processes never both believe they hold it.
    state.leaderUntil = held ? now.getTime() + LEASE_TTL_MS - RENEW_MS : 0;
  } catch (error) {
    state.leaderUntil = 0;
    console.error(
      "[jobs] cannot renew the scheduler lease:",
      (error as Error).message
    );
  }
}

export function startBackgroundJobs(jobs: Job[] = JOBS) {
  if (process.env.BERMITRA_JOBS === "off" || globalThis.__bermitraJobs) return;
  if (databaseKind() === "postgresql") return startPostgresJobs(jobs);
  const state = (globalThis.__bermitraJobs = {
    holder: newLeaseHolder(),
    leaderUntil: 0,
    // Called by server.ts on SIGTERM/SIGINT, so another process takes the jobs over at once.
    release: async () => {
      state.leaderUntil = -1;
      await releaseLease(db, SCHEDULER_LEASE, state.holder).catch(
        () => undefined
      );
    },
  });
  const leadership = renewLeadership(state);
  setInterval(() => void renewLeadership(state), RENEW_MS).unref();
  for (const job of jobs) {
    let running = false;
    const tick = async () => {
      if (running || !runsBackgroundJobs()) return;
      running = true;
      try {
        await job.run(new Date());
      } catch (error) {
        console.error(`[job ${job.name}]`, error);
      } finally {
        running = false;
      }
    };
    setTimeout(() => void leadership.then(tick), 1_000).unref();
    setInterval(tick, job.everyMs).unref();
  }
}
