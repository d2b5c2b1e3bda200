import type { Actor } from "~/auth/actor";
import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import { addDays } from "~/orders/numbers";
import { dayKey, daysBefore, startOfDay } from "~/time/calendar";
import { now as clockNow } from "~/time/clock";
import type { MonitoringScope } from "./scope.server";
import {
  groupInactiveWarnings,
  noVisitWarnings,
  ORDER_GAP_DAYS,
  ORDER_LOOKBACK_DAYS,
  ordersStoppedWarnings,
  passivePartnerWarnings,
  REJECTION_WINDOW_DAYS,
  rejectionWarnings,
  SESSION_WINDOW_DAYS,
  sessionMissedWarnings,
  sortWarnings,
  type Warning,
  type WarningRule,
} from "./warnings";

/**
 * The early warnings of one monitoring scope (decision 084), computed on read from the records of the
 * viewer's office (the scope's `groupWhere`/`partnerWhere` carry the office in the `where`), with the
 * follow-ups recorded for them. The reports helper reads the same function for the annual report.
 */
const LIVE = { notIn: ["CANCELLED", "DECLINED", "SKIPPED"] as ("CANCELLED" | "DECLINED" | "SKIPPED")[] };

export type FollowUp = { note: string; at: Date; by: string };
export type WarningRow = Warning & { followUp: FollowUp | null };
import { WARNING_STATES, type WarningState } from "./warnings";
export { WARNING_STATES, type WarningState };

/** Every warning of the scope at `scope.now`, open and followed up, most urgent first. */
export async function loadWarnings(scope: MonitoringScope): Promise<WarningRow[]> {
  const now = scope.now;
  const { groupWhere, partnerWhere, zone } = scope;
  const orderLookback = addDays(now, -(ORDER_GAP_DAYS + ORDER_LOOKBACK_DAYS));
  const rejectionSince = addDays(now, -2 * REJECTION_WINDOW_DAYS);
  const sessionSince = daysBefore(now, SESSION_WINDOW_DAYS, zone);
  const monthStart = startOfDay(`${dayKey(now, zone).slice(0, 7)}-01`, zone);

  const [partners, mous, deliveries, sessions, groups, followUps] = await Promise.all([
    db.partner.findMany({
      where: { ...partnerWhere, mous: { some: { status: "ACTIVE" } } },
      select: {
        id: true,
        displayName: true,
        mous: { where: { status: "ACTIVE" }, select: { startDate: true }, orderBy: { startDate: "asc" }, take: 1 },
        orders: { where: { source: { not: "STANDING" }, status: LIVE, createdAt: { lt: now } }, select: { createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
        coachingSessions: { where: { status: "DELIVERED", dueDate: { lt: now } }, select: { scheduledAt: true, dueDate: true }, orderBy: { dueDate: "desc" }, take: 1 },
      },
    }),
    db.mou.findMany({
      where: { dinasOfficeId: { in: scope.officeIds }, status: "ACTIVE", partner: partnerWhere },
      select: { id: true, number: true, partnerId: true, partner: { select: { displayName: true } }, groups: { where: { group: groupWhere }, select: { group: { select: { id: true, name: true } } } } },
    }),
    db.delivery.findMany({
      where: { receivedAt: { gte: rejectionSince, lt: now }, order: { group: groupWhere, partner: partnerWhere } },
      select: { receivedAt: true, lines: { select: { deliveredQty: true, acceptedQty: true } }, order: { select: { groupId: true, group: { select: { name: true } } } } },
    }),
    db.coachingSession.findMany({
      where: { dueDate: { gte: sessionSince, lt: now }, status: { in: ["MISSED", "DUE", "SCHEDULED", "RESCHEDULED"] }, group: groupWhere, partner: partnerWhere },
      select: { id: true, topic: true, status: true, dueDate: true, groupId: true, partnerId: true, group: { select: { name: true } }, partner: { select: { displayName: true } } },
    }),
    db.group.findMany({
      where: { ...groupWhere, verificationStatus: "VERIFIED", active: true },
      select: {
        id: true,
        name: true,
        active: true,
        verifiedAt: true,
        facilitatorId: true,
        orders: { where: { status: LIVE, createdAt: { lt: now } }, select: { createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
        coachingSessions: {
          where: { status: "DELIVERED", OR: [{ scheduledAt: { lt: now } }, { scheduledAt: null, dueDate: { lt: now } }] },
          select: { scheduledAt: true, dueDate: true },
          orderBy: { dueDate: "desc" },
          take: 3,
        },
        visits: { where: { visitDate: { gte: addDays(monthStart, -62), lt: now } }, select: { visitDate: true } },
      },
    }),
    db.warningFollowUp.findMany({ where: { dinasOfficeId: { in: scope.officeIds } }, select: { warningKey: true, note: true, createdAt: true, followedUpById: true } }),
  ]);

  // the partnerships' orders, only for the MoUs in force and their groups in scope
  const pairs = mous.flatMap((m) => m.groups.map((g) => ({ mou: m, group: g.group })));
  const pairOrders = pairs.length
    ? await db.order.findMany({
        where: { status: LIVE, deliveryDate: { gte: orderLookback }, OR: pairs.map((p) => ({ partnerId: p.mou.partnerId, groupId: p.group.id })) },
        select: { partnerId: true, groupId: true, deliveryDate: true },
      })
    : [];

  const list: Warning[] = [
    ...passivePartnerWarnings(
      partners.map((p) => ({
        partnerId: p.id,
        name: p.displayName,
        signedAt: p.mous[0]?.startDate ?? null,
        lastOwnOrderAt: p.orders[0]?.createdAt ?? null,
        lastCoachingAt: p.coachingSessions[0] ? (p.coachingSessions[0].scheduledAt ?? p.coachingSessions[0].dueDate) : null,
      })),
      now,
      zone,
    ),
    ...ordersStoppedWarnings(
      pairs.map((p) => ({
        mouId: p.mou.id,
        mouNumber: p.mou.number,
        partnerId: p.mou.partnerId,
        partnerName: p.mou.partner.displayName,
        groupId: p.group.id,
        groupName: p.group.name,
        orderDates: pairOrders.filter((o) => o.partnerId === p.mou.partnerId && o.groupId === p.group.id).map((o) => o.deliveryDate),
      })),
      now,
      zone,
    ),
    ...rejectionWarnings(groupDeliveries(deliveries), now, zone),
    ...sessionMissedWarnings(
      sessions.map((s) => ({ id: s.id, topic: s.topic, status: s.status, dueDate: s.dueDate, groupId: s.groupId, groupName: s.group.name, partnerId: s.partnerId, partnerName: s.partner.displayName })),
      now,
      zone,
    ),
  ];
  const activity = groups.map((g) => ({
    groupId: g.id,
    groupName: g.name,
    running: g.active,
    verifiedAt: g.verifiedAt,
    facilitatorId: g.facilitatorId,
    lastOrderAt: g.orders[0]?.createdAt ?? null,
    lastCoachingAt: g.coachingSessions.map((s) => s.scheduledAt ?? s.dueDate).filter((d) => d.getTime() < now.getTime()).sort((a, b) => b.getTime() - a.getTime())[0] ?? null,
    visitDates: g.visits.map((v) => v.visitDate),
  }));
  list.push(...groupInactiveWarnings(activity, now, zone), ...noVisitWarnings(activity, now, zone));

  const byKey = new Map(followUps.map((f) => [f.warningKey, f]));
  const names = await db.user.findMany({ where: { id: { in: [...new Set(followUps.map((f) => f.followedUpById))] } }, select: { id: true, name: true } });
  const nameOf = new Map(names.map((u) => [u.id, u.name]));
  return sortWarnings(list).map((w) => {
    const f = byKey.get(w.key);
    return { ...w, followUp: f ? { note: f.note, at: f.createdAt, by: nameOf.get(f.followedUpById) ?? "" } : null };
  });
}

function groupDeliveries(
  deliveries: { receivedAt: Date | null; lines: { deliveredQty: number; acceptedQty: number }[]; order: { groupId: string; group: { name: string } } }[],
) {
  const map = new Map<string, { groupId: string; groupName: string; deliveries: { receivedAt: Date; delivered: number; rejected: number }[] }>();
  for (const d of deliveries) {
    if (!d.receivedAt) continue;
    const entry = map.get(d.order.groupId) ?? { groupId: d.order.groupId, groupName: d.order.group.name, deliveries: [] };
    const delivered = d.lines.reduce((s, l) => s + l.deliveredQty, 0);
    const accepted = d.lines.reduce((s, l) => s + l.acceptedQty, 0);
    entry.deliveries.push({ receivedAt: d.receivedAt, delivered, rejected: delivered - accepted });
    map.set(d.order.groupId, entry);
  }
  return [...map.values()];
}

/** The page's list: one rule or all, open / followed up / all. */
export function filterWarnings(rows: WarningRow[], filter: { rule?: WarningRule | null; state?: WarningState | null }): WarningRow[] {
  const state = filter.state ?? "open";
  return rows.filter((w) => (!filter.rule || w.rule === filter.rule) && (state === "all" || (state === "open" ? !w.followUp : !!w.followUp)));
}

/** Counts of open warnings per rule (for the tabs and the Dinas home). */
export function openCounts(rows: WarningRow[]): Record<WarningRule, number> {
  const counts = { PASSIVE_PARTNER: 0, ORDERS_STOPPED: 0, REJECTIONS_RISING: 0, SESSION_MISSED: 0, GROUP_INACTIVE: 0, NO_VISIT_THIS_MONTH: 0 } as Record<WarningRule, number>;
  for (const w of rows) if (!w.followUp) counts[w.rule]++;
  return counts;
}

/**
 * Marks one open warning of the actor's office as followed up, with a note (audited). The key is looked
 * up among the warnings computed for the actor's own scope, so a key of another office's warning — or a
 * made-up one — is not found; a warning already followed up is refused with a reason.
 */
export async function followUpWarning(actor: Actor, scope: MonitoringScope, key: string, note: string): Promise<WarningRow> {
  if (actor.role !== "DINAS" || !actor.dinasOfficeId || !scope.officeIds.includes(actor.dinasOfficeId)) throw new DomainError("errors:forbidden");
  const warning = (await loadWarnings(scope)).find((w) => w.key === key);
  if (!warning) throw new DomainError("errors:notFound");
  if (warning.followUp) throw new DomainError("warnings:errors.alreadyFollowedUp", {}, "note");
  const officeId = actor.dinasOfficeId;
  // stamped from the app's clock: the database's default now() does not follow it (a pinned or shifted clock)
  const at = clockNow();
  await db.$transaction(async (tx) => {
    const existing = await tx.warningFollowUp.findUnique({ where: { dinasOfficeId_warningKey: { dinasOfficeId: officeId, warningKey: key } }, select: { id: true } });
    if (existing) throw new DomainError("warnings:errors.alreadyFollowedUp", {}, "note");
    const row = await tx.warningFollowUp.create({
      data: { dinasOfficeId: officeId, warningKey: key, rule: warning.rule, subjectType: warning.subjectType, subjectId: warning.subjectId, note, followedUpById: actor.actorId, createdAt: at },
    });
    await recordAudit(tx, actor, {
      action: "warning.followUp",
      entityType: "WarningFollowUp",
      entityId: row.id,
      after: { warningKey: key, rule: warning.rule, subjectType: warning.subjectType, subjectId: warning.subjectId, note },
    });
  });
  return { ...warning, followUp: { note, at, by: actor.actorName } };
}

export type FollowUpRecord = { key: string; rule: WarningRule; subjectType: string; subject: string; note: string; at: Date; by: string };

/**
 * The follow-ups the scope's offices recorded in [from, to) (for the annual report), oldest first, each with
 * the name of what it was about. Read from the stored follow-ups rather than the warnings computed now: a
 * warning followed up in March has usually stopped being a warning by December.
 */
export async function followUpsBetween(scope: MonitoringScope, from: Date, to: Date): Promise<FollowUpRecord[]> {
  const rows = await db.warningFollowUp.findMany({
    where: { dinasOfficeId: { in: scope.officeIds }, createdAt: { gte: from, lt: to } },
    select: { warningKey: true, rule: true, subjectType: true, subjectId: true, note: true, createdAt: true, followedUpById: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const ids = (type: string) => [...new Set(rows.filter((r) => r.subjectType === type).map((r) => r.subjectId))];
  // subjects are read with the offices in the where as well (a follow-up only ever names its own office's records)
  const [partners, groups, mous, sessions, users] = await Promise.all([
    db.partner.findMany({ where: { id: { in: ids("partner") }, dinasOfficeId: { in: scope.officeIds } }, select: { id: true, displayName: true } }),
    db.group.findMany({ where: { id: { in: ids("group") }, dinasOfficeId: { in: scope.officeIds } }, select: { id: true, name: true } }),
    db.mou.findMany({ where: { id: { in: ids("mou") }, dinasOfficeId: { in: scope.officeIds } }, select: { id: true, number: true, partner: { select: { displayName: true } } } }),
    db.coachingSession.findMany({
      where: { id: { in: ids("session") }, group: { dinasOfficeId: { in: scope.officeIds } } },
      select: { id: true, topic: true, group: { select: { name: true } }, partner: { select: { displayName: true } } },
    }),
    db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.followedUpById))] } }, select: { id: true, name: true } }),
  ]);
  const names = new Map<string, string>([
    ...partners.map((p) => [`partner:${p.id}`, p.displayName] as const),
    ...groups.map((g) => [`group:${g.id}`, g.name] as const),
    ...mous.map((m) => [`mou:${m.id}`, `${m.partner.displayName} · ${m.number}`] as const),
    ...sessions.map((s) => [`session:${s.id}`, `${s.partner.displayName} · ${s.group.name} · ${s.topic}`] as const),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    key: r.warningKey,
    rule: r.rule as WarningRule,
    subjectType: r.subjectType,
    subject: names.get(`${r.subjectType}:${r.subjectId}`) ?? "",
    note: r.note,
    at: r.createdAt,
    by: userName.get(r.followedUpById) ?? "",
  }));
}
