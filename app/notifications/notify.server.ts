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

/** Notifications that are order or coaching reminders: they follow the person's channel choice for that kind. */
const REMINDER_KINDS: Record<string, "orderReminder" | "coachingReminder"> = {
  "orders:notify.placed": "orderReminder",
  "orders:notify.standing": "orderReminder",
  "coaching:notify.dueSoon": "coachingReminder",
  "coaching:notify.tomorrow": "coachingReminder",
  "coaching:notify.cancelled": "coachingReminder",
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
    select: { id: true, email: true, phone: true, locale: true, emailNotifications: true },
  });
  const params = input.params ?? {};
  for (const user of users) {
    await client.notification.create({
      data: { userId: user.id, kind: input.kind, params: JSON.stringify(params), link: input.link ?? null },
    });
    if (input.email === false) continue;
    const t = getServerT(user.locale);
    const subject = t(notificationKey(input.kind, "title"), params);
    const body = t(notificationKey(input.kind, "body"), params);
    const link = input.link ? `\n\n${t("email:openLink")}: ${appUrl(input.link)}` : "";
    const text = `${body}${link}\n\n— ${t("email:signature")}`;
    // Order and coaching reminders go where she chose for them (WhatsApp → SMS → email, decision 109).
    const messageKind = REMINDER_KINDS[input.kind];
    if (messageKind && user.phone) {
      const { sendToUser } = await import("~/messaging/messaging.server");
      const template = { name: messageKind === "orderReminder" ? "order_reminder" : "coaching_reminder", params: [subject, input.link ? appUrl(input.link) : appUrl("/")] };
      if (await sendToUser(client, user.id, { kind: messageKind, subject: `[Bermitra] ${subject}`, text, template })) continue;
    }
    if (user.email && user.emailNotifications) {
      await enqueueEmail(client, { to: user.email, subject: `[Bermitra] ${subject}`, text, kind: `notification.${input.kind}` });
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
