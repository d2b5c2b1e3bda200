import { db } from "~/db/db.server";

const DAY = 24 * 60 * 60_000;

/**
 * How long bookkeeping rows are kept (docs/operations.md, docs/decisions/075-retention.md). Business
 * records (orders, invoices, MoUs, the audit log) are never pruned; these are only the rows that would
 * otherwise grow forever by accident.
 */
export const RETENTION = {
  /** sessions past their expiry or revoked: kept a while for "where am I signed in" and audits */
  sessionsDays: 30,
  /** password-reset tokens past their expiry or used */
  resetTokensDays: 30,
  /** notifications the user has read */
  readNotificationsDays: 90,
  /** emails delivered (SENT); failed ones are kept for the admin to see */
  sentEmailsDays: 30,
  /** search outbox rows that were processed */
  doneOutboxDays: 7,
} as const;

/** The retention job: deletes what is older than its period, in small batches; returns how many went. */
export async function pruneExpiredRows(now: Date, batch = 500) {
  const before = (days: number) => new Date(now.getTime() - days * DAY);
  const inBatches = async (ids: () => Promise<{ id: string }[]>, remove: (ids: string[]) => Promise<{ count: number }>) => {
    let total = 0;
    for (;;) {
      const found = (await ids()).map((r) => r.id);
      if (found.length === 0) return total;
      total += (await remove(found)).count;
      if (found.length < batch) return total;
    }
  };
  const sessionsCut = before(RETENTION.sessionsDays);
  const sessions = await inBatches(
    () => db.session.findMany({ where: { OR: [{ expiresAt: { lt: sessionsCut } }, { revokedAt: { lt: sessionsCut } }] }, select: { id: true }, take: batch }),
    (ids) => db.session.deleteMany({ where: { id: { in: ids } } }),
  );
  const tokensCut = before(RETENTION.resetTokensDays);
  const resetTokens = await inBatches(
    () => db.passwordResetToken.findMany({ where: { OR: [{ expiresAt: { lt: tokensCut } }, { usedAt: { lt: tokensCut } }] }, select: { id: true }, take: batch }),
    (ids) => db.passwordResetToken.deleteMany({ where: { id: { in: ids } } }),
  );
  const notesCut = before(RETENTION.readNotificationsDays);
  const notifications = await inBatches(
    () => db.notification.findMany({ where: { readAt: { lt: notesCut } }, select: { id: true }, take: batch }),
    (ids) => db.notification.deleteMany({ where: { id: { in: ids } } }),
  );
  const mailCut = before(RETENTION.sentEmailsDays);
  const emails = await inBatches(
    () => db.emailMessage.findMany({ where: { status: "SENT", sentAt: { lt: mailCut } }, select: { id: true }, take: batch }),
    (ids) => db.emailMessage.deleteMany({ where: { id: { in: ids } } }),
  );
  const outboxCut = before(RETENTION.doneOutboxDays);
  const outbox = await inBatches(
    () => db.searchOutbox.findMany({ where: { processedAt: { lt: outboxCut } }, select: { id: true }, take: batch }),
    (ids) => db.searchOutbox.deleteMany({ where: { id: { in: ids } } }),
  );
  return { sessions, resetTokens, notifications, emails, outbox };
}
