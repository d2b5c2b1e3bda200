import type { Actor } from "~/auth/guard.server";
import { recordAudit } from "~/audit/audit.server";
import { db, type DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { CoachingFileKind, CoachingSessionStatus } from "~/generated/prisma/enums";
import { formatDate, formatDateTime } from "~/i18n/format";
import { dinasUserIds, groupUserIds, notifyUsers, partnerUserIds } from "~/notifications/notify.server";
import { CONFIRMATION_WINDOW_DAYS, coachingMachine, PLANNED_STATUSES, type CoachingEvent } from "./coaching-machine";
import { addDays } from "./dates";
import type { SavedFile } from "./uploads.server";
import { endOfDay, sameWallTimeIn, startOfDayAt } from "~/time/calendar";
import type { Prisma } from "~/generated/prisma/client";
import { keysetPage } from "~/paging/keyset.server";
import { PAGE_SIZE, type KeySpec, type PageRequest } from "~/paging/page-params";
import { groupTimeZone, officesByZone, zoneOf } from "~/time/office-zone.server";

/** Who acts: the partner side (its own sessions) or the group side (chair, or facilitator in assisted mode). */
export type CoachingSide = { side: "partner"; partnerId: string } | { side: "group"; groupId: string };

export type ScheduleInput = {
  scheduledAt: Date;
  place?: string | null;
  onlineLink?: string | null;
  trainer: string;
  topic: string;
  reason?: string | null;
};

export type ConfirmInput = { attendeeIds: string[]; rating: number; comment?: string | null };

const sessionLink = (id: string) => `/coaching/${id}`;

async function loadSession(client: DbClient, sessionId: string) {
  const session = await client.coachingSession.findUnique({
    where: { id: sessionId },
    include: {
      group: { select: { id: true, name: true, facilitatorId: true, dinasOfficeId: true } },
      partner: { select: { id: true, displayName: true } },
    },
  });
  if (!session) throw new DomainError("errors:notFound");
  return session;
}

type LoadedSession = Awaited<ReturnType<typeof loadSession>>;

function requireSide(session: LoadedSession, by: CoachingSide, needed: "partner" | "group") {
  if (by.side !== needed) throw new DomainError(needed === "partner" ? "coaching:errors.onlyPartner" : "coaching:errors.onlyGroup");
  if (by.side === "partner" && by.partnerId !== session.partnerId) throw new DomainError("errors:forbidden");
  if (by.side === "group" && by.groupId !== session.groupId) throw new DomainError("errors:forbidden");
}

/** Guarded status change: a concurrent change of the same session cannot both succeed. */
async function guardedUpdate(
  tx: DbClient,
  session: { id: string; status: CoachingSessionStatus },
  event: CoachingEvent,
  reason: string | null | undefined,
  data: Record<string, unknown>,
) {
  const next = coachingMachine.apply(session.status, event, reason);
  const updated = await tx.coachingSession.updateMany({ where: { id: session.id, status: session.status }, data: { ...data, status: next } });
  if (updated.count !== 1) throw new DomainError("errors:staleState");
  return next;
}

function validatePlan(input: ScheduleInput, now: Date) {
  if (Number.isNaN(input.scheduledAt.getTime())) throw new DomainError("validation:invalidDate", {}, "scheduledAt");
  if (input.scheduledAt.getTime() <= now.getTime()) throw new DomainError("coaching:errors.dateInPast", {}, "scheduledAt");
  if (!input.place?.trim() && !input.onlineLink?.trim()) throw new DomainError("coaching:errors.placeOrLink", {}, "place");
}

async function addFiles(tx: DbClient, sessionId: string, kind: CoachingFileKind, files: SavedFile[], uploadedById: string) {
  for (const f of files) {
    await tx.coachingFile.create({ data: { sessionId, kind, fileKey: f.fileKey, fileName: f.fileName, uploadedById } });
  }
}

/** The partner schedules a due session (date and time in the future, place or online link, trainer, topic, materials). */
export async function scheduleSession(actor: Actor, by: CoachingSide, sessionId: string, form: ScheduleInput, materials: SavedFile[] = [], now = new Date()) {
  if (Number.isNaN(form.scheduledAt.getTime())) throw new DomainError("validation:invalidDate", {}, "scheduledAt");
  return db.$transaction(async (tx) => {
    const session = await loadSession(tx, sessionId);
    // the form's date and time (read in WIB) are wall-clock time of the group's office (decision 123)
    const input = { ...form, scheduledAt: sameWallTimeIn(form.scheduledAt, await groupTimeZone(tx, session.groupId)) };
    validatePlan(input, now);
    requireSide(session, by, "partner");
    const event: CoachingEvent = session.status === "DUE" ? "schedule" : "reschedule";
    const data = {
      scheduledAt: input.scheduledAt,
      place: input.place?.trim() || null,
      onlineLink: input.onlineLink?.trim() || null,
      trainer: input.trainer.trim(),
      topic: input.topic.trim(),
      dayBeforeReminderAt: null,
    };
    const next = await guardedUpdate(tx, session, event, input.reason, data);
    await addFiles(tx, session.id, "MATERIAL", materials, actor.actorId);
    await recordAudit(tx, actor, {
      action: `coaching.${event}`,
      entityType: "CoachingSession",
      entityId: session.id,
      before: { status: session.status, scheduledAt: session.scheduledAt, place: session.place, onlineLink: session.onlineLink, trainer: session.trainer, topic: session.topic },
      after: { status: next, ...data, dayBeforeReminderAt: undefined, materials: materials.map((m) => m.fileName) },
      reason: input.reason ?? null,
    });
    await notifyUsers(tx, await groupUserIds(tx, session.groupId, true), {
      kind: event === "schedule" ? "coaching:notify.scheduled" : "coaching:notify.rescheduled",
      params: { partner: session.partner.displayName, topic: data.topic, date: formatDateTime(input.scheduledAt, await groupTimeZone(tx, session.groupId)), place: data.place ?? data.onlineLink ?? "" },
      link: sessionLink(session.id),
    });
    return next;
  });
}

/** The partner cancels a session that has not happened, with a reason; the group side is told. */
export async function cancelSession(actor: Actor, by: CoachingSide, sessionId: string, reason: string) {
  return db.$transaction(async (tx) => {
    const session = await loadSession(tx, sessionId);
    requireSide(session, by, "partner");
    const next = await guardedUpdate(tx, session, "cancel", reason, { cancelReason: reason?.trim() || null });
    await recordAudit(tx, actor, {
      action: "coaching.cancel",
      entityType: "CoachingSession",
      entityId: session.id,
      before: { status: session.status },
      after: { status: next },
      reason,
    });
    await notifyUsers(tx, await groupUserIds(tx, session.groupId, true), {
      kind: "coaching:notify.cancelled",
      params: { partner: session.partner.displayName, topic: session.topic, reason },
      link: sessionLink(session.id),
    });
    return next;
  });
}

/**
 * The group side (chair, or the facilitator in assisted mode) confirms that a session took place, with the
 * members who came and a rating. Only then does the session count as delivered.
 */
export async function confirmSession(actor: Actor, by: CoachingSide, sessionId: string, input: ConfirmInput, now = new Date()) {
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw new DomainError("coaching:errors.rating", {}, "rating");
  const attendeeIds = [...new Set(input.attendeeIds)];
  if (attendeeIds.length === 0) throw new DomainError("coaching:errors.noAttendees", {}, "attendeeIds");
  return db.$transaction(async (tx) => {
    const session = await loadSession(tx, sessionId);
    requireSide(session, by, "group");
    if (PLANNED_STATUSES.includes(session.status) && session.scheduledAt && session.scheduledAt.getTime() > now.getTime()) {
      throw new DomainError("coaching:errors.notYetHeld");
    }
    const members = await tx.groupMember.findMany({ where: { id: { in: attendeeIds }, groupId: session.groupId, leftAt: null }, select: { id: true } });
    if (members.length !== attendeeIds.length) throw new DomainError("coaching:errors.notMembers", {}, "attendeeIds");
    const comment = input.comment?.trim() || null;
    const next = await guardedUpdate(tx, session, "confirm", null, {
      confirmedById: actor.actorId,
      confirmedAt: now,
      rating: input.rating,
      comment,
    });
    for (const memberId of attendeeIds) await tx.coachingAttendance.create({ data: { sessionId: session.id, memberId } });
    await recordAudit(tx, actor, {
      action: "coaching.confirm",
      entityType: "CoachingSession",
      entityId: session.id,
      before: { status: session.status },
      after: { status: next, rating: input.rating, comment, attendees: attendeeIds.length },
    });
    await notifyUsers(tx, await partnerUserIds(tx, session.partnerId), {
      kind: "coaching:notify.confirmed",
      params: { group: session.group.name, topic: session.topic, rating: input.rating, attendees: attendeeIds.length },
      link: sessionLink(session.id),
    });
    return next;
  });
}

/** The partner attaches photos or a report (or more materials) to a session that is planned or delivered. */
export async function attachSessionFiles(actor: Actor, by: CoachingSide, sessionId: string, kind: CoachingFileKind, files: SavedFile[]) {
  if (files.length === 0) throw new DomainError("coaching:errors.noFile", {}, "files");
  return db.$transaction(async (tx) => {
    const session = await loadSession(tx, sessionId);
    requireSide(session, by, "partner");
    if (session.status === "CANCELLED" || session.status === "MISSED" || session.status === "DUE") {
      throw new DomainError("coaching:errors.filesNotNow");
    }
    await addFiles(tx, session.id, kind, files, actor.actorId);
    await recordAudit(tx, actor, {
      action: "coaching.attach",
      entityType: "CoachingSession",
      entityId: session.id,
      after: { kind, files: files.map((f) => f.fileName) },
    });
  });
}

// ─── Jobs (functions of `now`) ───────────────────────────────────────────────

/** When an open session counts as missed: the end of its due day (unscheduled), or the confirmation window after its date. */
export function missedDeadline(session: { status: CoachingSessionStatus; dueDate: Date; scheduledAt: Date | null }, zone: string): Date {
  if (session.status === "DUE" || !session.scheduledAt) return endOfDay(session.dueDate, zone);
  const latest = session.scheduledAt.getTime() > session.dueDate.getTime() ? session.scheduledAt : session.dueDate;
  return addDays(endOfDay(latest, zone), CONFIRMATION_WINDOW_DAYS);
}

/** Job: sessions past due and not delivered become MISSED; partner, group, facilitator and Dinas are told. */
export async function markMissedSessions(now: Date): Promise<number> {
  // Narrow in SQL (due day over / confirmation window over), then apply the exact rule per row.
  const windowStart = addDays(now, -CONFIRMATION_WINDOW_DAYS);
  const candidates = await db.coachingSession.findMany({
    where: {
      OR: [
        { status: "DUE", dueDate: { lt: now } },
        { status: { in: PLANNED_STATUSES }, dueDate: { lt: windowStart }, scheduledAt: { lt: windowStart } },
      ],
    },
    orderBy: { dueDate: "asc" },
    select: { id: true, status: true, dueDate: true, scheduledAt: true, group: { select: { dinasOffice: { select: { timeZone: true } } } } },
    take: 500,
  });
  let count = 0;
  for (const c of candidates) {
    // the due day ends at midnight in the group's office zone (WIB, WITA or WIT), decision 104
    if (missedDeadline(c, zoneOf(c.group.dinasOffice)).getTime() > now.getTime()) continue;
    const done = await db.$transaction(async (tx) => {
      const session = await loadSession(tx, c.id);
      if (!coachingMachine.can(session.status, "miss")) return false;
      const updated = await tx.coachingSession.updateMany({ where: { id: session.id, status: session.status }, data: { status: "MISSED" } });
      if (updated.count !== 1) return false;
      await recordAudit(tx, null, {
        action: "coaching.miss",
        entityType: "CoachingSession",
        entityId: session.id,
        before: { status: session.status },
        after: { status: "MISSED" },
      });
      const recipients = [
        ...(await partnerUserIds(tx, session.partnerId)),
        ...(await groupUserIds(tx, session.groupId, true)),
        ...(await dinasUserIds(tx, session.group.dinasOfficeId)),
      ];
      await notifyUsers(tx, recipients, {
        kind: "coaching:notify.missed",
        params: { partner: session.partner.displayName, group: session.group.name, topic: session.topic, date: formatDate(session.dueDate, await groupTimeZone(tx, session.groupId)) },
        link: sessionLink(session.id),
      });
      return true;
    });
    if (done) count++;
  }
  return count;
}

/** Job: 7 days before a due session nobody scheduled (to the partner), and the day before a scheduled one (both sides). */
export async function sendCoachingReminders(now: Date): Promise<{ due: number; dayBefore: number }> {
  const dueSoon = await db.coachingSession.findMany({
    where: { status: "DUE", dueReminderAt: null, dueDate: { gt: now, lte: addDays(now, 7) } },
    include: { group: { select: { name: true } } },
    take: 500,
  });
  for (const s of dueSoon) {
    await db.$transaction(async (tx) => {
      const claimed = await tx.coachingSession.updateMany({ where: { id: s.id, dueReminderAt: null }, data: { dueReminderAt: now } });
      if (claimed.count !== 1) return;
      await notifyUsers(tx, await partnerUserIds(tx, s.partnerId), {
        kind: "coaching:notify.dueSoon",
        params: { group: s.group.name, topic: s.topic, date: formatDate(s.dueDate, await groupTimeZone(tx, s.groupId)) },
        link: sessionLink(s.id),
      });
    });
  }
  const tomorrow = await db.coachingSession.findMany({
    where: { status: { in: PLANNED_STATUSES }, dayBeforeReminderAt: null, scheduledAt: { gt: now, lte: addDays(now, 1) } },
    include: { group: { select: { name: true } }, partner: { select: { displayName: true } } },
    take: 500,
  });
  for (const s of tomorrow) {
    await db.$transaction(async (tx) => {
      const claimed = await tx.coachingSession.updateMany({ where: { id: s.id, dayBeforeReminderAt: null }, data: { dayBeforeReminderAt: now } });
      if (claimed.count !== 1) return;
      const recipients = [...(await partnerUserIds(tx, s.partnerId)), ...(await groupUserIds(tx, s.groupId, true))];
      await notifyUsers(tx, recipients, {
        kind: "coaching:notify.tomorrow",
        params: { group: s.group.name, partner: s.partner.displayName, topic: s.topic, date: formatDateTime(s.scheduledAt, await groupTimeZone(tx, s.groupId)) },
        link: sessionLink(s.id),
      });
    });
  }
  return { due: dueSoon.length, dayBefore: tomorrow.length };
}

// ─── Views ───────────────────────────────────────────────────────────────────

export type SessionPhase = "delivered" | "upcoming" | "toConfirm" | "overdue" | "missed" | "cancelled";

/** Where a session stands for the lists: upcoming, waiting for the group's confirmation, overdue, … */
export function sessionPhase(s: { status: CoachingSessionStatus; dueDate: Date; scheduledAt: Date | null; zone: string }, now: Date): SessionPhase {
  switch (s.status) {
    case "DELIVERED":
      return "delivered";
    case "MISSED":
      return "missed";
    case "CANCELLED":
      return "cancelled";
    case "DUE":
      return endOfDay(s.dueDate, s.zone).getTime() <= now.getTime() ? "overdue" : "upcoming";
    default:
      return s.scheduledAt && s.scheduledAt.getTime() <= now.getTime() ? "toConfirm" : "upcoming";
  }
}

export type CoachingSummary = { total: number; delivered: number; open: number; overdue: number; missed: number; cancelled: number; toConfirm: number };

/** Sessions carry their group office's zone (`zone`): a session is overdue after its due day there. */
export function summarize(sessions: { status: CoachingSessionStatus; dueDate: Date; scheduledAt: Date | null; zone: string }[], now: Date): CoachingSummary {
  const summary: CoachingSummary = { total: sessions.length, delivered: 0, open: 0, overdue: 0, missed: 0, cancelled: 0, toConfirm: 0 };
  for (const s of sessions) {
    const phase = sessionPhase(s, now);
    if (phase === "delivered") summary.delivered++;
    else if (phase === "missed") summary.missed++;
    else if (phase === "cancelled") summary.cancelled++;
    else {
      summary.open++;
      if (phase === "overdue") summary.overdue++;
      if (phase === "toConfirm") summary.toConfirm++;
    }
  }
  return summary;
}

const LIST_SELECT = {
  id: true,
  sequence: true,
  topic: true,
  dueDate: true,
  hours: true,
  status: true,
  scheduledAt: true,
  place: true,
  onlineLink: true,
  trainer: true,
  rating: true,
  group: { select: { id: true, name: true, dinasOffice: { select: { timeZone: true } } } },
  partner: { select: { id: true, displayName: true } },
  commitment: { select: { id: true, topic: true, sessionsCount: true, frequency: true, mou: { select: { id: true, number: true } } } },
} as const;

/** A loaded session with the zone of its group's office (its due day and times are counted and shown in it). */
function withZone<T extends { group: { dinasOffice: { timeZone: string } } }>(s: T): Omit<T, "group"> & { group: Omit<T["group"], "dinasOffice">; zone: string } {
  const { dinasOffice, ...group } = s.group;
  return { ...s, group: group as Omit<T["group"], "dinasOffice">, zone: zoneOf(dinasOffice) };
}

/** Which sessions a coaching list shows: a partner's, a group's or several groups' (the caller has checked access). */
export type SessionScope = { partnerId?: string; groupId?: string; groupIds?: string[] };

function scopeWhere(scope: SessionScope): Prisma.CoachingSessionWhereInput {
  return {
    ...(scope.partnerId ? { partnerId: scope.partnerId } : {}),
    ...(scope.groupId ? { groupId: scope.groupId } : {}),
    ...(scope.groupIds ? { groupId: { in: scope.groupIds } } : {}),
  };
}

/** The filters of the coaching lists; "notToConfirm" is the group page's main list (the rest of its sessions). */
export const SESSION_SHOWS = ["all", "open", "delivered", "missed", "cancelled", "toConfirm", "notToConfirm"] as const;
export type SessionShow = (typeof SESSION_SHOWS)[number];

/** A session whose time has passed and that waits for the group's confirmation (phase "toConfirm"), in SQL. */
function toConfirmWhere(now: Date): Prisma.CoachingSessionWhereInput {
  return { status: { in: PLANNED_STATUSES }, scheduledAt: { lte: now } };
}

/**
 * An unscheduled session whose due day is over in its group office's zone (phase "overdue"), in SQL: the due
 * day is over when the due date lies before 00:00 today in that zone, one branch per office zone.
 */
function overdueWhere(now: Date): Prisma.CoachingSessionWhereInput {
  return { AND: [{ status: "DUE" }, dueDayOverWhere(now)] };
}

/** A session whose due day is over at `now` in its group office's zone (`endOfDay(dueDate, zone) <= now`). */
function dueDayOverWhere(now: Date): Prisma.CoachingSessionWhereInput {
  return { OR: officesByZone().map(({ zone, office }) => ({ group: { dinasOffice: office }, dueDate: { lt: startOfDayAt(now, zone) } })) };
}

/** The `where` of a list filter (the same phases `sessionPhase` gives a loaded row). */
function showWhere(show: SessionShow, now: Date): Prisma.CoachingSessionWhereInput {
  switch (show) {
    case "all":
      return {};
    case "open":
      return { status: { in: ["DUE", ...PLANNED_STATUSES] } };
    case "delivered":
      return { status: "DELIVERED" };
    case "missed":
      return { status: "MISSED" };
    case "cancelled":
      return { status: "CANCELLED" };
    case "toConfirm":
      return toConfirmWhere(now);
    case "notToConfirm":
      // written out: NOT (planned AND scheduledAt <= now) would drop a planned row without a date (NULL)
      return { OR: [{ status: { notIn: PLANNED_STATUSES } }, { scheduledAt: null }, { scheduledAt: { gt: now } }] };
  }
}

/** The coaching lists' key: oldest due first, then the session's number in its commitment, then id (decision 122). */
export const SESSION_LIST_KEY: KeySpec = [
  { path: "dueDate", type: "date", direction: "asc" },
  { path: "sequence", type: "int", direction: "asc" },
  { path: "id", type: "string", direction: "asc" },
];

/**
 * One page of a partner's or a group's coaching sessions, filtered in the query and paged by key: a page is one
 * bounded query whatever the number of sessions. Each row carries its phase and its group office's zone.
 */
export async function listSessionPage(scope: SessionScope, show: SessionShow, request: PageRequest = {}, now = new Date(), take = PAGE_SIZE) {
  const page = await keysetPage(
    SESSION_LIST_KEY,
    request,
    ({ where, orderBy, take }) =>
      db.coachingSession.findMany({ where: { AND: [scopeWhere(scope), showWhere(show, now), where] }, orderBy, take, select: LIST_SELECT }),
    (s) => [s.dueDate, s.sequence, s.id],
    take,
  );
  return { ...page, rows: page.rows.map(withZone).map((s) => ({ ...s, phase: sessionPhase(s, now) })) };
}

/**
 * The counts of a coaching list (what `summarize` gives over every row), from SQL aggregates: a count per
 * status, plus the overdue and to-confirm counts, which depend on `now` and the office zone.
 */
export async function coachingSummaryFor(scope: SessionScope, now = new Date()): Promise<CoachingSummary> {
  const where = scopeWhere(scope);
  const [byStatus, overdue, toConfirm] = await Promise.all([
    db.coachingSession.groupBy({ by: ["status"], where, _count: { _all: true } }),
    db.coachingSession.count({ where: { AND: [where, overdueWhere(now)] } }),
    db.coachingSession.count({ where: { AND: [where, toConfirmWhere(now)] } }),
  ]);
  const count = (status: CoachingSessionStatus) => byStatus.find((r) => r.status === status)?._count._all ?? 0;
  const total = byStatus.reduce((sum, r) => sum + r._count._all, 0);
  const delivered = count("DELIVERED");
  const missed = count("MISSED");
  const cancelled = count("CANCELLED");
  return { total, delivered, missed, cancelled, open: total - delivered - missed - cancelled, overdue, toConfirm };
}

export async function getSessionDetail(sessionId: string) {
  return db.coachingSession.findUnique({
    where: { id: sessionId },
    include: {
      group: { select: { id: true, name: true, facilitatorId: true, members: { where: { leftAt: null }, orderBy: [{ role: "asc" }, { name: "asc" }], select: { id: true, name: true, role: true } } } },
      partner: { select: { id: true, displayName: true } },
      commitment: { select: { topic: true, sessionsCount: true, frequency: true, mou: { select: { id: true, number: true } } } },
      attendances: { select: { member: { select: { id: true, name: true } } } },
      files: { orderBy: { createdAt: "asc" }, select: { id: true, kind: true, fileName: true, createdAt: true } },
    },
  });
}

type PerformanceCounts = { promised: number; dueSoFar: number; delivered: number; missed: number; cancelled: number; averageRating: number | null };

/**
 * Coaching figures per partner from SQL aggregates (a count per partner and status, the sessions whose due day
 * is over, the average rating): the cost grows with the number of partners, not of sessions.
 */
async function performanceCounts(where: Prisma.CoachingSessionWhereInput, now: Date): Promise<Map<string, PerformanceCounts>> {
  const [byStatus, dueOver, ratings] = await Promise.all([
    db.coachingSession.groupBy({ by: ["partnerId", "status"], where, _count: { _all: true } }),
    db.coachingSession.groupBy({ by: ["partnerId"], where: { AND: [where, { status: { not: "DELIVERED" } }, dueDayOverWhere(now)] }, _count: { _all: true } }),
    db.coachingSession.groupBy({ by: ["partnerId"], where: { AND: [where, { rating: { gt: 0 } }] }, _avg: { rating: true } }),
  ]);
  const result = new Map<string, PerformanceCounts>();
  const of = (partnerId: string) => {
    let row = result.get(partnerId);
    if (!row) result.set(partnerId, (row = { promised: 0, dueSoFar: 0, delivered: 0, missed: 0, cancelled: 0, averageRating: null }));
    return row;
  };
  for (const r of byStatus) {
    const row = of(r.partnerId);
    const n = r._count._all;
    row.promised += n;
    if (r.status === "DELIVERED") {
      row.delivered += n;
      row.dueSoFar += n; // a delivered session counts as due, whatever its due date
    }
    if (r.status === "MISSED") row.missed += n;
    if (r.status === "CANCELLED") row.cancelled += n;
  }
  for (const r of dueOver) of(r.partnerId).dueSoFar += r._count._all;
  for (const r of ratings) if (r._avg.rating !== null) of(r.partnerId).averageRating = Math.round(Number(r._avg.rating) * 10) / 10;
  return result;
}

function performanceRow(partner: { id: string; displayName: string; sector: string }, c: PerformanceCounts) {
  const rate = c.dueSoFar ? c.delivered / c.dueSoFar : null;
  return {
    partnerId: partner.id,
    name: partner.displayName,
    sector: partner.sector,
    promised: c.promised,
    dueSoFar: c.dueSoFar,
    delivered: c.delivered,
    missed: c.missed,
    cancelled: c.cancelled,
    averageRating: c.averageRating,
    deliveryRate: rate === null ? null : Math.round(rate * 100),
    passive: c.dueSoFar > 0 && (rate ?? 0) < 0.5,
  };
}

export type PartnerPerformanceRow = ReturnType<typeof performanceRow>;

/**
 * Dinas view: coaching performance per partner (sessions promised, due so far, delivered, missed) and
 * which partners are passive (sessions have come due but fewer than half were delivered), passive first.
 * SQL aggregates, one row per partner with sessions (for totals and the passive list; the page pages by key).
 */
export async function partnerPerformance(dinasOfficeId: string | null, now = new Date()): Promise<PartnerPerformanceRow[]> {
  const counts = await performanceCounts(dinasOfficeId ? { partner: { dinasOfficeId } } : {}, now);
  const partners = await db.partner.findMany({ where: { id: { in: [...counts.keys()] } }, select: { id: true, displayName: true, sector: true } });
  return partners
    .map((p) => performanceRow(p, counts.get(p.id)!))
    .sort((a, b) => Number(b.passive) - Number(a.passive) || a.name.localeCompare(b.name));
}

/** The partner performance table's key: by name, then id (decision 122). */
export const PERFORMANCE_KEY: KeySpec = [
  { path: "displayName", type: "string", direction: "asc" },
  { path: "id", type: "string", direction: "asc" },
];

/**
 * One page of the partner performance table (partners of the office with coaching sessions, by name), with
 * each partner's figures aggregated in SQL over that page's partners only.
 */
export async function partnerPerformancePage(dinasOfficeId: string | null, request: PageRequest = {}, now = new Date(), take = PAGE_SIZE) {
  const page = await keysetPage(
    PERFORMANCE_KEY,
    request,
    ({ where, orderBy, take }) =>
      db.partner.findMany({
        where: { AND: [dinasOfficeId ? { dinasOfficeId } : {}, { coachingSessions: { some: {} } }, where] },
        orderBy,
        take,
        select: { id: true, displayName: true, sector: true },
      }),
    (p) => [p.displayName, p.id],
    take,
  );
  const counts = page.rows.length ? await performanceCounts({ partnerId: { in: page.rows.map((p) => p.id) } }, now) : new Map<string, PerformanceCounts>();
  return { ...page, rows: page.rows.map((p) => performanceRow(p, counts.get(p.id)!)) };
}
