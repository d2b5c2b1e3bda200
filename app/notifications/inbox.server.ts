import type { Actor } from "~/auth/actor";
import { db } from "~/db/db.server";
import { now } from "~/time/clock";

/**
 * A user's own in-app notifications (decision 060): every query is scoped to the actor's user id, so no
 * route can read or mark another user's notifications.
 */
export function inboxScope(actor: Pick<Actor, "actorId">) {
  return { userId: actor.actorId };
}

export async function unreadNotificationCount(actor: Pick<Actor, "actorId">): Promise<number> {
  return db.notification.count({ where: { ...inboxScope(actor), readAt: null } });
}

export async function listNotifications(actor: Pick<Actor, "actorId">, take = 100) {
  return db.notification.findMany({ where: inboxScope(actor), orderBy: { createdAt: "desc" }, take });
}

export async function markAllNotificationsRead(actor: Pick<Actor, "actorId">, at: Date = now()): Promise<number> {
  const { count } = await db.notification.updateMany({ where: { ...inboxScope(actor), readAt: null }, data: { readAt: at } });
  return count;
}
