import { recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/guard.server";
import type { SessionUser } from "~/auth/session.server";
import { db, type DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { MouStatus, MouVersionStatus } from "~/generated/prisma/enums";
import { dinasUserIds, notifyUsers } from "~/notifications/notify.server";
import { keysetPage } from "~/paging/keyset.server";
import { PAGE_SIZE, type KeySpec, type PageRequest } from "~/paging/page-params";
import { draftingOfficesOf, mousManagedBy, mousVisibleTo, mouScopeWhere } from "./access.server";
import { canonicalJson, contentHash } from "./canonical";
import type { MouContent } from "./content";
import { createMouRecord, dinasParty, groupParty, partnerParty, defaultPayment } from "./drafts.server";
import { mouMachine, mouVersionMachine, type MouEvent, type MouVersionEvent } from "./mou-machine";
import { MOU_STATUSES } from "./statuses";
import { issueSigningLink, resolveSigners } from "./signing.server";
import { mouPartyUserIds, openNewVersion, parseContent } from "./versions.server";

export { mouPartyUserIds, openNewVersion, parseContent };
import {
  addDays,
  addYears,
  DEFAULT_DISPUTE,
  DEFAULT_OBLIGATIONS,
  DEFAULT_QUALITY,
  DEFAULT_TERMINATION,
  defaultBackground,
  defaultCoaching,
  regionName,
} from "./templates";
import { dayKey, startOfDay } from "~/time/calendar";
import { mouTimeZone, zoneOf } from "~/time/office-zone.server";

/** The MoU list's key: by status, then the end of the period, then id (decision 121). */
export const MOU_LIST_KEY: KeySpec = [
  { path: "status", type: "string", direction: "asc", values: MOU_STATUSES },
  { path: "endDate", type: "date", direction: "asc" },
  { path: "id", type: "string", direction: "asc" },
];

/**
 * One page of the MoUs the user may see (a party's own, Dinas its office's, admins all), optionally of one
 * status, paged by key: the scope and the cursor are in one WHERE, so a cursor from another list shows
 * nothing beyond this user's MoUs.
 */
export async function listMous(user: SessionUser, filter: { status?: MouStatus } = {}, request: PageRequest = {}, take = PAGE_SIZE) {
  const page = await keysetPage(
    MOU_LIST_KEY,
    request,
    ({ where, orderBy, take }) =>
      db.mou.findMany({
        where: { AND: [mouScopeWhere(user), filter.status ? { status: filter.status } : {}, where] },
        orderBy,
        take,
        select: {
          id: true,
          number: true,
          status: true,
          startDate: true,
          endDate: true,
          partner: { select: { displayName: true } },
          demand: { select: { title: true } },
          groups: { select: { group: { select: { name: true } } } },
          versions: { orderBy: { versionNumber: "desc" }, take: 1, select: { versionNumber: true, status: true } },
          dinasOffice: { select: { timeZone: true } },
        },
      }),
    (m) => [m.status, m.endDate, m.id],
    take,
  );
  // each row carries its office's zone (decision 123)
  return { ...page, rows: page.rows.map(({ dinasOffice, ...m }) => ({ ...m, zone: zoneOf(dinasOffice) })) };
}

/** The MoU page's record, if the actor may see it (a party, Dinas of its office, an admin); null otherwise. */
export async function getMou(actor: Actor, mouId: string) {
  const mou = await db.mou.findFirst({
    where: { AND: [{ id: mouId }, mousVisibleTo(actor)] },
    include: {
      partner: { select: { id: true, displayName: true, slug: true } },
      dinasOffice: { select: { id: true, name: true, city: true, regulation: true } },
      groups: { select: { group: { select: { id: true, name: true, slug: true, facilitatorId: true } } } },
      versions: { orderBy: { versionNumber: "desc" }, include: { signers: { orderBy: { order: "asc" } } } },
    },
  });
  if (!mou) return null;
  const renewal = await db.mou.findFirst({ where: { renewedFromId: mou.id }, select: { id: true, number: true, status: true } });
  return { ...mou, renewal };
}

/** The MoU to change, loaded through the actor's management scope (Dinas of its office, admins). */
async function loadForChange(tx: DbClient, actor: Actor, mouId: string) {
  const mou = await tx.mou.findFirst({
    where: { AND: [{ id: mouId }, mousManagedBy(actor)] },
    select: { id: true, number: true, status: true, activeVersionId: true, currentVersionId: true, partnerId: true, dinasOfficeId: true },
  });
  if (!mou) throw new DomainError("errors:notFound");
  const version = mou.currentVersionId
    ? await tx.mouVersion.findUnique({ where: { id: mou.currentVersionId }, select: { id: true, status: true, versionNumber: true, content: true, contentHash: true } })
    : null;
  if (!version) throw new DomainError("errors:notFound");
  return { mou, version };
}

/** Guarded MoU status change: a concurrent request that changed it first makes this one fail. */
async function setMouStatus(tx: DbClient, mouId: string, from: MouStatus, to: MouStatus, extra: Record<string, unknown> = {}) {
  const updated = await tx.mou.updateMany({ where: { id: mouId, status: from }, data: { status: to, ...extra } });
  if (updated.count !== 1) throw new DomainError("errors:staleState");
}

async function setVersionStatus(tx: DbClient, versionId: string, from: MouVersionStatus, to: MouVersionStatus, extra: Record<string, unknown> = {}) {
  const updated = await tx.mouVersion.updateMany({ where: { id: versionId, status: from }, data: { status: to, ...extra } });
  if (updated.count !== 1) throw new DomainError("errors:staleState");
}

/**
 * Moves the current version by `versionEvent`; the MoU itself moves by `mouEvent` unless an active
 * version is in force (an amendment in progress keeps the MoU ACTIVE under its signed version).
 */
async function advance(
  tx: DbClient,
  actor: Actor,
  mouId: string,
  versionEvent: MouVersionEvent,
  mouEvent: MouEvent,
  reason?: string | null,
) {
  const { mou, version } = await loadForChange(tx, actor, mouId);
  const nextVersion = mouVersionMachine.apply(version.status, versionEvent, reason);
  await setVersionStatus(tx, version.id, version.status, nextVersion);
  let nextMou = mou.status;
  if (!mou.activeVersionId) {
    nextMou = mouMachine.apply(mou.status, mouEvent, reason);
    await setMouStatus(tx, mou.id, mou.status, nextMou);
  } else if (mou.status !== "ACTIVE") {
    throw new DomainError(mouMachine.refusalKey, { machine: "mou", event: mouEvent, from: mou.status });
  }
  return { mou, version, nextMou, nextVersion };
}

// ─── Drafting ────────────────────────────────────────────────────────────────

/** A new MoU drafted by Dinas from scratch: partner, groups and period; the rest from the template. */
export async function createMouFromScratch(
  actor: Actor,
  input: { dinasOfficeId: string; partnerId: string; groupIds: string[]; startDate: string; endDate: string },
) {
  if (input.endDate <= input.startDate) throw new DomainError("mou:errors.endBeforeStart", {}, "endDate");
  return db.$transaction(async (tx) => {
    // the office must be one the actor may draft in (its own; any for an admin)
    const draftingOffice = await tx.dinasOffice.findFirst({ where: { AND: [{ id: input.dinasOfficeId }, draftingOfficesOf(actor)] }, select: { id: true } });
    if (!draftingOffice) throw new DomainError("errors:notFound");
    const partnerRow = await tx.partner.findUnique({ where: { id: input.partnerId }, select: { sector: true, dinasOfficeId: true, verificationStatus: true } });
    if (!partnerRow || partnerRow.dinasOfficeId !== input.dinasOfficeId) throw new DomainError("errors:notFound", {}, "partnerId");
    if (partnerRow.verificationStatus !== "VERIFIED") throw new DomainError("errors:notVerified", {}, "partnerId");
    const partner = await partnerParty(tx, input.partnerId);
    const groups = [];
    for (const groupId of [...new Set(input.groupIds)]) {
      const g = await tx.group.findUnique({ where: { id: groupId }, select: { dinasOfficeId: true, verificationStatus: true } });
      if (!g || g.dinasOfficeId !== input.dinasOfficeId) throw new DomainError("errors:notFound", {}, "groupIds");
      if (g.verificationStatus !== "VERIFIED") throw new DomainError("errors:notVerified", {}, "groupIds");
      groups.push(await groupParty(tx, groupId));
    }
    if (groups.length === 0) throw new DomainError("validation:required", {}, "groupIds");
    const { office, party: dinas } = await dinasParty(tx, input.dinasOfficeId);
    const content: MouContent = {
      title: `Nota Kesepahaman Kemitraan ${partner.displayName} dan ${groups.map((g) => g.name).join(", ")}`,
      parties: { partner, groups, dinas },
      background: defaultBackground(office.regulation, regionName(office)),
      scope: { items: [], deliveryDays: [], deliveryAddress: partner.address, qualityStandards: DEFAULT_QUALITY },
      obligations: { partner: [...DEFAULT_OBLIGATIONS.partner], group: [...DEFAULT_OBLIGATIONS.group] },
      coaching: defaultCoaching(input.startDate),
      payment: defaultPayment(partnerRow.sector),
      period: { startDate: input.startDate, endDate: input.endDate },
      termination: DEFAULT_TERMINATION,
      dispute: DEFAULT_DISPUTE,
    };
    const mou = await createMouRecord(tx, actor, { partnerId: input.partnerId, dinasOfficeId: office.id, city: office.city, content });
    await notifyUsers(tx, await mouPartyUserIds(tx, mou.id), { kind: "mou:notify.draftCreated", params: { partner: partner.displayName, group: groups.map((g) => g.name).join(", ") }, link: `/mou/${mou.id}` });
    return mou;
  });
}

/** Saves new content into the current DRAFT version (never into one that is in review, out for signature or signed). */
export async function updateDraftContent(actor: Actor, mouId: string, content: MouContent, now = new Date()) {
  if (content.period.endDate <= content.period.startDate) throw new DomainError("mou:errors.endBeforeStart", {}, "endDate");
  return db.$transaction(async (tx) => {
    const { mou, version } = await loadForChange(tx, actor, mouId);
    if (version.status !== "DRAFT") throw new DomainError("mou:errors.notEditable");
    await refusePastCoachingStarts(tx, mou.activeVersionId, content, now, await mouTimeZone(tx, mou.id));
    // A linked catalogue product must be one of that group's own products.
    for (const item of content.scope.items) {
      if (!item.productId) continue;
      const product = await tx.product.findFirst({ where: { id: item.productId, groupId: item.groupId }, select: { id: true } });
      if (!product) throw new DomainError("mou:errors.productNotOfGroup");
    }
    const before = parseContent(version.content);
    const changed = (Object.keys(content) as (keyof MouContent)[]).filter((k) => canonicalJson(before[k]) !== canonicalJson(content[k]));
    if (changed.length === 0) return { changed };
    const hash = contentHash(content);
    const updated = await tx.mouVersion.updateMany({ where: { id: version.id, status: "DRAFT", contentHash: version.contentHash }, data: { content: canonicalJson(content), contentHash: hash } });
    if (updated.count !== 1) throw new DomainError("errors:staleState");
    if (!mou.activeVersionId) {
      const zone = await mouTimeZone(tx, mou.id);
      await tx.mou.update({ where: { id: mou.id }, data: { startDate: startOfDay(content.period.startDate, zone), endDate: startOfDay(content.period.endDate, zone) } });
      const groupIds = [...new Set(content.parties.groups.map((g) => g.id))];
      await tx.mouGroup.deleteMany({ where: { mouId: mou.id, groupId: { notIn: groupIds } } });
      for (const groupId of groupIds) await tx.mouGroup.upsert({ where: { mouId_groupId: { mouId: mou.id, groupId } }, create: { mouId: mou.id, groupId }, update: {} });
    }
    await recordAudit(tx, actor, {
      action: "mou.edited",
      entityType: "Mou",
      entityId: mou.id,
      before: { versionNumber: version.versionNumber, contentHash: version.contentHash },
      after: { versionNumber: version.versionNumber, contentHash: hash, changed },
    });
    return { changed };
  });
}

/**
 * A coaching commitment cannot start in the past: its first session would be missed the day the MoU is
 * signed. In an amendment, a commitment carried over unchanged from the version in force keeps its date.
 */
async function refusePastCoachingStarts(tx: DbClient, activeVersionId: string | null, content: MouContent, now: Date, zone: string) {
  const today = dayKey(now, zone); // today in the MoU's office
  let inForce: MouContent["coaching"] = [];
  if (activeVersionId) {
    const active = await tx.mouVersion.findUnique({ where: { id: activeVersionId }, select: { content: true } });
    if (active) inForce = parseContent(active.content).coaching;
  }
  content.coaching.forEach((commitment, i) => {
    if (!commitment.firstDueDate || commitment.firstDueDate >= today) return;
    if (inForce.some((c) => c.topic === commitment.topic && c.firstDueDate === commitment.firstDueDate)) return;
    throw new DomainError("mou:errors.coachingStartsInPast", { date: commitment.firstDueDate.split("-").reverse().join("/") }, `coaching${i}FirstDueDate`);
  });
}

// ─── Review and sending ──────────────────────────────────────────────────────

export async function submitForReview(actor: Actor, mouId: string) {
  return db.$transaction(async (tx) => {
    const { mou, version } = await advance(tx, actor, mouId, "submit", "submit");
    await recordAudit(tx, actor, { action: "mou.submitted", entityType: "Mou", entityId: mou.id, after: { versionNumber: version.versionNumber, contentHash: version.contentHash } });
    await notifyUsers(tx, await dinasUserIds(tx, mou.dinasOfficeId), { kind: "mou:notify.inReview", params: { number: mou.number }, link: `/mou/${mou.id}` });
  });
}

export async function returnToDraft(actor: Actor, mouId: string, reason: string) {
  return db.$transaction(async (tx) => {
    const { mou, version } = await advance(tx, actor, mouId, "returnToDraft", "returnToDraft", reason);
    await recordAudit(tx, actor, { action: "mou.returned", entityType: "Mou", entityId: mou.id, after: { versionNumber: version.versionNumber }, reason });
  });
}

/** Dinas approves the text: signers are fixed (group chair(s) → partner → Dinas) and the first one is asked to sign. */
export async function sendForSignature(actor: Actor, mouId: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const { mou, version } = await advance(tx, actor, mouId, "sendForSignature", "sendForSignature");
    const content = parseContent(version.content);
    if (contentHash(content) !== version.contentHash) throw new DomainError("mou:errors.integrity");
    const signers = await resolveSigners(tx, mou.partnerId, mou.dinasOfficeId, content);
    await tx.mouSigner.deleteMany({ where: { versionId: version.id } });
    // created WAITING (the signer machine's initial state, the schema default); listed field by field so
    // tests/unit/status-writes.test.ts can see that no status is written here
    for (const s of signers) {
      await tx.mouSigner.create({ data: { versionId: version.id, order: s.order, party: s.party, groupId: s.groupId, partnerId: s.partnerId, userId: s.userId, name: s.name, title: s.title, email: s.email } });
    }
    const first = await tx.mouSigner.findFirstOrThrow({ where: { versionId: version.id }, orderBy: { order: "asc" } });
    await recordAudit(tx, actor, {
      action: "mou.sent",
      entityType: "Mou",
      entityId: mou.id,
      after: { versionNumber: version.versionNumber, contentHash: version.contentHash, signers: signers.map((s) => `${s.order}. ${s.name} (${s.party})`) },
    });
    const token = await issueSigningLink(tx, first.id, now, false, actor);
    return { firstSignerId: first.id, token };
  });
}

/**
 * Dinas withdraws a version that is out for signature (e.g. the text must change): signatures given so
 * far are void and a new draft version is opened with the same text.
 */
export async function withdrawFromSignature(actor: Actor, mouId: string, reason: string) {
  return db.$transaction(async (tx) => {
    const { mou, version } = await advance(tx, actor, mouId, "decline", "decline", reason);
    await tx.mouSigner.updateMany({ where: { versionId: version.id, tokenUsedAt: null }, data: { tokenUsedAt: new Date() } });
    const next = await openNewVersion(tx, actor, mou.id, version.content, reason);
    await recordAudit(tx, actor, { action: "mou.withdrawn", entityType: "Mou", entityId: mou.id, after: { voidedVersion: version.versionNumber, newVersion: next.versionNumber }, reason });
    await notifyUsers(tx, await mouPartyUserIds(tx, mou.id), { kind: "mou:notify.withdrawn", params: { number: mou.number, reason }, link: `/mou/${mou.id}` });
  });
}

// ─── Amendments, termination, expiry, renewal ───────────────────────────────

/** An amendment of an active MoU: a new draft version (copy of the signed text) that goes through review and signature again. */
export async function startAmendment(actor: Actor, mouId: string, summary: string) {
  if (!summary.trim()) throw new DomainError("errors:reasonRequired", {}, "summary");
  return db.$transaction(async (tx) => {
    const mou = await tx.mou.findFirst({ where: { AND: [{ id: mouId }, mousManagedBy(actor)] }, select: { id: true, number: true, status: true, activeVersionId: true, currentVersionId: true } });
    if (!mou) throw new DomainError("errors:notFound");
    mouMachine.apply(mou.status, "amend");
    if (!mou.activeVersionId || mou.currentVersionId !== mou.activeVersionId) throw new DomainError("mou:errors.amendmentOpen");
    const active = await tx.mouVersion.findUniqueOrThrow({ where: { id: mou.activeVersionId }, select: { content: true, versionNumber: true } });
    const version = await openNewVersion(tx, actor, mou.id, active.content, summary);
    await recordAudit(tx, actor, { action: "mou.amended", entityType: "Mou", entityId: mou.id, after: { fromVersion: active.versionNumber, newVersion: version.versionNumber }, reason: summary });
    await notifyUsers(tx, await mouPartyUserIds(tx, mou.id), { kind: "mou:notify.amended", params: { number: mou.number }, link: `/mou/${mou.id}` });
    return version;
  });
}

/**
 * The second look before ending an MoU (decision 115 pattern, decision 127): what ending it does, with the same
 * scoped lookup and the same machine rule (a reason is required; an ended MoU cannot end again) as terminateMou,
 * and nothing written.
 */
export async function previewTermination(actor: Actor, mouId: string, reason: string, now = new Date()) {
  const mou = await db.mou.findFirst({
    where: { AND: [{ id: mouId }, mousManagedBy(actor)] },
    select: { id: true, number: true, status: true, endDate: true, currentVersionId: true, activeVersionId: true, partner: { select: { displayName: true } }, groups: { select: { group: { select: { name: true } } } } },
  });
  if (!mou) throw new DomainError("errors:notFound");
  mouMachine.apply(mou.status, "terminate", reason);
  const [openOrders, told] = await Promise.all([
    db.order.count({ where: { mouId: mou.id, status: { in: ["PLACED", "ACCEPTED", "IN_PRODUCTION"] }, deliveryDate: { gte: now } } }),
    mouPartyUserIds(db, mou.id),
  ]);
  return {
    mouId: mou.id,
    number: mou.number,
    status: mou.status,
    endDate: mou.endDate,
    partner: mou.partner.displayName,
    groups: mou.groups.map((g) => g.group.name),
    reason: reason.trim(),
    /** a version still waiting for signatures is closed and its signing links stop working */
    closesPendingVersion: !!mou.currentVersionId && mou.currentVersionId !== mou.activeVersionId,
    /** orders already made under the MoU that are still to be delivered: they stay (each side can cancel them) */
    openOrders,
    accountsTold: told.length,
  };
}

export async function terminateMou(actor: Actor, mouId: string, reason: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const mou = await tx.mou.findFirst({ where: { AND: [{ id: mouId }, mousManagedBy(actor)] }, select: { id: true, number: true, status: true, currentVersionId: true, activeVersionId: true } });
    if (!mou) throw new DomainError("errors:notFound");
    const next = mouMachine.apply(mou.status, "terminate", reason);
    await setMouStatus(tx, mou.id, mou.status, next, { terminationReason: reason.trim() });
    // A pending (unsigned) version is closed; the signed one stays as the record.
    if (mou.currentVersionId && mou.currentVersionId !== mou.activeVersionId) {
      await tx.mouVersion.updateMany({ where: { id: mou.currentVersionId, status: { in: ["DRAFT", "IN_REVIEW", "OUT_FOR_SIGNATURE"] } }, data: { status: "SUPERSEDED" } });
      await tx.mouSigner.updateMany({ where: { versionId: mou.currentVersionId, tokenUsedAt: null }, data: { tokenUsedAt: now } });
    }
    await recordAudit(tx, actor, { action: "mou.terminated", entityType: "Mou", entityId: mou.id, before: { status: mou.status }, after: { status: next }, reason });
    await notifyUsers(tx, await mouPartyUserIds(tx, mou.id), { kind: "mou:notify.terminated", params: { number: mou.number, reason }, link: `/mou/${mou.id}` });
  });
}

/** Job: active MoUs past their end date become EXPIRED. */
export async function expireMous(now: Date): Promise<number> {
  // candidates: the end day has begun somewhere; the exact rule per MoU in its office's zone (decision 104)
  const due = await db.mou.findMany({ where: { status: "ACTIVE", endDate: { lt: now } }, select: { id: true, number: true, endDate: true, dinasOffice: { select: { timeZone: true } } } });
  let count = 0;
  for (const mou of due) {
    // the end date is the last day in force: expire from the day after, in the office's calendar
    const zone = zoneOf(mou.dinasOffice);
    if (dayKey(mou.endDate, zone) >= dayKey(now, zone)) continue;
    await db.$transaction(async (tx) => {
      const updated = await tx.mou.updateMany({ where: { id: mou.id, status: "ACTIVE" }, data: { status: mouMachine.apply("ACTIVE", "expire") } });
      if (updated.count !== 1) return;
      count++;
      await recordAudit(tx, null, { action: "mou.expired", entityType: "Mou", entityId: mou.id, before: { status: "ACTIVE" }, after: { status: "EXPIRED" } });
      await notifyUsers(tx, await mouPartyUserIds(tx, mou.id), { kind: "mou:notify.expired", params: { number: mou.number }, link: `/mou/${mou.id}` });
    });
  }
  return count;
}

/** Job: 30 days before the end, every party is told once; Dinas can then start a renewal. */
export async function notifyExpiringMous(now: Date): Promise<number> {
  const limit = new Date(now.getTime() + 30 * 24 * 3600_000);
  const due = await db.mou.findMany({
    where: { status: "ACTIVE", expiryNoticeSentAt: null, endDate: { lte: limit } },
    select: { id: true, number: true, endDate: true, dinasOffice: { select: { timeZone: true } } },
  });
  let count = 0;
  for (const mou of due) {
    const zone = zoneOf(mou.dinasOffice);
    await db.$transaction(async (tx) => {
      const updated = await tx.mou.updateMany({ where: { id: mou.id, expiryNoticeSentAt: null }, data: { expiryNoticeSentAt: now } });
      if (updated.count !== 1) return;
      count++;
      await recordAudit(tx, null, { action: "mou.expiryNotice", entityType: "Mou", entityId: mou.id, after: { endDate: dayKey(mou.endDate, zone) } });
      await notifyUsers(tx, await mouPartyUserIds(tx, mou.id), { kind: "mou:notify.expiring", params: { number: mou.number, date: dayKey(mou.endDate, zone).split("-").reverse().join("/") }, link: `/mou/${mou.id}` });
    });
  }
  return count;
}

/** Dinas starts a renewal: a new MoU (draft) pre-filled from the in-force text, for the following period. */
export async function startRenewal(actor: Actor, mouId: string) {
  return db.$transaction(async (tx) => {
    const old = await tx.mou.findFirst({
      where: { AND: [{ id: mouId }, mousManagedBy(actor)] },
      select: { id: true, number: true, status: true, partnerId: true, dinasOfficeId: true, demandId: true, activeVersionId: true, dinasOffice: { select: { city: true } } },
    });
    if (!old) throw new DomainError("errors:notFound");
    if (!["ACTIVE", "EXPIRED"].includes(old.status) || !old.activeVersionId) throw new DomainError("mou:errors.notRenewable");
    const existing = await tx.mou.findFirst({ where: { renewedFromId: old.id, status: { not: "TERMINATED" } }, select: { id: true } });
    if (existing) throw new DomainError("mou:errors.renewalExists");
    const active = await tx.mouVersion.findUniqueOrThrow({ where: { id: old.activeVersionId }, select: { content: true } });
    const previous = parseContent(active.content);
    const startDate = addDays(previous.period.endDate, 1);
    const endDate = addDays(addYears(startDate, 1), -1);
    const shift = (day: string) => addDays(day, Math.round((Date.parse(startDate) - Date.parse(previous.period.startDate)) / 86_400_000));
    const content: MouContent = {
      ...previous,
      parties: {
        partner: await partnerParty(tx, old.partnerId).catch(() => previous.parties.partner),
        groups: previous.parties.groups,
        dinas: (await dinasParty(tx, old.dinasOfficeId)).party,
      },
      coaching: previous.coaching.map((c) => ({ ...c, firstDueDate: shift(c.firstDueDate) })),
      period: { startDate, endDate },
    };
    const mou = await createMouRecord(tx, actor, { partnerId: old.partnerId, dinasOfficeId: old.dinasOfficeId, city: old.dinasOffice.city, demandId: old.demandId, renewedFromId: old.id, content });
    await recordAudit(tx, actor, { action: "mou.renewalStarted", entityType: "Mou", entityId: old.id, after: { renewalId: mou.id } });
    return mou;
  });
}

export { mouMachine, mouVersionMachine };
