import { actorFromUser, type Actor } from "~/auth/actor";
import { db } from "~/db/db.server";

/** The full Actor of a seeded (or test-made) user, as the routes build it from the session. */
export async function actorFor(email: string | null, extra: { actingForGroupId?: string | null; ip?: string | null } = {}): Promise<Actor> {
  // User.email is optional (phone-only accounts, decision 109); the seeded users used here all have one
  if (!email) throw new Error("actorFor: a user with an email address");
  const user = await db.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, name: true, role: true, groupId: true, partnerId: true, dinasOfficeId: true },
  });
  return actorFromUser(user, extra);
}

/** Same, for a user row already loaded (any object with the Actor source fields). */
export function actorOfUser(
  user: { id: string; name: string; role: Actor["role"]; groupId: string | null; partnerId: string | null; dinasOfficeId: string | null },
  extra: { actingForGroupId?: string | null; ip?: string | null } = {},
): Actor {
  return actorFromUser(user, extra);
}
