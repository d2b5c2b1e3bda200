import { partnersSpokenForBy, type Actor } from "~/auth/actor";
import { coachingSummaryFor } from "~/coaching/coaching.server";
import { db } from "~/db/db.server";
import { findGroupFor } from "~/groups/access.server";
import { groupTasks, partnerTasks } from "./tasks.server";

/**
 * The home pages of a group's and a partner's users (decision 060): the record is the actor's own group or
 * partner, loaded through the scoped lookups; another role (or a user without one) gets null.
 */
export async function groupHome(actor: Actor) {
  if (actor.role !== "GROUP" || !actor.groupId) return null;
  const group = await findGroupFor(actor, actor.groupId, "read", "group", {
    id: true,
    name: true,
    type: true,
    verificationStatus: true,
    verificationNote: true,
    businessDescription: true,
    village: { select: { name: true } },
    kecamatan: { select: { name: true } },
    facilitator: { select: { name: true, phone: true } },
    _count: { select: { members: true, products: true } },
  });
  if (!group) return null;
  const [coaching, tasks] = await Promise.all([coachingSummaryFor({ groupId: group.id }), groupTasks(group.id, actor.actorId)]);
  return { group, coaching, tasks };
}

export async function partnerHome(actor: Actor) {
  if (actor.role !== "PARTNER" || !actor.partnerId) return null;
  const partner = await db.partner.findFirst({
    where: { AND: [{ id: actor.partnerId }, partnersSpokenForBy(actor)] },
    select: { id: true, displayName: true, legalName: true, sector: true, nib: true, address: true, verificationStatus: true, verificationNote: true },
  });
  if (!partner) return null;
  const [coaching, tasks] = await Promise.all([coachingSummaryFor({ partnerId: partner.id }), partnerTasks(partner.id, actor.actorId)]);
  return { partner, coaching, tasks };
}
