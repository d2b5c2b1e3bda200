import type { Actor } from "~/auth/guard.server";
import { recordAudit } from "~/audit/audit.server";
import { addDays } from "~/coaching/dates";
import { PLANNED_STATUSES } from "~/coaching/coaching-machine";
import type { SavedFile } from "~/coaching/uploads.server";
import { db } from "~/db/db.server";
import { inChunks } from "~/db/id-chunks";
import { DomainError } from "~/domain/errors";
import { formatDate } from "~/i18n/format";
import { dinasUserIds, notifyUsers } from "~/notifications/notify.server";

import { monthLabel, type VisitTopic } from "./topics";
import { addMonthsAt, endOfDay, sameDayIn, startOfMonth, zonedParts } from "~/time/calendar";
import { groupTimeZone, officeTimeZone, zoneOf } from "~/time/office-zone.server";

export { VISIT_TOPICS, type VisitTopic } from "./topics";

export type VisitInput = {
  visitDate: Date;
  place: string;
  /** everyone who came, members or not; defaults to the number of members ticked */
  attendeeCount?: number | null;
  /** the group members who came */
  memberIds?: string[];
  topics: VisitTopic[];
  problems?: string | null;
  notes?: string | null;
  followUps: { description: string; dueDate: Date }[];
};

/** "2026-11": the calendar month of an instant in an office's zone. */
export function monthKey(value: Date, zone: string): string {
  const { y, m } = zonedParts(value, zone);
  return `${y}-${String(m).padStart(2, "0")}`;
}

/** The facilitator assigned to a group logs a visit or meeting, with follow-ups and photos. */
export async function logVisit(actor: Actor, groupId: string, form: VisitInput, photos: SavedFile[] = [], now = new Date()) {
  // the form's days (read in WIB) are the group's office days (decision 123)
  const zone = await groupTimeZone(db, groupId);
  const input = { ...form, visitDate: sameDayIn(form.visitDate, zone), followUps: form.followUps.map((f) => ({ ...f, dueDate: sameDayIn(f.dueDate, zone) })) };
  if (input.visitDate.getTime() >= endOfDay(now, zone).getTime()) throw new DomainError("mentoring:errors.visitInFuture", {}, "visitDate");
  if (input.topics.length === 0) throw new DomainError("mentoring:errors.noTopic", {}, "topics");
  for (const [i, f] of input.followUps.entries()) {
    if (f.dueDate.getTime() < input.visitDate.getTime()) throw new DomainError("mentoring:errors.followUpBeforeVisit", {}, `followUp${i}DueDate`);
  }
  const memberIds = [...new Set(input.memberIds ?? [])];
  const attendeeCount = input.attendeeCount ?? memberIds.length;
  if (attendeeCount < 1) throw new DomainError("mentoring:errors.noAttendees", {}, "memberIds");
  if (attendeeCount < memberIds.length) throw new DomainError("mentoring:errors.fewerThanTicked", { count: memberIds.length }, "attendeeCount");
  return db.$transaction(async (tx) => {
    const group = await tx.group.findUnique({ where: { id: groupId }, select: { id: true, facilitatorId: true } });
    if (!group) throw new DomainError("errors:notFound");
    if (group.facilitatorId !== actor.actorId) throw new DomainError("mentoring:errors.notAssigned");
    const members = await tx.groupMember.count({ where: { id: { in: memberIds }, groupId, leftAt: null } });
    if (members !== memberIds.length) throw new DomainError("mentoring:errors.notAMember", {}, "memberIds");
    const visit = await tx.facilitatorVisit.create({
      data: {
        groupId,
        facilitatorId: actor.actorId,
        visitDate: input.visitDate,
        place: input.place.trim(),
        attendeeCount,
        topics: input.topics.join(","),
        problems: input.problems?.trim() || null,
        notes: input.notes?.trim() || null,
        followUps: { create: input.followUps.map((f) => ({ groupId, description: f.description.trim(), dueDate: f.dueDate })) },
        photos: { create: photos.map((p) => ({ fileKey: p.fileKey })) },
        attendances: { create: memberIds.map((memberId) => ({ memberId })) },
      },
    });
    await recordAudit(tx, actor, {
      action: "visit.log",
      entityType: "FacilitatorVisit",
      entityId: visit.id,
      after: {
        groupId,
        visitDate: formatDate(input.visitDate, zone),
        place: visit.place,
        attendeeCount,
        members: memberIds.length,
        topics: visit.topics,
        followUps: input.followUps.length,
        photos: photos.length,
      },
    });
    return visit;
  });
}

/** Marks a follow-up done (facilitator or the group itself). */
export async function completeFollowUp(actor: Actor, groupId: string, followUpId: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const followUp = await tx.visitFollowUp.findUnique({ where: { id: followUpId } });
    if (!followUp || followUp.groupId !== groupId) throw new DomainError("errors:notFound");
    const updated = await tx.visitFollowUp.updateMany({ where: { id: followUpId, doneAt: null }, data: { doneAt: now } });
    if (updated.count !== 1) throw new DomainError("mentoring:errors.alreadyDone");
    await recordAudit(tx, actor, {
      action: "visit.followUpDone",
      entityType: "VisitFollowUp",
      entityId: followUpId,
      before: { doneAt: null },
      after: { doneAt: now },
    });
  });
}

export async function listVisits(groupId: string) {
  const [visits, openFollowUps] = await Promise.all([
    db.facilitatorVisit.findMany({
      where: { groupId },
      orderBy: { visitDate: "desc" },
      take: 24,
      include: {
        facilitator: { select: { name: true } },
        followUps: { orderBy: { dueDate: "asc" } },
        photos: { select: { id: true } },
        attendances: { select: { member: { select: { id: true, name: true } } } },
      },
    }),
    db.visitFollowUp.findMany({ where: { groupId, doneAt: null }, orderBy: { dueDate: "asc" } }),
  ]);
  return { visits, openFollowUps };
}

/**
 * The facilitator's home: each assigned group with what needs attention — no visit this month, orders
 * waiting for an answer (PLACED), coaching sessions to confirm, certifications expiring within 30 days,
 * open follow-ups.
 */
export async function facilitatorDashboard(facilitatorId: string, now = new Date()) {
  const facilitator = await db.user.findUnique({ where: { id: facilitatorId }, select: { dinasOffice: { select: { timeZone: true } } } });
  const zone = zoneOf(facilitator?.dinasOffice);
  const found = await db.group.findMany({
    where: { facilitatorId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      type: true,
      active: true,
      verificationStatus: true,
      village: { select: { name: true } },
      kecamatan: { select: { name: true } },
      _count: { select: { members: true } },
      dinasOffice: { select: { timeZone: true } },
    },
  });
  // "this month" is the month of each group's office (its zone goes to the page with it)
  const groups = found.map(({ dinasOffice, ...g }) => ({ ...g, zone: zoneOf(dinasOffice) }));
  const ids = groups.map((g) => g.id);
  // in chunks of ids: a facilitator with more than 999 groups made Prisma's SQLite groupBy refuse the statement (P2029)
  const [visits, ordersWaiting, toConfirm, expiring, followUps] = await Promise.all([
    inChunks(ids, (chunk) => db.facilitatorVisit.groupBy({ by: ["groupId"], where: { groupId: { in: chunk } }, _max: { visitDate: true } })),
    inChunks(ids, (chunk) => db.order.groupBy({ by: ["groupId"], where: { groupId: { in: chunk }, status: "PLACED" }, _count: { _all: true } })),
    inChunks(ids, (chunk) =>
      db.coachingSession.findMany({
        where: { groupId: { in: chunk }, status: { in: PLANNED_STATUSES }, scheduledAt: { lte: now } },
        select: { id: true, groupId: true, topic: true, scheduledAt: true },
      }),
    ),
    inChunks(ids, (chunk) =>
      db.productCertification.findMany({
        where: { product: { groupId: { in: chunk } }, expiresAt: { gte: now, lte: addDays(now, 30) } },
        select: { kind: true, expiresAt: true, product: { select: { groupId: true, name: true } } },
      }),
    ),
    inChunks(ids, (chunk) => db.visitFollowUp.findMany({ where: { groupId: { in: chunk }, doneAt: null }, orderBy: { dueDate: "asc" }, select: { id: true, groupId: true, description: true, dueDate: true } })),
  ]);
  followUps.sort((a, b) => a.dueDate.getTime() - b.dueDate.getTime());
  const lastVisit = new Map(visits.map((v) => [v.groupId, v._max.visitDate]));
  const orders = new Map(ordersWaiting.map((o) => [o.groupId, o._count._all]));
  const rows = groups.map((g) => {
    const last = lastVisit.get(g.id) ?? null;
    const row = {
      ...g,
      lastVisit: last,
      noVisitThisMonth: !last || last.getTime() < startOfMonth(now, g.zone).getTime(),
      ordersWaiting: orders.get(g.id) ?? 0,
      sessionsToConfirm: toConfirm.filter((s) => s.groupId === g.id),
      expiringCertifications: expiring
        .filter((c) => c.product.groupId === g.id)
        .map((c) => ({ kind: c.kind, product: c.product.name, expiresAt: c.expiresAt })),
      openFollowUps: followUps.filter((f) => f.groupId === g.id).map((f) => ({ ...f, overdue: f.dueDate.getTime() < now.getTime() })),
    };
    return { ...row, needsAttention: row.noVisitThisMonth || row.ordersWaiting > 0 || row.sessionsToConfirm.length > 0 || row.expiringCertifications.length > 0 || row.openFollowUps.some((f) => f.overdue) };
  });
  rows.sort((a, b) => Number(b.needsAttention) - Number(a.needsAttention) || a.name.localeCompare(b.name));
  return { groups: rows, month: monthKey(now, zone), zone };
}

/** Active groups (of one Dinas office) with no visit logged in the calendar month that contains `now`. */
export async function groupsWithoutVisit(dinasOfficeId: string | null, now = new Date()) {
  const zone = await officeTimeZone(db, dinasOfficeId);
  const monthStart = startOfMonth(now, zone);
  const monthEnd = addMonthsAt(monthStart, 1, zone);
  return db.group.findMany({
    where: {
      active: true,
      verificationStatus: "VERIFIED",
      ...(dinasOfficeId ? { dinasOfficeId } : {}),
      visits: { none: { visitDate: { gte: monthStart, lt: monthEnd } } },
    },
    orderBy: [{ kecamatan: { name: "asc" } }, { name: "asc" }],
    select: { id: true, name: true, type: true, kecamatan: { select: { name: true } }, facilitator: { select: { id: true, name: true } } },
  });
}

/**
 * Job: once a calendar month has ended, flag each group that had no visit logged in it — to its facilitator
 * (one notification per group) and to the Dinas (one summary per office). Runs idempotently: a month already
 * flagged to an office is not flagged again.
 */
export async function flagGroupsWithoutVisits(now: Date): Promise<number> {
  const offices = await db.dinasOffice.findMany({ select: { id: true, timeZone: true } });
  let flagged = 0;
  for (const office of offices) {
    // the month that ended in this office's zone
    const zone = zoneOf(office);
    const previousMonth = addMonthsAt(startOfMonth(now, zone), -1, zone);
    const month = monthKey(previousMonth, zone);
    const dinas = await dinasUserIds(db, office.id);
    if (dinas.length === 0) continue;
    const marker = `"month":"${month}"`;
    const already = await db.notification.findFirst({
      where: { kind: "mentoring:notify.noVisitSummary", params: { contains: marker }, userId: { in: dinas } },
      select: { id: true },
    });
    if (already) continue;
    const groups = await groupsWithoutVisit(office.id, previousMonth);
    await db.$transaction(async (tx) => {
      for (const g of groups) {
        if (!g.facilitator) continue;
        await notifyUsers(tx, [g.facilitator.id], {
          kind: "mentoring:notify.noVisit",
          params: { group: g.name, month, label: monthLabel(month) },
          link: `/groups/${g.id}/visits`,
          email: false,
        });
      }
      await notifyUsers(tx, dinas, {
        kind: "mentoring:notify.noVisitSummary",
        params: { count: groups.length, month, label: monthLabel(month) },
        link: "/dinas/coaching",
      });
    });
    flagged += groups.length;
  }
  return flagged;
}
