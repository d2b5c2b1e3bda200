import type { DbClient } from "~/db/db.server";
import { enqueueEmail } from "~/email/outbox.server";
import { getServerT } from "~/i18n/i18n.server";
import { notificationKey } from "./notify";

export function appUrl(pathname = "/"): string {
  const base = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  return new URL(pathname, base).toString();
}

export type NotificationInput = {
  /** key under the `notifications` namespace: `<kind>.title` and `<kind>.body` */
  kind: string;
  params?: Record<string, string | number>;
  link?: string;
  /** send an email too, to users who keep email notifications on (default true) */
  email?: boolean;
};

/**
 * In-app notification (rendered in the reader's language) plus, for users who want it,
 * an email through the outbox. Call inside the transaction of the change it reports.
 */
export async function notifyUsers(client: DbClient, userIds: string[], input: NotificationInput) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const users = await client.user.findMany({
    where: { id: { in: unique }, disabledAt: null },
    select: { id: true, email: true, locale: true, emailNotifications: true },
  });
  const params = input.params ?? {};
  for (const user of users) {
    await client.notification.create({
      data: { userId: user.id, kind: input.kind, params: JSON.stringify(params), link: input.link ?? null },
    });
    if (input.email !== false && user.emailNotifications) {
      const t = getServerT(user.locale);
      const subject = t(notificationKey(input.kind, "title"), params);
      const body = t(notificationKey(input.kind, "body"), params);
      const link = input.link ? `\n\n${t("email:openLink")}: ${appUrl(input.link)}` : "";
      await enqueueEmail(client, {
        to: user.email,
        subject: `[Bermitra] ${subject}`,
        text: `${body}${link}\n\n— ${t("email:signature")}`,
        kind: `notification.${input.kind}`,
      });
    }
  }
}

/** User ids of a group's accounts, its facilitator included when `withFacilitator`. */
export async function groupUserIds(client: DbClient, groupId: string, withFacilitator = true): Promise<string[]> {
  const group = await client.group.findUnique({
    where: { id: groupId },
    select: { facilitatorId: true, users: { where: { disabledAt: null }, select: { id: true } } },
  });
  if (!group) return [];
  const ids = group.users.map((u) => u.id);
  if (withFacilitator && group.facilitatorId) ids.push(group.facilitatorId);
  return ids;
}

export async function partnerUserIds(client: DbClient, partnerId: string): Promise<string[]> {
  const users = await client.user.findMany({ where: { partnerId, disabledAt: null }, select: { id: true } });
  return users.map((u) => u.id);
}

export async function dinasUserIds(client: DbClient, dinasOfficeId: string): Promise<string[]> {
  const users = await client.user.findMany({ where: { dinasOfficeId, role: "DINAS", disabledAt: null }, select: { id: true } });
  return users.map((u) => u.id);
}
