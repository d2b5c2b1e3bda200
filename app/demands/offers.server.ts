import { lockRowsForUpdate } from "~/db/locks.server";
import { diffFields, recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/guard.server";
import { db, type DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { DemandStatus } from "~/generated/prisma/enums";
import { groupUserIds, notifyUsers, partnerUserIds } from "~/notifications/notify.server";
import { demandsOpenToGroup, demandsOwnedBy, offersOfGroupSide, offersOfPartnerSide, offersVisibleTo, requireGroupSide } from "./access.server";
import { DEMAND_LINK } from "./links";
import { demandMachine, OFFERABLE_STATUSES, offerMachine, PENDING_OFFER_STATUSES } from "./machines";
import { startNextStep, type NextStep } from "./next-step.server";
import { officeToday, type OfferInput } from "./schemas";
import { sameDayIn } from "~/time/calendar";
import { zoneOf } from "~/time/office-zone.server";



/** Fairness and timing rules every send/revise passes. */
async function checkCanOffer(tx: DbClient, actor: Actor, demandId: string, groupId: string, input: OfferInput, now: Date) {
  const found = await tx.demand.findFirst({
    where: { AND: [{ id: demandId }, demandsOpenToGroup(groupId)] },
    select: {
      id: true,
      title: true,
      status: true,
      partnerId: true,
      allowSplit: true,
      offerDeadline: true,
      endDate: true,
      startDate: true,
      partner: { select: { dinasOffice: { select: { timeZone: true } } } },
    },
  });
  if (!found) throw new DomainError("errors:notFound");
  const { partner, ...demand } = found;
  // the demand's days (deadline, offer start) are counted in its partner's office zone (decision 123)
  const zone = zoneOf(partner.dinasOffice);
  const today = officeToday(now, zone);
  const startDate = sameDayIn(input.startDate, zone);
  if (!OFFERABLE_STATUSES.includes(demand.status) || (demand.status === "PARTLY_AWARDED" && !demand.allowSplit)) {
    throw new DomainError("demands:errors.notOpen", { status: demand.status });
  }
  if (demand.offerDeadline < today) throw new DomainError("demands:errors.deadlinePassed");
  const group = await tx.group.findUnique({
    where: { id: groupId },
    select: { name: true, verificationStatus: true, active: true, users: { where: { partnerId: demand.partnerId }, select: { id: true } } },
  });
  if (!group) throw new DomainError("errors:notFound");
  if (group.verificationStatus !== "VERIFIED" || !group.active) throw new DomainError("errors:notVerified");
  // A group cannot offer on its own partner's behalf: no account of the group (nor the person acting) works for the buyer.
  const actorUser = await tx.user.findUnique({ where: { id: actor.actorId }, select: { partnerId: true } });
  if (group.users.length > 0 || actorUser?.partnerId === demand.partnerId) throw new DomainError("demands:errors.ownPartner");
  if (startDate < today) throw new DomainError("demands:validation.startPast", {}, "startDate");
  if (demand.endDate && startDate >= demand.endDate) throw new DomainError("demands:validation.offerStartAfterEnd", {}, "startDate");
  return { demand, group, startDate };
}

/** A group's first offer on a demand (or a new one after withdrawing). One offer per group per demand. */
export async function sendOffer(actor: Actor, demandId: string, groupId: string, input: OfferInput, samplePhotoKey?: string | null, now = new Date()) {
  return db.$transaction(async (tx) => {
    await requireGroupSide(tx, actor, groupId); // only the group itself, or its facilitator, offers for it
    const existing = await tx.offer.findUnique({ where: { demandId_groupId: { demandId, groupId } } });
    if (existing && existing.status !== "WITHDRAWN") throw new DomainError("demands:errors.alreadyOffered");
    const { demand, group, startDate } = await checkCanOffer(tx, actor, demandId, groupId, input, now);
    const data = {
      pricePerUnit: input.pricePerUnit,
      quantityPerPeriod: input.quantityPerPeriod,
      startDate,
      note: input.note ?? null,
      ...(samplePhotoKey ? { samplePhotoKey } : {}),
    };
    let offerId: string;
    if (existing) {
      if (existing.status !== "WITHDRAWN") throw new DomainError("demands:errors.alreadyOffered");
      const next = offerMachine.apply(existing.status, "resubmit");
      const updated = await tx.offer.updateMany({
        where: { id: existing.id, status: existing.status },
        data: { ...data, status: next, createdById: actor.actorId, revision: existing.revision + 1, declineReason: null, acceptedQuantity: null },
      });
      if (updated.count !== 1) throw new DomainError("errors:staleState");
      offerId = existing.id;
      await recordAudit(tx, actor, { action: "offer.resubmit", entityType: "Offer", entityId: offerId, before: { status: existing.status }, after: { status: next, ...data } });
    } else {
      const created = await tx.offer.create({ data: { ...data, demandId, groupId, createdById: actor.actorId } });
      offerId = created.id;
      await recordAudit(tx, actor, { action: "offer.send", entityType: "Offer", entityId: offerId, after: { status: "SUBMITTED", ...data } });
    }
    await notifyUsers(tx, await partnerUserIds(tx, demand.partnerId), {
      kind: "demands:notify.offerReceived",
      params: { title: demand.title, group: group.name },
      link: DEMAND_LINK.partner(demandId),
    });
    return offerId;
  });
}

/**
 * Changes a pending offer (back to SUBMITTED if it was shortlisted); the partner is told. Only the
 * offering group's side reaches the offer (and, when given, only on that demand).
 */
export async function reviseOffer(actor: Actor, offerId: string, input: OfferInput, samplePhotoKey?: string | null, demandId?: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const current = await tx.offer.findFirst({ where: { AND: [{ id: offerId }, demandId ? { demandId } : {}, offersOfGroupSide(actor)] } });
    if (!current) throw new DomainError("errors:notFound");
    const next = offerMachine.apply(current.status, "revise");
    const { demand, group, startDate } = await checkCanOffer(tx, actor, current.demandId, current.groupId, input, now);
    const data = {
      pricePerUnit: input.pricePerUnit,
      quantityPerPeriod: input.quantityPerPeriod,
      startDate,
      note: input.note ?? null,
      ...(samplePhotoKey ? { samplePhotoKey } : {}),
    };
    const diff = diffFields(current as unknown as Record<string, unknown>, data);
    if (!diff.changed) return offerId;
    const updated = await tx.offer.updateMany({
      where: { id: offerId, status: current.status, revision: current.revision },
      data: { ...data, status: next, revision: current.revision + 1 },
    });
    if (updated.count !== 1) throw new DomainError("errors:staleState");
    await recordAudit(tx, actor, { action: "offer.revise", entityType: "Offer", entityId: offerId, before: diff.before, after: { ...diff.after, revision: current.revision + 1 } });
    await notifyUsers(tx, await partnerUserIds(tx, demand.partnerId), {
      kind: "demands:notify.offerRevised",
      params: { title: demand.title, group: group.name },
      link: DEMAND_LINK.partner(demand.id),
    });
    return offerId;
  });
}

/**
 * Offer transitions without quantities: withdraw (the offering group's side), shortlist or decline with a
 * reason (the demand's partner). The offer is loaded through that side's scope (and the demand, if given).
 */
export async function transitionOffer(actor: Actor, offerId: string, event: "withdraw" | "shortlist" | "decline", reason?: string | null, demandId?: string) {
  return db.$transaction(async (tx) => {
    const side = event === "withdraw" ? offersOfGroupSide(actor) : offersOfPartnerSide(actor);
    const current = await tx.offer.findFirst({
      where: { AND: [{ id: offerId }, demandId ? { demandId } : {}, side] },
      include: { demand: { select: { id: true, title: true, partnerId: true } }, group: { select: { name: true } } },
    });
    if (!current) throw new DomainError("errors:notFound");
    const next = offerMachine.apply(current.status, event, reason);
    const updated = await tx.offer.updateMany({
      where: { id: offerId, status: current.status },
      data: { status: next, ...(event === "decline" ? { declineReason: reason!.trim() } : {}) },
    });
    if (updated.count !== 1) throw new DomainError("errors:staleState");
    await recordAudit(tx, actor, {
      action: `offer.${event}`,
      entityType: "Offer",
      entityId: offerId,
      before: { status: current.status },
      after: { status: next },
      reason: reason ?? null,
    });
    const params = { title: current.demand.title, group: current.group.name, reason: reason ?? "" };
    if (event === "withdraw") {
      await notifyUsers(tx, await partnerUserIds(tx, current.demand.partnerId), { kind: "demands:notify.offerWithdrawn", params, link: DEMAND_LINK.partner(current.demandId) });
    } else {
      await notifyUsers(tx, await groupUserIds(tx, current.groupId), {
        kind: event === "decline" ? "demands:notify.offerDeclined" : "demands:notify.offerShortlisted",
        params,
        link: DEMAND_LINK.group(current.groupId, current.demandId),
      });
    }
    return next;
  });
}

export type AcceptItem = { offerId: string; quantity: number };

/**
 * Accepts one or more offers of a demand (several = a split), each for a quantity per period.
 * Never awards more than the demand: the demand row is updated only if its awarded quantity is still
 * what was read, inside the same transaction (a concurrent accept gets `errors:staleState`).
 * Then the next step starts: an order for a one-off demand, MoU drafts for a recurring one.
 */
/** Every rule an acceptance passes (scoped to the demand's owner), shared by the preview and the acceptance. */
async function checkAcceptance(tx: DbClient, actor: Actor, demandId: string, items: AcceptItem[]) {
  const demand = await tx.demand.findFirst({ where: { AND: [{ id: demandId }, demandsOwnedBy(actor)] } });
  if (!demand) throw new DomainError("errors:notFound");
  demandMachine.apply(demand.status, "award"); // only open or partly awarded demands take acceptances
  if (items.length === 0) throw new DomainError("demands:errors.nothingToAccept");
  if (new Set(items.map((i) => i.offerId)).size !== items.length) throw new DomainError("demands:errors.nothingToAccept");
  if (!demand.allowSplit && (items.length > 1 || demand.awardedQuantity > 0)) throw new DomainError("demands:errors.noSplit");
  const offers = await tx.offer.findMany({ where: { id: { in: items.map((i) => i.offerId) }, demandId }, include: { group: { select: { name: true } } } });
  if (offers.length !== items.length) throw new DomainError("errors:notFound");
  let total = 0;
  for (const item of items) {
    const offer = offers.find((o) => o.id === item.offerId)!;
    offerMachine.apply(offer.status, "accept");
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > offer.quantityPerPeriod) {
      throw new DomainError("demands:errors.acceptQuantity", { max: offer.quantityPerPeriod }, `qty-${offer.id}`);
    }
    total += item.quantity;
  }
  const remaining = demand.quantity - demand.awardedQuantity;
  if (total > remaining) throw new DomainError("demands:errors.overAward", { remaining, total });
  return { demand, offers, total, remaining };
}

/**
 * What accepting would do, for the confirmation view (decision 115): per group the quantity, the offered
 * unit price and their product (per delivery for a recurring demand), the totals in all, what is left, the
 * next step (orders for a one-off demand, MoU drafts otherwise) and how many other offers would be closed.
 * The same checks as the acceptance itself; nothing is written.
 */
export async function previewAcceptance(actor: Actor, demandId: string, items: AcceptItem[]) {
  const { demand, offers, total, remaining } = await checkAcceptance(db, actor, demandId, items);
  const lines = items.map((item) => {
    const offer = offers.find((o) => o.id === item.offerId)!;
    return { offerId: offer.id, group: offer.group.name, quantity: item.quantity, unitPrice: offer.pricePerUnit, subtotal: item.quantity * offer.pricePerUnit };
  });
  const fullyAwarded = demand.awardedQuantity + total >= demand.quantity || !demand.allowSplit;
  const othersClosed = fullyAwarded
    ? await db.offer.count({ where: { demandId, status: { in: PENDING_OFFER_STATUSES }, id: { notIn: items.map((i) => i.offerId) } } })
    : 0;
  return {
    demand: { id: demand.id, title: demand.title, unit: demand.unit, frequency: demand.frequency, quantity: demand.quantity },
    lines,
    totalQuantity: total,
    totalRupiah: lines.reduce((sum, l) => sum + l.subtotal, 0),
    remainingAfter: remaining - total,
    next: demand.frequency === "ONE_OFF" ? ("order" as const) : ("mou" as const),
    othersClosed,
  };
}

export async function acceptOffers(actor: Actor, demandId: string, items: AcceptItem[]): Promise<{ status: DemandStatus; next: NextStep }> {
  return db.$transaction(async (tx) => {
    // PostgreSQL: a racing acceptance of the same demand waits here and then reads what this one awarded
    // (on SQLite the writer lock already orders them); the guarded update below stays as the backstop.
    await lockRowsForUpdate(tx, "Demand", [demandId]);
    const { demand, offers, total } = await checkAcceptance(tx, actor, demandId, items);
    const awarded = demand.awardedQuantity + total;
    const event = awarded >= demand.quantity || !demand.allowSplit ? "award" : "awardPartly";
    const status = demandMachine.apply(demand.status, event);
    const guarded = await tx.demand.updateMany({
      where: { id: demandId, status: demand.status, awardedQuantity: demand.awardedQuantity },
      data: { status, awardedQuantity: awarded },
    });
    if (guarded.count !== 1) throw new DomainError("errors:staleState");
    for (const item of items) {
      const offer = offers.find((o) => o.id === item.offerId)!;
      const updated = await tx.offer.updateMany({
        where: { id: offer.id, status: offer.status },
        data: { status: "ACCEPTED", acceptedQuantity: item.quantity },
      });
      if (updated.count !== 1) throw new DomainError("errors:staleState");
      await recordAudit(tx, actor, {
        action: "offer.accept",
        entityType: "Offer",
        entityId: offer.id,
        before: { status: offer.status },
        after: { status: "ACCEPTED", acceptedQuantity: item.quantity },
      });
      await notifyUsers(tx, await groupUserIds(tx, offer.groupId), {
        kind: "demands:notify.offerAccepted",
        params: { title: demand.title, group: offer.group.name, quantity: item.quantity },
        link: DEMAND_LINK.group(offer.groupId, demandId),
      });
    }
    await recordAudit(tx, actor, {
      action: `demand.${event}`,
      entityType: "Demand",
      entityId: demandId,
      before: { status: demand.status, awardedQuantity: demand.awardedQuantity },
      after: { status, awardedQuantity: awarded, offers: items },
    });
    if (status === "AWARDED") await closePendingOffers(tx, actor, demandId, demand.title);
    const next = await startNextStep(tx, actor, { id: demandId, frequency: demand.frequency }, items.map((i) => i.offerId));
    return { status, next };
  });
}

/**
 * Once a demand is fully awarded or closed, offers still waiting are declined without a reason of their
 * own ("not chosen"), so every group that offered sees an outcome. Audited; notified unless the caller
 * already tells the groups (closing and cancelling do).
 */
export async function closePendingOffers(tx: DbClient, actor: Actor, demandId: string, title: string, notify = true) {
  const pending = await tx.offer.findMany({ where: { demandId, status: { in: PENDING_OFFER_STATUSES } }, include: { group: { select: { name: true } } } });
  for (const offer of pending) {
    const updated = await tx.offer.updateMany({ where: { id: offer.id, status: offer.status }, data: { status: "DECLINED", declineReason: null } });
    if (updated.count !== 1) throw new DomainError("errors:staleState");
    await recordAudit(tx, actor, { action: "offer.notChosen", entityType: "Offer", entityId: offer.id, before: { status: offer.status }, after: { status: "DECLINED" } });
    if (!notify) continue;
    await notifyUsers(tx, await groupUserIds(tx, offer.groupId), {
      kind: "demands:notify.offerNotChosen",
      params: { title, group: offer.group.name },
      link: DEMAND_LINK.group(offer.groupId, demandId),
    });
  }
}

/** The sample photo key of an offer the actor may see (the group's side, the buyer, Dinas of the office). */
export async function offerPhotoKey(actor: Actor, offerId: string): Promise<string | null> {
  const offer = await db.offer.findFirst({ where: { AND: [{ id: offerId }, offersVisibleTo(actor)] }, select: { samplePhotoKey: true } });
  return offer?.samplePhotoKey ?? null;
}

/** Offers of one demand for its partner (or Dinas), with each group's essentials; only those the actor may see. */
export async function listOffers(actor: Actor, demandId: string) {
  return db.offer.findMany({
    where: { AND: [{ demandId }, offersVisibleTo(actor)] },
    orderBy: [{ status: "asc" }, { pricePerUnit: "asc" }],
    include: { group: { select: { id: true, name: true, type: true, kecamatan: { select: { name: true } }, village: { select: { name: true } } } } },
  });
}
