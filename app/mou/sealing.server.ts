import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db/db.server";
import { dinasUserIds, notifyUsers } from "~/notifications/notify.server";
import { renderAndStoreSeal } from "./seal.server";

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
