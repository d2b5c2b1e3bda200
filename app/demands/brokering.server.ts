import { recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/actor";
import { demandsOverseenBy } from "./access.server";
import { db, type DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import { dinasUserIds, groupUserIds, notifyUsers } from "~/notifications/notify.server";
import { DEMAND_LINK } from "./links";
import { OFFERABLE_STATUSES } from "./machines";
import { rankCandidates, suggestSplit, weeklyNeed, type Candidate, type TrackRecord } from "./matching";
import { trackRecordRates, trackRecordSums } from "~/orders/track-record.server";

/**
 * Track record of groups from their orders: on-time rate (received on or before the delivery day in the group office's zone),
 * quality acceptance rate (accepted / delivered over all handover lines) and partnerships (ACTIVE MoUs), from SQL aggregates
 * (~/orders/track-record.server).
 */
export async function trackRecords(groupIds: string[], client: DbClient = db): Promise<Map<string, TrackRecord>> {
  const [sums, mous] = await Promise.all([
    trackRecordSums(groupIds, client),
    groupIds.length ? client.mouGroup.groupBy({ by: ["groupId"], where: { groupId: { in: groupIds }, mou: { status: "ACTIVE" } }, _count: { _all: true } }) : [],
  ]);
  const partnerships = new Map(mous.map((m) => [m.groupId, m._count._all]));
  const result = new Map<string, TrackRecord>();
  for (const id of groupIds) {
    const s = sums.get(id)!;
    result.set(id, { ...trackRecordRates(s), partnerships: partnerships.get(id) ?? 0, deliveries: s.receivedOrders });
  }
  return result;
}

/** Candidates for a demand: verified, active groups of the office with their capacity, load and track record. */
export async function candidatesFor(actor: Actor, demandId: string, now = new Date()) {
  const demand = await db.demand.findFirst({
    where: { AND: [{ id: demandId }, demandsOverseenBy(actor)] },
    select: {
      id: true,
      categoryId: true,
      unit: true,
      quantity: true,
      awardedQuantity: true,
      frequency: true,
      daysOfWeek: true,
      deliveryKecamatanId: true,
      partnerId: true,
      partner: { select: { dinasOfficeId: true } },
    },
  });
  if (!demand) throw new DomainError("errors:notFound");
  const groups = await db.group.findMany({
    where: { dinasOfficeId: demand.partner.dinasOfficeId, verificationStatus: "VERIFIED", active: true, users: { none: { partnerId: demand.partnerId } } },
    select: {
      id: true,
      name: true,
      kecamatanId: true,
      kecamatan: { select: { name: true } },
      products: {
        where: { categoryId: demand.categoryId, status: "ACTIVE" },
        select: { unit: true, weeklyCapacity: true, deliveryAreas: { select: { kecamatanId: true } } },
      },
    },
  });
  const ids = groups.map((g) => g.id);
  const [records, running] = await Promise.all([
    trackRecords(ids),
    db.offer.findMany({
      where: {
        groupId: { in: ids },
        status: "ACCEPTED",
        demand: { categoryId: demand.categoryId, status: { in: ["PARTLY_AWARDED", "AWARDED"] }, OR: [{ endDate: null }, { endDate: { gte: now } }] },
      },
      select: { groupId: true, acceptedQuantity: true, demand: { select: { frequency: true, daysOfWeek: true } } },
    }),
  ]);
  const load = new Map<string, number>();
  for (const o of running) {
    load.set(o.groupId, (load.get(o.groupId) ?? 0) + weeklyNeed(o.demand.frequency, o.acceptedQuantity ?? 0, o.demand.daysOfWeek));
  }
  const candidates: Candidate[] = groups.map((g) => ({
    groupId: g.id,
    name: g.name,
    kecamatanName: g.kecamatan.name,
    sameKecamatan: !!demand.deliveryKecamatanId && g.kecamatanId === demand.deliveryKecamatanId,
    deliversThere: !!demand.deliveryKecamatanId && g.products.some((p) => p.deliveryAreas.some((a) => a.kecamatanId === demand.deliveryKecamatanId)),
    productsInCategory: g.products.length,
    // capacity counts only products sold in the demand's unit (kg of coffee are not packs of coffee)
    weeklyCapacity: g.products.filter((p) => p.unit === demand.unit).reduce((s, p) => s + p.weeklyCapacity, 0),
    weeklyLoad: load.get(g.id) ?? 0,
    trackRecord: records.get(g.id)!,
  }));
  const need = weeklyNeed(demand.frequency, demand.quantity - demand.awardedQuantity, demand.daysOfWeek);
  const ranked = rankCandidates(need, candidates);
  return { need, ranked, split: suggestSplit(need, ranked) };
}

/** Dinas invites a group to offer on an open demand; the group is notified. Inviting twice is refused. */
export async function inviteGroup(actor: Actor, demandId: string, groupId: string, note?: string | null) {
  return db.$transaction(async (tx) => {
    const demand = await tx.demand.findFirst({
      where: { AND: [{ id: demandId }, demandsOverseenBy(actor)] },
      select: { title: true, status: true, partnerId: true, partner: { select: { displayName: true, dinasOfficeId: true } } },
    });
    if (!demand) throw new DomainError("errors:notFound");
    if (!OFFERABLE_STATUSES.includes(demand.status)) throw new DomainError("demands:errors.notOpen", { status: demand.status });
    // only groups of the demand's own office can be invited
    const group = await tx.group.findFirst({ where: { id: groupId, dinasOfficeId: demand.partner.dinasOfficeId }, select: { name: true, verificationStatus: true, active: true, users: { where: { partnerId: demand.partnerId }, select: { id: true } } } });
    if (!group || group.verificationStatus !== "VERIFIED" || !group.active) throw new DomainError("demands:errors.groupNotEligible");
    if (group.users.length > 0) throw new DomainError("demands:errors.ownPartner");
    const existing = await tx.demandInvitation.findUnique({ where: { demandId_groupId: { demandId, groupId } } });
    if (existing) throw new DomainError("demands:errors.alreadyInvited", { group: group.name });
    const invitation = await tx.demandInvitation.create({ data: { demandId, groupId, invitedById: actor.actorId, note: note ?? null } });
    await recordAudit(tx, actor, { action: "demand.invite", entityType: "Demand", entityId: demandId, after: { groupId, invitationId: invitation.id } });
    await notifyUsers(tx, await groupUserIds(tx, groupId), {
      kind: "demands:notify.invited",
      params: { title: demand.title, partner: demand.partner.displayName, group: group.name, note: note ?? "" },
      link: DEMAND_LINK.group(groupId, demandId),
    });
    return invitation;
  });
}

export function staleDays(): number {
  const n = Number(process.env.DEMAND_STALE_DAYS ?? 3);
  return Number.isFinite(n) && n >= 0 ? n : 3;
}

/** Open demands published at least N days ago that no group has answered (no offer, no question). */
export async function staleDemands(dinasOfficeId: string | null, now = new Date(), days = staleDays()) {
  const before = new Date(now.getTime() - days * 86_400_000);
  return db.demand.findMany({
    where: {
      status: "OPEN",
      publishedAt: { lte: before },
      offers: { none: { status: { not: "WITHDRAWN" } } },
      messages: { none: {} },
      ...(dinasOfficeId ? { partner: { dinasOfficeId } } : {}),
    },
    orderBy: { publishedAt: "asc" },
    select: {
      id: true,
      title: true,
      publishedAt: true,
      offerDeadline: true,
      quantity: true,
      unit: true,
      frequency: true,
      partner: { select: { displayName: true } },
      _count: { select: { invitations: true } },
    },
  });
}

/**
 * Periodic job: tells the Dinas office once about each demand that became stale (nobody answered after
 * DEMAND_STALE_DAYS). "Once" = no earlier notification of this kind links to the demand.
 */
export async function notifyStaleDemands(now = new Date(), days = staleDays()) {
  const stale = await staleDemands(null, now, days);
  let sent = 0;
  for (const d of stale) {
    const link = DEMAND_LINK.dinas(d.id);
    await db.$transaction(async (tx) => {
      const already = await tx.notification.findFirst({ where: { kind: "demands:notify.stale", link }, select: { id: true } });
      if (already) return;
      const demand = await tx.demand.findUniqueOrThrow({ where: { id: d.id }, select: { partner: { select: { dinasOfficeId: true } } } });
      await notifyUsers(tx, await dinasUserIds(tx, demand.partner.dinasOfficeId), {
        kind: "demands:notify.stale",
        params: { title: d.title, partner: d.partner.displayName, days },
        link,
      });
      sent += 1;
    });
  }
  return { stale: stale.length, sent };
}

/** Dinas overview: open and awarded demands with their offer counts. */
export async function dinasDemandList(actor: Actor) {
  return db.demand.findMany({
    where: demandsOverseenBy(actor),
    orderBy: [{ status: "asc" }, { offerDeadline: "asc" }],
    select: {
      id: true,
      title: true,
      status: true,
      quantity: true,
      awardedQuantity: true,
      unit: true,
      frequency: true,
      offerDeadline: true,
      publishedAt: true,
      partner: { select: { displayName: true } },
      category: { select: { nameId: true, nameEn: true } },
      _count: { select: { offers: { where: { status: { not: "WITHDRAWN" } } }, invitations: true, messages: true } },
    },
  });
}

export async function listInvitations(demandId: string) {
  return db.demandInvitation.findMany({
    where: { demandId },
    orderBy: { createdAt: "asc" },
    select: { id: true, groupId: true, createdAt: true, note: true, group: { select: { name: true } } },
  });
}
