import { diffFields, recordAudit } from "~/audit/audit.server";
import { groupsSpokenForBy, type Actor } from "~/auth/actor";
import { db, type DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { DemandStatus } from "~/generated/prisma/enums";
import { dinasUserIds, groupUserIds, notifyUsers, partnerUserIds } from "~/notifications/notify.server";
import { demandsOpenToGroup, demandsOverseenBy, demandsOwnedBy, requireGroupSide, requirePartnerSide } from "./access.server";
import { DEMAND_LINK } from "./links";
import { demandMachine, OFFERABLE_STATUSES, type DemandEvent } from "./machines";
import { closePendingOffers } from "./offers.server";
import type { DemandInput } from "./schemas";
import { officeToday } from "./schemas";
import { sameDayIn } from "~/time/calendar";
import { partnerTimeZone, zoneOf } from "~/time/office-zone.server";

export { DEMAND_LINK };

/**
 * The form's days (read as 00:00 WIB) become the same calendar days at 00:00 of the partner's office zone, the
 * zone a demand's start, end and offer deadline are counted in (decision 123).
 */
function toData(input: DemandInput, zone: string) {
  return {
    title: input.title,
    categoryId: input.categoryId,
    specification: input.specification,
    qualityRequirements: input.qualityRequirements ?? null,
    packaging: input.packaging ?? null,
    quantity: input.quantity,
    unit: input.unit,
    frequency: input.frequency,
    daysOfWeek: input.frequency === "DAILY" || input.frequency === "WEEKLY" ? input.daysOfWeek.join(",") || null : null,
    deliveryAddress: input.deliveryAddress,
    deliveryKecamatanId: input.deliveryKecamatanId,
    startDate: sameDayIn(input.startDate, zone),
    endDate: input.endDate ? sameDayIn(input.endDate, zone) : null,
    priceMin: input.priceMin ?? null,
    priceMax: input.priceMax ?? null,
    offerDeadline: sameDayIn(input.offerDeadline, zone),
    allowSplit: input.allowSplit,
  };
}

/** The offer deadline must not be before today in the demand's office zone. */
function checkDeadline(data: { offerDeadline: Date }, zone: string, now: Date) {
  if (data.offerDeadline < officeToday(now, zone)) throw new DomainError("demands:validation.deadlinePast", {}, "offerDeadline");
}

async function checkReferences(tx: DbClient, input: DemandInput) {
  const [category, kecamatan] = await Promise.all([
    tx.productCategory.findUnique({ where: { id: input.categoryId }, select: { id: true } }),
    tx.kecamatan.findUnique({ where: { id: input.deliveryKecamatanId }, select: { id: true } }),
  ]);
  if (!category) throw new DomainError("validation:choose", {}, "categoryId");
  if (!kecamatan) throw new DomainError("validation:choose", {}, "deliveryKecamatanId");
}

/** A partner's new demand, as a draft (published right away when `publish`). */
export async function createDemand(actor: Actor, partnerId: string, input: DemandInput, publish = false, now = new Date()) {
  requirePartnerSide(actor, partnerId);
  const demand = await db.$transaction(async (tx) => {
    const partner = await tx.partner.findUnique({ where: { id: partnerId }, select: { verificationStatus: true } });
    if (!partner || partner.verificationStatus !== "VERIFIED") throw new DomainError("errors:notVerified");
    await checkReferences(tx, input);
    const zone = await partnerTimeZone(tx, partnerId);
    const data = toData(input, zone);
    checkDeadline(data, zone, now);
    const created = await tx.demand.create({ data: { ...data, partnerId, createdById: actor.actorId, status: "DRAFT" } });
    await recordAudit(tx, actor, { action: "demand.create", entityType: "Demand", entityId: created.id, after: { title: created.title, status: "DRAFT" } });
    return created;
  });
  if (publish) await transitionDemand(actor, demand.id, "publish", null, now);
  return demand;
}

/** Edits a demand while it is a draft, or open with nothing awarded yet. */
export async function updateDemand(actor: Actor, demandId: string, input: DemandInput, now = new Date()) {
  return db.$transaction(async (tx) => {
    const current = await tx.demand.findFirst({ where: { AND: [{ id: demandId }, demandsOwnedBy(actor)] } });
    if (!current) throw new DomainError("errors:notFound");
    if (!(current.status === "DRAFT" || (current.status === "OPEN" && current.awardedQuantity === 0))) {
      throw new DomainError("demands:errors.notEditable", { status: current.status });
    }
    await checkReferences(tx, input);
    const zone = await partnerTimeZone(tx, current.partnerId);
    const next = toData(input, zone);
    checkDeadline(next, zone, now);
    const diff = diffFields(current as unknown as Record<string, unknown>, next);
    if (!diff.changed) return current;
    const updated = await tx.demand.updateMany({ where: { id: demandId, status: current.status, updatedAt: current.updatedAt }, data: next });
    if (updated.count !== 1) throw new DomainError("errors:staleState");
    await recordAudit(tx, actor, { action: "demand.update", entityType: "Demand", entityId: demandId, before: diff.before, after: diff.after });
    if (current.status === "OPEN") {
      const offers = await tx.offer.findMany({ where: { demandId, status: { in: ["SUBMITTED", "SHORTLISTED"] } }, select: { groupId: true } });
      for (const o of offers) {
        await notifyUsers(tx, await groupUserIds(tx, o.groupId), {
          kind: "demands:notify.demandChanged",
          params: { title: next.title },
          link: DEMAND_LINK.group(o.groupId, demandId),
        });
      }
    }
    return { ...current, ...next };
  });
}

/**
 * Publish, close or cancel (with a reason). Publishing tells the groups the demand fits and Dinas.
 * Award transitions happen only through accepting offers.
 */
export async function transitionDemand(actor: Actor, demandId: string, event: Exclude<DemandEvent, "award" | "awardPartly">, reason?: string | null, now = new Date()) {
  return db.$transaction(async (tx) => {
    const current = await tx.demand.findFirst({
      where: { AND: [{ id: demandId }, demandsOwnedBy(actor)] },
      include: { partner: { select: { displayName: true, dinasOfficeId: true, dinasOffice: { select: { timeZone: true } } } } },
    });
    if (!current) throw new DomainError("errors:notFound");
    const next: DemandStatus = demandMachine.apply(current.status, event, reason);
    if (event === "publish") checkDeadline(current, zoneOf(current.partner.dinasOffice), now);
    const data = {
      status: next,
      ...(event === "publish" ? { publishedAt: now } : {}),
      ...(event === "cancel" ? { cancelReason: reason!.trim() } : {}),
    };
    const updated = await tx.demand.updateMany({ where: { id: demandId, status: current.status }, data });
    if (updated.count !== 1) throw new DomainError("errors:staleState");
    await recordAudit(tx, actor, {
      action: `demand.${event}`,
      entityType: "Demand",
      entityId: demandId,
      before: { status: current.status },
      after: { status: next },
      reason: reason ?? null,
    });
    const params = { title: current.title, partner: current.partner.displayName, reason: reason ?? "" };
    if (event === "publish") {
      const fits = await fittingGroupIds(tx, current.categoryId, current.partner.dinasOfficeId, current.partnerId);
      for (const groupId of fits) {
        await notifyUsers(tx, await groupUserIds(tx, groupId), { kind: "demands:notify.newDemand", params, link: DEMAND_LINK.group(groupId, demandId) });
      }
      await notifyUsers(tx, await dinasUserIds(tx, current.partner.dinasOfficeId), { kind: "demands:notify.published", params, link: DEMAND_LINK.dinas(demandId) });
    } else {
      await closePendingOffers(tx, actor, demandId, current.title, false);
      // Groups with an offer or a question on it hear that it was cancelled or closed.
      const [offers, threads] = await Promise.all([
        tx.offer.findMany({ where: { demandId, status: { not: "WITHDRAWN" } }, select: { groupId: true } }),
        tx.demandMessage.findMany({ where: { demandId }, select: { groupId: true }, distinct: ["groupId"] }),
      ]);
      const groups = new Set([...offers, ...threads].map((x) => x.groupId));
      for (const groupId of groups) {
        await notifyUsers(tx, await groupUserIds(tx, groupId), {
          kind: event === "cancel" ? "demands:notify.cancelled" : "demands:notify.closed",
          params,
          link: DEMAND_LINK.group(groupId, demandId),
        });
      }
    }
    return next;
  });
}

/** Verified, active groups of the office with an active product in the category (the partner's own users' groups excluded). */
export async function fittingGroupIds(client: DbClient, categoryId: string, dinasOfficeId: string, partnerId: string): Promise<string[]> {
  const groups = await client.group.findMany({
    where: {
      dinasOfficeId,
      verificationStatus: "VERIFIED",
      active: true,
      products: { some: { categoryId, status: "ACTIVE" } },
      users: { none: { partnerId } },
    },
    select: { id: true },
  });
  return groups.map((g) => g.id);
}

// ─── Reading ─────────────────────────────────────────────────────────────────

/** Choices for the demand form: categories and the kecamatan of the partner's Dinas office. */
export async function demandFormOptions(actor: Actor, partnerId: string) {
  requirePartnerSide(actor, partnerId);
  const partner = await db.partner.findUniqueOrThrow({ where: { id: partnerId }, select: { address: true, dinasOfficeId: true } });
  const [categories, kecamatans] = await Promise.all([
    db.productCategory.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, nameId: true, nameEn: true } }),
    db.kecamatan.findMany({ where: { dinasOfficeId: partner.dinasOfficeId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { partner, categories, kecamatans };
}

export async function listPartnerDemands(actor: Actor) {
  return db.demand.findMany({
    where: demandsOwnedBy(actor),
    orderBy: [{ createdAt: "desc" }],
    select: {
      id: true,
      title: true,
      status: true,
      quantity: true,
      unit: true,
      frequency: true,
      daysOfWeek: true,
      awardedQuantity: true,
      offerDeadline: true,
      startDate: true,
      category: { select: { nameId: true, nameEn: true } },
      _count: { select: { offers: { where: { status: { not: "WITHDRAWN" } } }, messages: true } },
    },
  });
}

const DEMAND_INCLUDE = {
  partner: { select: { id: true, displayName: true, sector: true, dinasOfficeId: true } },
  category: { select: { id: true, nameId: true, nameEn: true } },
  deliveryKecamatan: { select: { id: true, name: true } },
} as const;

/** A demand of the actor's own partner (its staff), or null. */
export async function demandForPartner(actor: Actor, demandId: string) {
  return db.demand.findFirst({ where: { AND: [{ id: demandId }, demandsOwnedBy(actor)] }, include: DEMAND_INCLUDE });
}

/** A published demand of the actor's Dinas office (admin: any office), or null. */
export async function demandForDinas(actor: Actor, demandId: string) {
  return db.demand.findFirst({ where: { AND: [{ id: demandId }, demandsOverseenBy(actor)] }, include: DEMAND_INCLUDE });
}

/**
 * The group's page of a demand, for the group's side (the group or the facilitator acting for it): the
 * demand if the group may look at it, the group's own offer, thread and invitation. Null otherwise.
 */
export async function groupDemandPage(actor: Actor, groupId: string, demandId: string) {
  const group = await db.group.findFirst({ where: { AND: [{ id: groupId }, groupsSpokenForBy(actor)] }, select: { id: true, name: true } });
  if (!group) return null;
  const demand = await db.demand.findFirst({ where: { AND: [{ id: demandId }, demandsOpenToGroup(groupId)] }, include: DEMAND_INCLUDE });
  if (!demand || !(await groupCanSee(groupId, demand))) return null;
  const [offer, threads, invitation] = await Promise.all([
    db.offer.findUnique({ where: { demandId_groupId: { demandId: demand.id, groupId } } }),
    listThreads(demand.id, groupId),
    db.demandInvitation.findUnique({ where: { demandId_groupId: { demandId: demand.id, groupId } }, select: { note: true, createdAt: true } }),
  ]);
  return { group, demand, offer, thread: threads[0] ?? null, invitation };
}

/** The group's demand board (feed and offer history), for the group's side; null when the actor does not speak for it. */
export async function groupFeedPage(actor: Actor, groupId: string, now = new Date()) {
  const group = await db.group.findFirst({ where: { AND: [{ id: groupId }, groupsSpokenForBy(actor)] }, select: { id: true, name: true } });
  if (!group) return null;
  const [feed, history] = await Promise.all([demandFeed(groupId, now), groupOfferHistory(groupId)]);
  return { group, feed, history };
}

/**
 * A facilitator's board: per assigned, verified, active group, how many demands fit and how many it answered.
 * The same counts as `demandFeed` per group (fitting: category fit or invited; offered: the group made an
 * offer), read in three queries for all the groups instead of one feed (six queries) per group.
 */
export async function facilitatorDemandBoard(actor: Actor, now = new Date()) {
  if (actor.role !== "FACILITATOR") return [];
  const groups = await db.group.findMany({
    where: { facilitatorId: actor.actorId, verificationStatus: "VERIFIED", active: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true, dinasOfficeId: true, dinasOffice: { select: { timeZone: true } }, products: { where: { status: "ACTIVE" }, select: { categoryId: true } } },
  });
  if (groups.length === 0) return [];
  const groupIds = groups.map((g) => g.id);
  // a demand is open until its office's deadline day ends (decision 123): each office's today, per group
  const todayOf = new Map(groups.map((g) => [g.dinasOfficeId, officeToday(now, zoneOf(g.dinasOffice))]));
  const earliest = new Date(Math.min(...[...todayOf.values()].map((d) => d.getTime())));
  const demands = await db.demand.findMany({
    where: {
      status: { in: OFFERABLE_STATUSES },
      offerDeadline: { gte: earliest },
      partner: { dinasOfficeId: { in: [...new Set(groups.map((g) => g.dinasOfficeId))] } },
    },
    select: {
      status: true,
      allowSplit: true,
      categoryId: true,
      offerDeadline: true,
      partner: { select: { dinasOfficeId: true } },
      offers: { where: { groupId: { in: groupIds } }, select: { groupId: true } },
      invitations: { where: { groupId: { in: groupIds } }, select: { groupId: true } },
    },
  });
  const open = demands.filter((d) => !(d.status === "PARTLY_AWARDED" && !d.allowSplit) && d.offerDeadline >= todayOf.get(d.partner.dinasOfficeId)!);
  return groups.map((g) => {
    const categories = new Set(g.products.map((p) => p.categoryId));
    let fitting = 0;
    let offered = 0;
    for (const d of open) {
      if (d.partner.dinasOfficeId !== g.dinasOfficeId) continue;
      if (categories.has(d.categoryId) || d.invitations.some((i) => i.groupId === g.id)) fitting++;
      if (d.offers.some((o) => o.groupId === g.id)) offered++;
    }
    return { id: g.id, name: g.name, fitting, offered };
  });
}

/** Questions and answers on a demand, per group thread. `groupId` limits to one group's thread. */
export async function listThreads(demandId: string, groupId?: string) {
  const messages = await db.demandMessage.findMany({
    where: { demandId, ...(groupId ? { groupId } : {}) },
    orderBy: { createdAt: "asc" },
    select: { id: true, groupId: true, authorId: true, body: true, createdAt: true, group: { select: { name: true } } },
  });
  const authors = await db.user.findMany({
    where: { id: { in: [...new Set(messages.map((m) => m.authorId))] } },
    select: { id: true, name: true, role: true },
  });
  const byId = new Map(authors.map((a) => [a.id, a]));
  const threads = new Map<string, { groupId: string; groupName: string; messages: { id: string; body: string; createdAt: Date; authorName: string; authorRole: string }[] }>();
  for (const m of messages) {
    const thread = threads.get(m.groupId) ?? { groupId: m.groupId, groupName: m.group.name, messages: [] };
    const author = byId.get(m.authorId);
    thread.messages.push({ id: m.id, body: m.body, createdAt: m.createdAt, authorName: author?.name ?? "", authorRole: author?.role ?? "" });
    threads.set(m.groupId, thread);
  }
  return [...threads.values()];
}

/**
 * Open demands for a group: those that fit (category of one of its active products, then delivery
 * kecamatan it serves) first, then the rest by offer deadline.
 */
export async function demandFeed(groupId: string, now = new Date()) {
  const group = await db.group.findUnique({
    where: { id: groupId },
    select: {
      dinasOfficeId: true,
      dinasOffice: { select: { timeZone: true } },
      kecamatanId: true,
      products: { where: { status: "ACTIVE" }, select: { categoryId: true, deliveryAreas: { select: { kecamatanId: true } } } },
    },
  });
  if (!group) return [];
  const categories = new Set(group.products.map((p) => p.categoryId));
  const areas = new Set([group.kecamatanId, ...group.products.flatMap((p) => p.deliveryAreas.map((a) => a.kecamatanId))]);
  const demands = await db.demand.findMany({
    where: {
      status: { in: OFFERABLE_STATUSES },
      // the feed shows the partners of the group's office, so their demands' days are the group's office days
      offerDeadline: { gte: officeToday(now, zoneOf(group.dinasOffice)) },
      partner: { dinasOfficeId: group.dinasOfficeId },
    },
    select: {
      id: true,
      title: true,
      status: true,
      quantity: true,
      unit: true,
      frequency: true,
      daysOfWeek: true,
      offerDeadline: true,
      startDate: true,
      priceMin: true,
      priceMax: true,
      allowSplit: true,
      categoryId: true,
      deliveryKecamatanId: true,
      partner: { select: { displayName: true } },
      category: { select: { nameId: true, nameEn: true } },
      deliveryKecamatan: { select: { name: true } },
      offers: { where: { groupId }, select: { status: true } },
      invitations: { where: { groupId }, select: { id: true } },
    },
  });
  return demands
    .map((d) => ({
      ...d,
      categoryFit: categories.has(d.categoryId),
      areaFit: !!d.deliveryKecamatanId && areas.has(d.deliveryKecamatanId),
      invited: d.invitations.length > 0,
      myOfferStatus: d.offers[0]?.status ?? null,
    }))
    .filter((d) => !(d.status === "PARTLY_AWARDED" && !d.allowSplit))
    .sort(
      (a, b) =>
        Number(b.invited) - Number(a.invited) ||
        Number(b.categoryFit) - Number(a.categoryFit) ||
        Number(b.areaFit) - Number(a.areaFit) ||
        a.offerDeadline.getTime() - b.offerDeadline.getTime(),
    );
}

/** The group's own offers on demands that no longer take offers (awarded, closed…), newest first: results stay visible. */
export async function groupOfferHistory(groupId: string, take = 20) {
  return db.offer.findMany({
    where: { groupId, demand: { status: { notIn: OFFERABLE_STATUSES } } },
    orderBy: { updatedAt: "desc" },
    take,
    select: {
      id: true,
      status: true,
      acceptedQuantity: true,
      pricePerUnit: true,
      demand: { select: { id: true, title: true, status: true, partner: { select: { displayName: true } } } },
    },
  });
}

/** Whether a group may look at a demand: it is open, or the group already offered, asked or was invited. */
export async function groupCanSee(groupId: string, demand: { id: string; status: DemandStatus }) {
  if (OFFERABLE_STATUSES.includes(demand.status)) return true;
  const [offer, message, invitation] = await Promise.all([
    db.offer.findUnique({ where: { demandId_groupId: { demandId: demand.id, groupId } }, select: { id: true } }),
    db.demandMessage.findFirst({ where: { demandId: demand.id, groupId }, select: { id: true } }),
    db.demandInvitation.findUnique({ where: { demandId_groupId: { demandId: demand.id, groupId } }, select: { id: true } }),
  ]);
  return !!(offer || message || invitation);
}

// ─── Questions ───────────────────────────────────────────────────────────────

/**
 * Adds a message to a group's thread on a demand. `from` says who writes: the group (or its facilitator)
 * asks; the partner or Dinas answers. The other side is notified.
 */
export async function postMessage(actor: Actor, demandId: string, groupId: string, from: "group" | "partner" | "dinas", body: string) {
  return db.$transaction(async (tx) => {
    // who writes decides whose scope the demand and the thread are loaded through
    if (from === "group") await requireGroupSide(tx, actor, groupId);
    if (from === "dinas" && actor.role !== "DINAS" && actor.role !== "ADMIN") throw new DomainError("errors:forbidden");
    const scope = from === "partner" ? demandsOwnedBy(actor) : from === "dinas" ? demandsOverseenBy(actor) : demandsOpenToGroup(groupId);
    const demand = await tx.demand.findFirst({ where: { AND: [{ id: demandId }, scope] }, select: { id: true, title: true, status: true, partnerId: true } });
    if (!demand) throw new DomainError("errors:notFound");
    if (demand.status === "DRAFT" || demand.status === "CANCELLED" || demand.status === "CLOSED") {
      throw new DomainError("demands:errors.threadClosed", {}, "body");
    }
    const group = await tx.group.findUnique({ where: { id: groupId }, select: { name: true } });
    if (!group) throw new DomainError("errors:notFound");
    if (from !== "group") {
      const asked = await tx.demandMessage.findFirst({ where: { demandId, groupId }, select: { id: true } });
      const offered = await tx.offer.findUnique({ where: { demandId_groupId: { demandId, groupId } }, select: { id: true } });
      if (!asked && !offered) throw new DomainError("demands:errors.noThread");
    }
    const message = await tx.demandMessage.create({ data: { demandId, groupId, authorId: actor.actorId, body } });
    await recordAudit(tx, actor, { action: from === "group" ? "demand.ask" : "demand.answer", entityType: "Demand", entityId: demandId, after: { groupId, messageId: message.id } });
    const params = { title: demand.title, group: group.name };
    if (from === "group") {
      await notifyUsers(tx, await partnerUserIds(tx, demand.partnerId), { kind: "demands:notify.question", params, link: DEMAND_LINK.partner(demandId) });
    } else {
      await notifyUsers(tx, await groupUserIds(tx, groupId), { kind: "demands:notify.answer", params, link: DEMAND_LINK.group(groupId, demandId) });
    }
    return message;
  });
}

/** What came of a demand: the MoU drafts (recurring) and orders (one-off) created from its accepted offers. */
export async function demandResults(demandId: string) {
  const [mous, orders] = await Promise.all([
    db.mou.findMany({
      where: { demandId },
      orderBy: { createdAt: "asc" },
      select: { id: true, number: true, status: true, groups: { select: { group: { select: { name: true } } } } },
    }),
    db.order.findMany({
      where: { offer: { demandId } },
      orderBy: { createdAt: "asc" },
      select: { id: true, number: true, status: true, group: { select: { name: true } } },
    }),
  ]);
  return { mous, orders };
}
