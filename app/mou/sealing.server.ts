import { recordAudit } from "~/audit/audit.server";
import { db, type DbClient } from "~/db/db.server";
import { enqueueEmail } from "~/email/outbox.server";
import { formatDayKey } from "~/time/calendar";
import { getServerT } from "~/i18n/i18n.server";
import { dinasUserIds, notifyUsers } from "~/notifications/notify.server";
import type { MouContent } from "./content";
import { renderAndStoreSeal, verifyUrl } from "./seal.server";
import { mouPartyUserIds } from "./versions.server";

/**
 * Completed → sealed, as a retryable job (docs/decisions/073-sealing-after-commit.md). The last signature's
 * transaction only marks the version SIGNED and assigns its verification code; rendering and storing the
 * sealed PDF happens here, after that commit, with no write lock held while the PDF is made. A failure is
 * recorded on the version (`sealAttempts`, `sealError`: shown to Dinas on the MoU page, first failure
 * notified) and retried by the `mou-sealing` job until it succeeds.
 */
export async function sealPendingVersions(now: Date, options: { versionId?: string; limit?: number } = {}) {
  const pending = await db.mouVersion.findMany({
    where: {
      ...(options.versionId ? { id: options.versionId } : {}),
      status: { in: ["SIGNED", "SUPERSEDED"] },
      verificationCode: { not: null },
      sealedAt: null,
    },
    orderBy: { createdAt: "asc" },
    take: options.limit ?? 20,
    select: { id: true, mouId: true, versionNumber: true, sealAttempts: true, mou: { select: { number: true, dinasOfficeId: true } } },
  });
  let sealed = 0;
  let failed = 0;
  for (const version of pending) {
    try {
      const sealedAt = new Date(Math.max(now.getTime(), Date.now()));
      const stored = await renderAndStoreSeal(db, version.id, sealedAt);
      await db.$transaction(async (tx) => {
        const done = await tx.mouVersion.updateMany({
          where: { id: version.id, sealedAt: null },
          data: { pdfKey: stored.pdfKey, pdfHash: stored.pdfHash, sealedAt, sealError: null },
        });
        if (done.count !== 1) return;
        await recordAudit(tx, null, { action: "mou.sealed", entityType: "Mou", entityId: version.mouId, after: { versionNumber: version.versionNumber, pdfHash: stored.pdfHash, attempts: version.sealAttempts + 1 } });
        await emailSealedPdf(tx, version.id, stored.pdfKey);
      });
      sealed++;
    } catch (error) {
      failed++;
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      console.error(`[mou-sealing] sealing MoU ${version.mou.number} v${version.versionNumber} failed (attempt ${version.sealAttempts + 1}):`, message);
      await db
        .$transaction(async (tx) => {
          await tx.mouVersion.update({ where: { id: version.id }, data: { sealAttempts: { increment: 1 }, sealError: message } });
          if (version.sealAttempts === 0) {
            await notifyUsers(tx, await dinasUserIds(tx, version.mou.dinasOfficeId), {
              kind: "mou:notify.sealFailed",
              params: { number: version.mou.number },
              link: `/mou/${version.mouId}`,
            });
          }
        })
        .catch((recordError: unknown) => console.error("[mou-sealing] could not record the failure:", recordError));
    }
  }
  return { sealed, failed };
}

/**
 * Every party gets the sealed PDF attached (issue 13 item 9): each signer at the address they signed with
 * (a signatory without an account included), and every other account of the parties that keeps email
 * notifications on, once per address, in the reader's language. The file is attached at delivery.
 */
export async function emailSealedPdf(tx: DbClient, versionId: string, pdfKey: string) {
  const version = await tx.mouVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: { mouId: true, content: true, versionNumber: true, verificationCode: true, mou: { select: { number: true } }, signers: { orderBy: { order: "asc" }, select: { name: true, email: true, userId: true } } },
  });
  const content = JSON.parse(version.content) as MouContent;
  const userIds = await mouPartyUserIds(tx, version.mouId);
  const users = await tx.user.findMany({ where: { id: { in: userIds }, disabledAt: null }, select: { id: true, name: true, email: true, locale: true, emailNotifications: true } });
  const byId = new Map(users.map((u) => [u.id, u]));
  const recipients = new Map<string, { name: string; locale: string }>();
  for (const s of version.signers) {
    const account = s.userId ? byId.get(s.userId) : undefined;
    // a chair with only a phone number gets no email; the in-app notice tells her the MoU is in force
    if (s.email) recipients.set(s.email.toLowerCase(), { name: s.name, locale: account?.locale ?? "id" });
  }
  for (const u of users) {
    if (u.emailNotifications && u.email && !recipients.has(u.email.toLowerCase())) recipients.set(u.email.toLowerCase(), { name: u.name, locale: u.locale });
  }
  const code = version.verificationCode ?? "";
  const day = formatDayKey; // MoU content dates are calendar days already
  for (const [to, r] of recipients) {
    const t = getServerT(r.locale);
    const params = { name: r.name, number: version.mou.number, title: content.title, start: day(content.period.startDate), end: day(content.period.endDate), code };
    await enqueueEmail(tx, {
      to,
      subject: `[Bermitra] ${t("mou:email.sealedSubject", params)}`,
      text: `${t("mou:email.sealedBody", params)}\n${verifyUrl(code)}\n\n— ${t("email:signature")}`,
      kind: "mou.sealed",
      attachments: [{ filename: `${version.mou.number.replace(/[^A-Za-z0-9._-]+/g, "-")}-v${version.versionNumber}.pdf`, key: pdfKey, contentType: "application/pdf" }],
    });
  }
}
