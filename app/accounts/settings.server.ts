import type { Actor } from "~/auth/actor";
import { revokeSession } from "~/auth/session.server";
import { db } from "~/db/db.server";
import type { AppLocale } from "~/i18n/config";
import { now } from "~/time/clock";

/**
 * A signed-in user's own settings and sessions (decision 060): each function acts on the actor's own user
 * row only; a session id from a form is matched together with the actor's user id.
 */
export async function listOwnSessions(actor: Pick<Actor, "actorId">, at: Date = now()) {
  return db.session.findMany({
    where: { userId: actor.actorId, revokedAt: null, expiresAt: { gt: at } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, ip: true, userAgent: true },
  });
}

export async function setEmailNotifications(actor: Pick<Actor, "actorId">, on: boolean): Promise<void> {
  await db.user.update({ where: { id: actor.actorId }, data: { emailNotifications: on } });
}

/** Revokes one of the actor's own sessions; another user's session id matches no row. */
export async function revokeOwnSession(actor: Pick<Actor, "actorId">, sessionId: string): Promise<void> {
  await revokeSession(sessionId, actor.actorId);
}

export async function setPreferredLocale(actor: Pick<Actor, "actorId">, locale: AppLocale): Promise<void> {
  await db.user.update({ where: { id: actor.actorId }, data: { locale } });
}
