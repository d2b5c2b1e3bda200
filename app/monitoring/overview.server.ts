import { db } from "~/db/db.server";
import type { GroupType } from "~/generated/prisma/enums";
import { addDays } from "~/orders/numbers";
import { periodEnd, type MonitoringScope } from "./scope.server";
import { dayKey, daysBefore, monthKey, startOfDay } from "~/time/calendar";

/**
 * The programme overview Dinas steers with and reports on (LAKIP). Every figure is computed from the
 * records in the viewer's scope (office, kecamatan, group type, partner sector, period) and keeps the ids
 * of the records behind it, so the drill-down list shows exactly what was counted (decision 080).
 */

/** A group is active when it had a live order or a delivered coaching session in the 90 days before the period's end (decision 086). */
export const ACTIVE_WINDOW_DAYS = 90;
export const MOU_EXPIRY_WARNING_DAYS = 30;
const LIVE_ORDER = { notIn: ["CANCELLED", "DECLINED", "SKIPPED"] as ("CANCELLED" | "DECLINED" | "SKIPPED")[] };

export type GroupFigures = { formed: number; verified: number; active: number; partnered: number };
export type Share = { count: number; total: number; percent: number | null };

export function share(count: number, total: number): Share {
  return { count, total, percent: total ? Math.round((count / total) * 100) : null };
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

const DAY_MS = 86_400_000;
const days = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY_MS;


/** Every yyyy-mm from `fromKey`'s month to `toKey`'s month. */
export function monthsBetween(fromKey: string, toKey: string): string[] {
  const months: string[] = [];
  let [y, m] = fromKey.slice(0, 7).split("-").map(Number) as [number, number];
  const end = toKey.slice(0, 7);
  for (let guard = 0; guard < 600; guard++) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    if (key > end) break;
    months.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return months;
}

type GroupRow = {
  id: string;
  name: string;
  slug: string;
  type: GroupType;
  kecamatanId: string;
  kecamatanName: string;
  verificationStatus: string;
  createdAt: Date;
  verifiedAt: Date | null;
};

export type OverviewData = Awaited<ReturnType<typeof loadOverview>>;

/** Loads and computes the whole overview for a scope. */
export async function loadOverview(scope: MonitoringScope) {
  const { groupWhere, partnerWhere, filters, zone } = scope;
  const end = periodEnd(scope);
  // the 90 days run from 00:00 (office zone) of the day ACTIVE_WINDOW_DAYS before the period's end day
  const activeSince = daysBefore(end, ACTIVE_WINDOW_DAYS, zone);
  const period = { gte: filters.from, lt: filters.toExclusive };
  const activeWindow = { gte: activeSince, lt: end };
  const expiryLimit = addDays(scope.now, MOU_EXPIRY_WARNING_DAYS);
  const ytdStart = startOfDay(`${dayKey(end, zone).slice(0, 4)}-01-01`, zone);

  const [groupRows, activeOrders, activeSessions, mous, payments, ytd, deliveries, sessions, visits] = await Promise.all([
    db.group.findMany({
      where: groupWhere,
      select: { id: true, name: true, slug: true, type: true, kecamatanId: true, kecamatan: { select: { name: true } }, verificationStatus: true, createdAt: true, verifiedAt: true },
      orderBy: [{ type: "asc" }, { name: "asc" }],
    }),
    db.order.findMany({ where: { group: groupWhere, status: LIVE_ORDER, createdAt: activeWindow }, select: { groupId: true }, distinct: ["groupId"] }),
    db.coachingSession.findMany({
      where: { group: groupWhere, status: "DELIVERED", OR: [{ scheduledAt: activeWindow }, { scheduledAt: null, dueDate: activeWindow }] },
      select: { groupId: true },
      distinct: ["groupId"],
    }),
    db.mou.findMany({
      where: { dinasOfficeId: { in: scope.officeIds }, partner: partnerWhere, groups: { some: { group: groupWhere } } },
      select: { id: true, number: true, status: true, startDate: true, endDate: true, partner: { select: { displayName: true } }, groups: { select: { groupId: true } } },
      orderBy: { endDate: "asc" },
    }),
    db.payment.findMany({
      where: { status: "CONFIRMED", confirmedAt: period, invoice: { group: groupWhere, partner: partnerWhere } },
      select: { id: true, amountRupiah: true, confirmedAt: true, invoice: { select: { number: true, orderId: true, group: { select: { name: true } }, partner: { select: { displayName: true } } } } },
      orderBy: { confirmedAt: "asc" },
    }),
    db.payment.aggregate({
      where: { status: "CONFIRMED", confirmedAt: { gte: ytdStart, lt: end }, invoice: { group: groupWhere, partner: partnerWhere } },
      _sum: { amountRupiah: true },
    }),
    db.delivery.findMany({
      where: { receivedAt: period, order: { group: groupWhere, partner: partnerWhere } },
      select: {
        id: true,
        receivedAt: true,
        lines: { select: { deliveredQty: true, acceptedQty: true, rejectedQty: true } },
        order: { select: { id: true, number: true, deliveryDate: true, group: { select: { name: true } }, partner: { select: { displayName: true } } } },
      },
      orderBy: { receivedAt: "asc" },
    }),
    db.coachingSession.findMany({
      where: { dueDate: period, group: groupWhere, partner: partnerWhere },
      select: {
        id: true,
        topic: true,
        status: true,
        dueDate: true,
        scheduledAt: true,
        group: { select: { name: true } },
        partner: { select: { displayName: true } },
        files: { where: { kind: "REPORT" }, select: { id: true }, take: 1 },
      },
      orderBy: { dueDate: "asc" },
    }),
    db.facilitatorVisit.findMany({ where: { visitDate: period, group: groupWhere }, select: { groupId: true, visitDate: true } }),
  ]);

  const groups: GroupRow[] = groupRows.map((g) => ({
    id: g.id,
    name: g.name,
    slug: g.slug,
    type: g.type,
    kecamatanId: g.kecamatanId,
    kecamatanName: g.kecamatan.name,
    verificationStatus: g.verificationStatus,
    createdAt: g.createdAt,
    verifiedAt: g.verifiedAt,
  }));

  // ── groups: formed, verified, active, partnered ──
  const activeIds = new Set([...activeOrders, ...activeSessions].map((r) => r.groupId));
  const partneredIds = new Set(mous.filter((m) => m.status === "ACTIVE").flatMap((m) => m.groups.map((g) => g.groupId)));
  const groupSets = {
    formed: groups,
    verified: groups.filter((g) => g.verificationStatus === "VERIFIED"),
    active: groups.filter((g) => activeIds.has(g.id)),
    inactive: groups.filter((g) => !activeIds.has(g.id)),
    partnered: groups.filter((g) => partneredIds.has(g.id)),
  };
  const count = (list: GroupRow[]): GroupFigures => ({
    formed: list.length,
    verified: list.filter((g) => g.verificationStatus === "VERIFIED").length,
    active: list.filter((g) => activeIds.has(g.id)).length,
    partnered: list.filter((g) => partneredIds.has(g.id)).length,
  });
  const byType = (["KPM", "KUBE"] as const).map((type) => ({ type, ...count(groups.filter((g) => g.type === type)) }));
  const kecamatans = scope.kecamatans.filter((k) => !filters.kecamatanId || k.id === filters.kecamatanId);
  const byKecamatan = kecamatans.map((k) => {
    const inKec = groups.filter((g) => g.kecamatanId === k.id);
    return {
      kecamatanId: k.id,
      kecamatan: k.name,
      ...count(inKec),
      kpm: count(inKec.filter((g) => g.type === "KPM")),
      kube: count(inKec.filter((g) => g.type === "KUBE")),
    };
  });
  const totals = count(groups);

  // ── MoUs ──
  const mouSets = {
    active: mous.filter((m) => m.status === "ACTIVE"),
    expiring: mous.filter((m) => m.status === "ACTIVE" && m.endDate.getTime() >= scope.now.getTime() && m.endDate.getTime() <= expiryLimit.getTime()),
    ended: mous.filter((m) => (m.status === "EXPIRED" || m.status === "TERMINATED") && m.endDate.getTime() >= filters.from.getTime() && m.endDate.getTime() < filters.toExclusive.getTime()),
  };

  // ── revenue to groups ──
  const months = monthsBetween(filters.fromKey, dayKey(new Date(end.getTime() - 1), zone) < filters.fromKey ? filters.fromKey : dayKey(new Date(end.getTime() - 1), zone));
  const revenueByMonth = months.map((month) => ({ month, amount: 0, payments: 0 }));
  for (const p of payments) {
    const row = revenueByMonth.find((r) => r.month === monthKey(p.confirmedAt!, zone));
    if (row) {
      row.amount += p.amountRupiah;
      row.payments++;
    }
  }
  const revenuePeriod = payments.reduce((s, p) => s + p.amountRupiah, 0);

  // ── deliveries: on time, quality ──
  const deliveryRows = deliveries.map((d) => {
    const delivered = d.lines.reduce((s, l) => s + l.deliveredQty, 0);
    const accepted = d.lines.reduce((s, l) => s + l.acceptedQty, 0);
    return {
      id: d.id,
      orderId: d.order.id,
      number: d.order.number,
      group: d.order.group.name,
      partner: d.order.partner.displayName,
      receivedAt: d.receivedAt!,
      deliveryDate: d.order.deliveryDate,
      onTime: dayKey(d.receivedAt!, zone) <= dayKey(d.order.deliveryDate, zone),
      delivered,
      accepted,
      rejected: delivered - accepted,
    };
  });
  const deliveredQty = deliveryRows.reduce((s, d) => s + d.delivered, 0);
  const acceptedQty = deliveryRows.reduce((s, d) => s + d.accepted, 0);

  // ── coaching ──
  const promisedSessions = sessions.filter((s) => s.status !== "CANCELLED");
  const sessionSets = {
    promised: promisedSessions,
    delivered: sessions.filter((s) => s.status === "DELIVERED"),
    missed: sessions.filter((s) => s.status === "MISSED"),
  };
  const dueSoFar = promisedSessions.filter((s) => s.status === "DELIVERED" || s.status === "MISSED" || s.dueDate.getTime() < end.getTime());
  const reportsFiled = sessionSets.delivered.filter((s) => s.files.length > 0).length;

  // ── facilitator visits against one per verified group per month ──
  const visitMonths = monthsBetween(filters.fromKey, dayKey(new Date(end.getTime() - 1), zone) < filters.fromKey ? filters.fromKey : dayKey(new Date(end.getTime() - 1), zone));
  const verifiedIds = new Set(groupSets.verified.map((g) => g.id));
  const covered = new Map<string, Set<string>>();
  for (const v of visits) {
    if (!verifiedIds.has(v.groupId)) continue;
    const set = covered.get(v.groupId) ?? new Set<string>();
    set.add(monthKey(v.visitDate, zone));
    covered.set(v.groupId, set);
  }
  const visitTarget = verifiedIds.size * visitMonths.length;
  const visitCovered = [...covered.values()].reduce((s, set) => s + [...set].filter((m) => visitMonths.includes(m)).length, 0);
  const groupsMissingVisits = groupSets.verified
    .map((g) => ({ ...g, missingMonths: visitMonths.filter((m) => !covered.get(g.id)?.has(m)) }))
    .filter((g) => g.missingMonths.length > 0);

  // ── responsiveness ──
  const responsiveness = await loadResponsiveness(scope, groups);

  return {
    /** the zone the figures' days and months are counted in (the scope's) */
    zone,
    period: { fromKey: filters.fromKey, toKey: filters.toKey, months },
    groups: { totals, byType, byKecamatan, shares: { verified: share(totals.verified, totals.formed), active: share(totals.active, totals.formed), partnered: share(totals.partnered, totals.formed) } },
    mous: { active: mouSets.active.length, expiring: mouSets.expiring.length, ended: mouSets.ended.length },
    revenue: { byMonth: revenueByMonth, period: revenuePeriod, yearToDate: ytd._sum.amountRupiah ?? 0 },
    deliveries: {
      count: deliveryRows.length,
      onTime: share(deliveryRows.filter((d) => d.onTime).length, deliveryRows.length),
      quality: share(acceptedQty, deliveredQty),
    },
    coaching: { promised: sessionSets.promised.length, dueSoFar: dueSoFar.length, delivered: sessionSets.delivered.length, missed: sessionSets.missed.length },
    visits: { target: visitTarget, covered: visitCovered, share: share(visitCovered, visitTarget), visits: visits.length },
    indicators: {
      effectiveness: share(totals.active, totals.formed),
      responsiveness,
      accountability: {
        coaching: share(sessionSets.delivered.length, dueSoFar.length),
        reports: share(reportsFiled, sessionSets.delivered.length),
        visits: share(visitCovered, visitTarget),
      },
    },
    /** the records behind each figure (not sent to the page; see overviewRecords) */
    records: { groupSets, mouSets, payments, deliveryRows, sessionSets, groupsMissingVisits },
  };
}

/** Responsiveness (median days): sign-up to verification, demand to first offer, question to answer. */
async function loadResponsiveness(scope: MonitoringScope, groups: GroupRow[]) {
  const { filters, partnerWhere } = scope;
  const period = { gte: filters.from, lt: filters.toExclusive };
  const [partners, demands, messages] = await Promise.all([
    db.partner.findMany({ where: { ...partnerWhere, verifiedAt: period }, select: { createdAt: true, verifiedAt: true } }),
    db.demand.findMany({
      where: { partner: partnerWhere, publishedAt: period },
      select: { publishedAt: true, offers: { select: { createdAt: true }, orderBy: { createdAt: "asc" }, take: 1 } },
    }),
    db.demandMessage.findMany({
      where: { demand: { partner: partnerWhere }, group: scope.groupWhere, createdAt: period },
      select: { demandId: true, groupId: true, authorId: true, createdAt: true, demand: { select: { partnerId: true } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  // a verification recorded before the account's row was created (imported groups) is not a duration
  const verification = [
    ...groups.filter((g) => g.verifiedAt && g.verifiedAt >= filters.from && g.verifiedAt < filters.toExclusive && g.verifiedAt >= g.createdAt).map((g) => days(g.createdAt, g.verifiedAt!)),
    ...partners.filter((p) => p.verifiedAt && p.verifiedAt >= p.createdAt).map((p) => days(p.createdAt, p.verifiedAt!)),
  ];
  const firstOffer = demands.filter((d) => d.publishedAt && d.offers[0] && d.offers[0].createdAt >= d.publishedAt).map((d) => days(d.publishedAt!, d.offers[0]!.createdAt));

  const authors = await db.user.findMany({ where: { id: { in: [...new Set(messages.map((m) => m.authorId))] } }, select: { id: true, partnerId: true } });
  const partnerOf = new Map(authors.map((a) => [a.id, a.partnerId]));
  const answers: number[] = [];
  const open = new Map<string, Date>();
  for (const m of messages) {
    const thread = `${m.demandId}/${m.groupId}`;
    const fromPartner = partnerOf.get(m.authorId) === m.demand.partnerId;
    if (!fromPartner) {
      if (!open.has(thread)) open.set(thread, m.createdAt);
    } else if (open.has(thread)) {
      answers.push(days(open.get(thread)!, m.createdAt));
      open.delete(thread);
    }
  }
  return {
    verificationDays: { median: median(verification), count: verification.length },
    firstOfferDays: { median: median(firstOffer), count: firstOffer.length },
    answerDays: { median: median(answers), count: answers.length, unanswered: open.size },
  };
}

/** What the page needs (no record lists). */
export function overviewSummary(data: OverviewData) {
  const { records: _records, ...summary } = data;
  return summary;
}

export const FIGURES = [
  "groups.formed",
  "groups.verified",
  "groups.active",
  "groups.inactive",
  "groups.partnered",
  "mous.active",
  "mous.expiring",
  "mous.ended",
  "revenue.payments",
  "deliveries.all",
  "deliveries.late",
  "deliveries.rejected",
  "coaching.promised",
  "coaching.delivered",
  "coaching.missed",
  "visits.missing",
] as const;
export type Figure = (typeof FIGURES)[number];

export type RecordRow = { id: string; href: string; title: string; detail: string; status?: string; date?: string; amount?: number };

/** The records behind one figure, as links to the records' own pages. */
export function overviewRecords(data: OverviewData, figure: Figure): RecordRow[] {
  const r = data.records;
  const groupRow = (g: GroupRow & { missingMonths?: string[] }): RecordRow => ({
    id: g.id,
    href: `/groups/${g.id}`,
    title: g.name,
    detail: g.kecamatanName,
    status: g.verificationStatus,
    date: g.missingMonths?.join(", "),
  });
  switch (figure) {
    case "groups.formed":
    case "groups.verified":
    case "groups.active":
    case "groups.inactive":
    case "groups.partnered":
      return r.groupSets[figure.slice("groups.".length) as keyof typeof r.groupSets].map((g) => groupRow(g));
    case "mous.active":
    case "mous.expiring":
    case "mous.ended":
      return r.mouSets[figure.slice("mous.".length) as keyof typeof r.mouSets].map((m) => ({
        id: m.id,
        href: `/mou/${m.id}`,
        title: m.number,
        detail: m.partner.displayName,
        status: m.status,
        date: dayKey(m.endDate, data.zone),
      }));
    case "revenue.payments":
      return r.payments.map((p) => ({
        id: p.id,
        href: `/orders/${p.invoice.orderId}`,
        title: p.invoice.number,
        detail: `${p.invoice.group.name} · ${p.invoice.partner.displayName}`,
        date: dayKey(p.confirmedAt!, data.zone),
        amount: p.amountRupiah,
      }));
    case "deliveries.all":
    case "deliveries.late":
    case "deliveries.rejected":
      return r.deliveryRows
        .filter((d) => (figure === "deliveries.late" ? !d.onTime : figure === "deliveries.rejected" ? d.rejected > 0 : true))
        .map((d) => ({
          id: d.id,
          href: `/orders/${d.orderId}`,
          title: d.number,
          detail: `${d.group} · ${d.partner} · ${d.accepted}/${d.delivered}`,
          status: d.onTime ? "ON_TIME" : "LATE",
          date: dayKey(d.receivedAt, data.zone),
        }));
    case "coaching.promised":
    case "coaching.delivered":
    case "coaching.missed":
      return r.sessionSets[figure.slice("coaching.".length) as keyof typeof r.sessionSets].map((s) => ({
        id: s.id,
        href: `/coaching/${s.id}`,
        title: s.topic,
        detail: `${s.group.name} · ${s.partner.displayName}`,
        status: s.status,
        date: dayKey(s.dueDate, data.zone),
      }));
    case "visits.missing":
      return r.groupsMissingVisits.map((g) => groupRow(g));
  }
}
