import { markMissedSessions, sendCoachingReminders } from "~/coaching/coaching.server";
import { remindExpiringCertifications } from "~/catalog/certifications.server";
import { notifyStaleDemands } from "~/demands/brokering.server";
import { sendPendingEmails } from "~/email/sender.server";
import { flagGroupsWithoutVisits } from "~/mentoring/visits.server";
import { runDailyBackup } from "~/backup/backup.server";
import { runMouJobs } from "~/mou/jobs.server";
import { pruneExpiredRows } from "~/retention/retention.server";
import { sealPendingVersions } from "~/mou/sealing.server";
import { runOrderJobs } from "~/orders/jobs.server";
import { runSearchOutbox } from "~/search/search.server";

export type Job = { name: string; everyMs: number; run: (now: Date) => Promise<unknown> };

/**
 * Periodic jobs that run inside the web process (one process on SQLite). Each job is a plain
 * function of `now` so tests run it with a controllable clock. Set BERMITRA_JOBS=off to disable.
 */
export const JOBS: Job[] = [
  { name: "email-sender", everyMs: 5_000, run: () => sendPendingEmails() },
  { name: "search-outbox", everyMs: 2_000, run: (now) => runSearchOutbox(now) },
  { name: "catalog-cert-reminders", everyMs: 60 * 60_000, run: (now) => remindExpiringCertifications(now) },
  { name: "coaching-missed", everyMs: 30_000, run: (now) => markMissedSessions(now) },
  { name: "coaching-reminders", everyMs: 10 * 60_000, run: (now) => sendCoachingReminders(now) },
  { name: "mentoring-no-visit", everyMs: 60 * 60_000, run: (now) => flagGroupsWithoutVisits(now) },
  { name: "backup-daily", everyMs: 24 * 60 * 60_000, run: () => runDailyBackup() },
  { name: "retention", everyMs: 24 * 60 * 60_000, run: (now) => pruneExpiredRows(now) },
  { name: "mou-sealing", everyMs: 60_000, run: (now) => sealPendingVersions(now) },
  { name: "mou-reminders-and-expiry", everyMs: 15 * 60_000, run: (now) => runMouJobs(now) },
  { name: "orders-standing-invoices-overdue", everyMs: 15 * 60_000, run: (now) => runOrderJobs(now) },
  { name: "demands-stale", everyMs: 60 * 60_000, run: (now) => notifyStaleDemands(now) },
];

declare global {
  // eslint-disable-next-line no-var
  var __bermitraJobsStarted: boolean | undefined;
}

export function startBackgroundJobs(jobs: Job[] = JOBS) {
  if (process.env.BERMITRA_JOBS === "off" || globalThis.__bermitraJobsStarted) return;
  globalThis.__bermitraJobsStarted = true;
  for (const job of jobs) {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await job.run(new Date());
      } catch (error) {
        console.error(`[job ${job.name}]`, error);
      } finally {
        running = false;
      }
    };
    setTimeout(tick, 1_000).unref();
    setInterval(tick, job.everyMs).unref();
  }
}
