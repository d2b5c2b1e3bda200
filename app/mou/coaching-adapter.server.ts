import type { AuditActor } from "~/auth/actor";
import { activateCoachingForMou } from "~/coaching/schedule.server";
import type { DbClient } from "~/db/db.server";

/** The one place the MoU module calls into coaching: the active version's commitments become trackable. */
export async function activateMouCoaching(tx: DbClient, actor: AuditActor | null, mouId: string): Promise<void> {
  await activateCoachingForMou(tx, actor, mouId);
}
