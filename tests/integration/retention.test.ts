import { db } from "~/db/db.server";
import { pruneExpiredRows, RETENTION } from "~/retention/retention.server";

const DAY = 24 * 60 * 60_000;

describe("retention job", () => {
  it("prunes expired sessions, old read notifications, old delivered emails and done outbox rows, and nothing else", async () => {
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const user = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
    const product = await db.product.findFirstOrThrow();

    const oldSession = await db.session.create({ data: { userId: user.id, expiresAt: ago(RETENTION.sessionsDays + 1) } });
    const liveSession = await db.session.create({ data: { userId: user.id, expiresAt: ago(-5) } });
    const recentlyExpired = await db.session.create({ data: { userId: user.id, expiresAt: ago(2) } });
    const oldRead = await db.notification.create({ data: { userId: user.id, kind: "x", readAt: ago(RETENTION.readNotificationsDays + 1) } });
    const oldUnread = await db.notification.create({ data: { userId: user.id, kind: "x", createdAt: ago(400) } });
    const recentRead = await db.notification.create({ data: { userId: user.id, kind: "x", readAt: ago(3) } });
    const mail = { to: "a@contoh.id", subject: "s", text: "t", kind: "test" };
    const oldSent = await db.emailMessage.create({ data: { ...mail, status: "SENT", sentAt: ago(RETENTION.sentEmailsDays + 1) } });
    const oldFailed = await db.emailMessage.create({ data: { ...mail, status: "FAILED", createdAt: ago(200) } });
    const oldPending = await db.emailMessage.create({ data: { ...mail, status: "PENDING", createdAt: ago(200) } });
    const oldDone = await db.searchOutbox.create({ data: { productId: product.id, op: "UPSERT", processedAt: ago(RETENTION.doneOutboxDays + 1) } });
    const notDone = await db.searchOutbox.create({ data: { productId: product.id, op: "UPSERT", createdAt: ago(30) } });

    const pruned = await pruneExpiredRows(now);
    expect(pruned.sessions).toBeGreaterThanOrEqual(1);
    expect(await db.session.findUnique({ where: { id: oldSession.id } })).toBeNull();
    expect(await db.session.findUnique({ where: { id: liveSession.id } })).not.toBeNull();
    expect(await db.session.findUnique({ where: { id: recentlyExpired.id } })).not.toBeNull();
    expect(await db.notification.findUnique({ where: { id: oldRead.id } })).toBeNull();
    expect(await db.notification.findUnique({ where: { id: oldUnread.id } })).not.toBeNull();
    expect(await db.notification.findUnique({ where: { id: recentRead.id } })).not.toBeNull();
    expect(await db.emailMessage.findUnique({ where: { id: oldSent.id } })).toBeNull();
    expect(await db.emailMessage.findUnique({ where: { id: oldFailed.id } })).not.toBeNull();
    expect(await db.emailMessage.findUnique({ where: { id: oldPending.id } })).not.toBeNull();
    expect(await db.searchOutbox.findUnique({ where: { id: oldDone.id } })).toBeNull();
    expect(await db.searchOutbox.findUnique({ where: { id: notDone.id } })).not.toBeNull();
    // Business records are untouched; a second run has nothing to do.
    expect(await pruneExpiredRows(now)).toEqual({ sessions: 0, resetTokens: 0, notifications: 0, emails: 0, outbox: 0 });
  });

  it("works in batches", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "mitra@bermitra.id" } });
    const old = new Date(Date.now() - 365 * DAY);
    await db.session.createMany({ data: Array.from({ length: 7 }, () => ({ userId: user.id, expiresAt: old })) });
    expect((await pruneExpiredRows(new Date(), 3)).sessions).toBeGreaterThanOrEqual(7);
    expect(await db.session.count({ where: { expiresAt: old } })).toBe(0);
  });
});
