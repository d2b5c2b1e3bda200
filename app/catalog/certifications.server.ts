import { groupTimeZone } from "~/time/office-zone.server";
import { db } from "~/db/db.server";
import { formatDate } from "~/i18n/format";
import { groupUserIds, notifyUsers } from "~/notifications/notify.server";
import { indexProductChange } from "~/search/search.server";

export const REMIND_DAYS_BEFORE = 30;
const DAY = 86_400_000;

export function isExpired(expiresAt: Date | string | null | undefined, now = new Date()): boolean {
  return !!expiresAt && new Date(expiresAt).getTime() <= now.getTime();
}

export function expiresSoon(expiresAt: Date | string | null | undefined, now = new Date()): boolean {
  if (!expiresAt) return false;
  const t = new Date(expiresAt).getTime();
  return t > now.getTime() && t <= now.getTime() + REMIND_DAYS_BEFORE * DAY;
}

/**
 * Periodic job (a plain function of `now`): reminds a group, once per certificate, that a certificate
 * of one of its products expires within 30 days; and re-indexes products whose certificate expired
 * in the last two days, so the certification filter stops finding them.
 */
export async function remindExpiringCertifications(now: Date) {
  const due = await db.productCertification.findMany({
    where: {
      reminderSentAt: null,
      expiresAt: { gt: now, lte: new Date(now.getTime() + REMIND_DAYS_BEFORE * DAY) },
      product: { status: { not: "ARCHIVED" } },
    },
    select: { id: true, kind: true, number: true, expiresAt: true, product: { select: { id: true, name: true, groupId: true } } },
    take: 500,
  });
  let reminded = 0;
  for (const cert of due) {
    await db.$transaction(async (tx) => {
      // Guarded: only one run may claim the reminder.
      const claimed = await tx.productCertification.updateMany({ where: { id: cert.id, reminderSentAt: null }, data: { reminderSentAt: now } });
      if (claimed.count !== 1) return;
      await notifyUsers(tx, await groupUserIds(tx, cert.product.groupId), {
        kind: "catalog:notify.certExpiring",
        params: { product: cert.product.name, number: cert.number, date: formatDate(cert.expiresAt, await groupTimeZone(tx, cert.product.groupId)) },
        link: `/groups/${cert.product.groupId}/products/${cert.product.id}`,
      });
      reminded++;
    });
  }
  const justExpired = await db.productCertification.findMany({
    where: { expiresAt: { gt: new Date(now.getTime() - 2 * DAY), lte: now }, product: { status: "ACTIVE" } },
    select: { productId: true },
    distinct: ["productId"],
  });
  for (const { productId } of justExpired) await db.$transaction((tx) => indexProductChange(tx, productId));
  return { reminded, reindexed: justExpired.length };
}
