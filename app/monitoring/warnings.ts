/**
 * Early warnings of the Dinas monitoring (issue 12, decision 084): pure rules over plain evidence, so each
 * is tested with hand-computed fixtures (tests/unit/warnings.test.ts). `warnings.server.ts` loads the
 * evidence through the viewer's office scope and calls these.
 *
 * Every warning has a `key` that names one episode of it (rule, subject and the date or month the episode
 * started): marking a warning followed up stores that key, so it leaves the open list, and a later episode
 * of the same rule for the same subject (the partner ordered again and then went quiet again) is a new
 * warning.
 */
import { addDays } from "~/orders/numbers";
import { dayKey, daysBefore } from "~/time/calendar";

export const WARNING_RULES = ["PASSIVE_PARTNER", "ORDERS_STOPPED", "REJECTIONS_RISING", "SESSION_MISSED", "GROUP_INACTIVE", "NO_VISIT_THIS_MONTH"] as const;
export type WarningRule = (typeof WARNING_RULES)[number];
export type WarningSubject = "partner" | "mou" | "group" | "session";

/** "Mitra pasif": signed at least this long ago and neither ordered nor coached in this many days. */
export const PASSIVE_DAYS = 60;
/** Orders stopped: none in the last ORDER_GAP_DAYS although there were some in the ORDER_LOOKBACK_DAYS before. */
export const ORDER_GAP_DAYS = 30;
export const ORDER_LOOKBACK_DAYS = 90;
/** Rising rejections: the last 30 days against the 30 days before. */
export const REJECTION_WINDOW_DAYS = 30;
/** the recent rejected share must be at least this (percent) … */
export const REJECTION_MIN_PERCENT = 5;
/** … and at least this many percentage points above the previous window's */
export const REJECTION_RISE_POINTS = 5;
/** Sessions missed: missed, or still not delivered a week after the due day, within the last 60 days. */
export const SESSION_WINDOW_DAYS = 60;
export const SESSION_GRACE_DAYS = 7;
/** A group with no order and no delivered coaching session in 90 days (the overview's "active", decision 086). */
export const INACTIVE_DAYS = 90;

export type Warning = {
  key: string;
  rule: WarningRule;
  subjectType: WarningSubject;
  subjectId: string;
  /** what the warning is about (partner, group, or "partner · group") */
  title: string;
  /** the page with the evidence */
  href: string;
  /** the day (WIB, yyyy-mm-dd) the episode started: last activity, due day, or the first of the month */
  sinceDay: string;
  /** facts shown with the warning (numbers, or day keys for names ending in "Day") */
  facts: Record<string, string | number | null>;
  /** for the filters */
  groupId: string | null;
  partnerId: string | null;
};

const latest = (dates: (Date | null | undefined)[]): Date | null =>
  dates.reduce<Date | null>((max, d) => (d && (!max || d.getTime() > max.getTime()) ? d : max), null);

// ─── Mitra pasif ────────────────────────────────────────────────────────────

export type PartnerActivity = {
  partnerId: string;
  name: string;
  /** the earliest MoU in force (ACTIVE) of this partner */
  signedAt: Date | null;
  /** the last order the partner placed itself (standing orders are generated from the MoU, not placed) */
  lastOwnOrderAt: Date | null;
  /** the last delivered coaching session */
  lastCoachingAt: Date | null;
};

/** A partner with an MoU in force signed ≥ 60 days ago that in the last 60 days neither ordered nor coached. */
export function isPassive(p: Omit<PartnerActivity, "partnerId" | "name">, now: Date, zone: string): boolean {
  if (!p.signedAt) return false;
  const since = daysBefore(now, PASSIVE_DAYS, zone);
  if (p.signedAt.getTime() > since.getTime()) return false;
  const last = latest([p.lastOwnOrderAt, p.lastCoachingAt]);
  return !last || last.getTime() < since.getTime();
}

export function passivePartnerWarnings(partners: PartnerActivity[], now: Date, zone: string): Warning[] {
  return partners
    .filter((p) => isPassive(p, now, zone))
    .map((p) => {
      const quietSince = latest([p.signedAt, p.lastOwnOrderAt, p.lastCoachingAt])!;
      const sinceDay = dayKey(quietSince, zone);
      return {
        key: `PASSIVE_PARTNER:${p.partnerId}:${sinceDay}`,
        rule: "PASSIVE_PARTNER" as const,
        subjectType: "partner" as const,
        subjectId: p.partnerId,
        title: p.name,
        href: `/dinas/partners/${p.partnerId}`,
        sinceDay,
        facts: {
          signedDay: dayKey(p.signedAt!, zone),
          lastOrderDay: p.lastOwnOrderAt ? dayKey(p.lastOwnOrderAt, zone) : null,
          lastCoachingDay: p.lastCoachingAt ? dayKey(p.lastCoachingAt, zone) : null,
          days: Math.floor((now.getTime() - quietSince.getTime()) / 86_400_000),
        },
        groupId: null,
        partnerId: p.partnerId,
      };
    });
}

// ─── Orders stopped ─────────────────────────────────────────────────────────

export type Partnership = {
  mouId: string;
  mouNumber: string;
  partnerId: string;
  partnerName: string;
  groupId: string;
  groupName: string;
  /** delivery days of the live orders (not cancelled, declined or skipped) between the partner and the group */
  orderDates: Date[];
};

/**
 * A partnership (an MoU in force, per group) whose orders stopped: it had a live order due in the 90 days
 * before the last 30, and none due since (nor any planned ahead).
 */
export function ordersStoppedWarnings(partnerships: Partnership[], now: Date, zone: string): Warning[] {
  const gapStart = addDays(now, -ORDER_GAP_DAYS);
  const lookbackStart = addDays(gapStart, -ORDER_LOOKBACK_DAYS);
  const result: Warning[] = [];
  for (const p of partnerships) {
    if (p.orderDates.some((d) => d.getTime() >= gapStart.getTime())) continue;
    const before = p.orderDates.filter((d) => d.getTime() >= lookbackStart.getTime() && d.getTime() < gapStart.getTime());
    if (!before.length) continue;
    const last = latest(before)!;
    const sinceDay = dayKey(last, zone);
    result.push({
      key: `ORDERS_STOPPED:${p.mouId}:${p.groupId}:${sinceDay}`,
      rule: "ORDERS_STOPPED",
      subjectType: "mou",
      subjectId: p.mouId,
      title: `${p.partnerName} · ${p.groupName}`,
      href: `/mou/${p.mouId}`,
      sinceDay,
      facts: { mou: p.mouNumber, lastOrderDay: sinceDay, ordersBefore: before.length, days: Math.floor((now.getTime() - last.getTime()) / 86_400_000) },
      groupId: p.groupId,
      partnerId: p.partnerId,
    });
  }
  return result;
}

// ─── Rising rejections ──────────────────────────────────────────────────────

export type GroupDeliveries = {
  groupId: string;
  groupName: string;
  deliveries: { receivedAt: Date; delivered: number; rejected: number }[];
};

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);

/**
 * A group whose rejected share of delivered quantity in the last 30 days is at least 5 % and at least
 * 5 percentage points above the 30 days before; it needs two deliveries in the recent window and one in
 * the previous (a single bad batch is not a trend). One warning per group and month.
 */
export function rejectionWarnings(groups: GroupDeliveries[], now: Date, zone: string): Warning[] {
  const recentStart = addDays(now, -REJECTION_WINDOW_DAYS);
  const previousStart = addDays(recentStart, -REJECTION_WINDOW_DAYS);
  const result: Warning[] = [];
  for (const g of groups) {
    const inWindow = (from: Date, to: Date) => g.deliveries.filter((d) => d.receivedAt.getTime() >= from.getTime() && d.receivedAt.getTime() < to.getTime());
    const recent = inWindow(recentStart, now);
    const previous = inWindow(previousStart, recentStart);
    if (recent.length < 2 || previous.length < 1) continue;
    const sum = (list: typeof recent, f: "delivered" | "rejected") => list.reduce((s, d) => s + d[f], 0);
    const recentPercent = percent(sum(recent, "rejected"), sum(recent, "delivered"));
    const previousPercent = percent(sum(previous, "rejected"), sum(previous, "delivered"));
    if (recentPercent < REJECTION_MIN_PERCENT || recentPercent - previousPercent < REJECTION_RISE_POINTS) continue;
    const month = dayKey(now, zone).slice(0, 7);
    result.push({
      key: `REJECTIONS_RISING:${g.groupId}:${month}`,
      rule: "REJECTIONS_RISING",
      subjectType: "group",
      subjectId: g.groupId,
      title: g.groupName,
      href: `/groups/${g.groupId}`,
      sinceDay: `${month}-01`,
      facts: { recentPercent, previousPercent, recentDeliveries: recent.length, previousDeliveries: previous.length },
      groupId: g.groupId,
      partnerId: null,
    });
  }
  return result;
}

// ─── Sessions missed ────────────────────────────────────────────────────────

export type SessionRecord = {
  id: string;
  topic: string;
  status: string;
  dueDate: Date;
  groupId: string;
  groupName: string;
  partnerId: string;
  partnerName: string;
};

const OPEN_SESSION = new Set(["DUE", "SCHEDULED", "RESCHEDULED"]);

/** Each coaching session due in the last 60 days that was missed, or is still open a week after its due day. */
export function sessionMissedWarnings(sessions: SessionRecord[], now: Date, zone: string): Warning[] {
  const windowStart = daysBefore(now, SESSION_WINDOW_DAYS, zone);
  const graceLimit = addDays(now, -SESSION_GRACE_DAYS);
  return sessions
    .filter((s) => s.dueDate.getTime() >= windowStart.getTime() && s.dueDate.getTime() < now.getTime())
    .filter((s) => s.status === "MISSED" || (OPEN_SESSION.has(s.status) && s.dueDate.getTime() < graceLimit.getTime()))
    .map((s) => ({
      key: `SESSION_MISSED:${s.id}`,
      rule: "SESSION_MISSED" as const,
      subjectType: "session" as const,
      subjectId: s.id,
      title: `${s.partnerName} · ${s.groupName}`,
      href: `/coaching/${s.id}`,
      sinceDay: dayKey(s.dueDate, zone),
      facts: { topic: s.topic, dueDay: dayKey(s.dueDate, zone), status: s.status },
      groupId: s.groupId,
      partnerId: s.partnerId,
    }));
}

// ─── Groups: no activity, no visit this month ───────────────────────────────

export type GroupActivity = {
  groupId: string;
  groupName: string;
  /** the Dinas register still counts the group as running */
  running: boolean;
  verifiedAt: Date | null;
  facilitatorId: string | null;
  /** the last live order (its creation) and the last delivered coaching session */
  lastOrderAt: Date | null;
  lastCoachingAt: Date | null;
  visitDates: Date[];
};

/**
 * A verified group the register counts as running, verified at least 90 days ago (so it could have traded),
 * with no live order and no delivered coaching session in the last 90 days.
 */
export function groupInactiveWarnings(groups: GroupActivity[], now: Date, zone: string): Warning[] {
  const since = daysBefore(now, INACTIVE_DAYS, zone);
  const result: Warning[] = [];
  for (const g of groups) {
    if (!g.running || !g.verifiedAt || g.verifiedAt.getTime() > since.getTime()) continue;
    const last = latest([g.lastOrderAt, g.lastCoachingAt]);
    if (last && last.getTime() >= since.getTime()) continue;
    const sinceDay = dayKey(last ?? g.verifiedAt, zone);
    result.push({
      key: `GROUP_INACTIVE:${g.groupId}:${sinceDay}`,
      rule: "GROUP_INACTIVE",
      subjectType: "group",
      subjectId: g.groupId,
      title: g.groupName,
      href: `/groups/${g.groupId}`,
      sinceDay,
      facts: { lastActivityDay: last ? dayKey(last, zone) : null, verifiedDay: dayKey(g.verifiedAt, zone) },
      groupId: g.groupId,
      partnerId: null,
    });
  }
  return result;
}

/** A verified, running group with a facilitator and no facilitator visit in the current month (of the office's zone). */
export function noVisitWarnings(groups: GroupActivity[], now: Date, zone: string): Warning[] {
  const month = dayKey(now, zone).slice(0, 7);
  return groups
    .filter((g) => g.running && g.verifiedAt && g.facilitatorId)
    .filter((g) => !g.visitDates.some((d) => dayKey(d, zone).startsWith(month)))
    .map((g) => {
      const last = latest(g.visitDates.filter((d) => d.getTime() < now.getTime()));
      return {
        key: `NO_VISIT_THIS_MONTH:${g.groupId}:${month}`,
        rule: "NO_VISIT_THIS_MONTH" as const,
        subjectType: "group" as const,
        subjectId: g.groupId,
        title: g.groupName,
        href: `/groups/${g.groupId}/visits`,
        sinceDay: `${month}-01`,
        facts: { month, lastVisitDay: last ? dayKey(last, zone) : null },
        groupId: g.groupId,
        partnerId: null,
      };
    });
}

/** Most urgent first: by rule in the order of WARNING_RULES, then the oldest episode first. */
export function sortWarnings(list: Warning[]): Warning[] {
  return [...list].sort((a, b) => WARNING_RULES.indexOf(a.rule) - WARNING_RULES.indexOf(b.rule) || a.sinceDay.localeCompare(b.sinceDay) || a.title.localeCompare(b.title));
}

/** Which warnings a list shows: still open, followed up, or both (shared by the page and the export). */
export const WARNING_STATES = ["open", "followed", "all"] as const;
export type WarningState = (typeof WARNING_STATES)[number];
