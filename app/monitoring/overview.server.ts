import { db } from "~/db/db.server";
import type { GroupType } from "~/generated/prisma/enums";
import { addDays } from "~/orders/numbers";
import { databaseKind } from "~/db/database-url";
import { pooledRead, portablePlaceholders } from "~/db/raw-sql";
import { emptyFacts, monitoringFacts, orderedJoin, sqlInstant, totalFacts, type Dimensions, type Facts } from "./rollup.server";
import { periodEnd, type MonitoringScope } from "./scope.server";
import { dayKey, daysBefore, monthKey, startOfDay } from "~/time/calendar";
import { fixedOffsetMinutes, sqlDayAt, sqlMonthAt } from "~/time/sql-days";

/**
 * The programme overview Dinas steers with and reports on (LAKIP). Every figure is computed from the
 * records in the viewer's scope (office, kecamatan, group type, partner sector, period); the drill-down list
 * of each figure reads the same conditions, page by page, so it shows exactly what was counted (decision 080).
 * Sums come from SQL aggregates and the monitoring rollup (decision 125): nothing loads a period's records
 * into the process, and no query carries an id list longer than a page.
 */

/** A group is active when it had a live order or a delivered coaching session in the 90 days before the period's end (decision 086). */
export const ACTIVE_WINDOW_DAYS = 90;
export const MOU_EXPIRY_WARNING_DAYS = 30;

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
  kecamatanName: string;
  verificationStatus: string;
};

export type OverviewData = Awaited<ReturnType<typeof loadOverview>>;

const LIVE_ORDER_SQL = `('CANCELLED', 'DECLINED', 'SKIPPED')`;
const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ") || "NULL";
/** Raw SQL written with `?` for both databases (app/db/raw-sql.ts). */
// the overview's reads may run on the SQLite read pool, side by side (decision 142)
const rawQuery = <T>(sql: string, ...params: unknown[]) => db.$queryRawUnsafe<T>(pooledRead(portablePlaceholders(sql)), ...params);

/** The scope's zone as a fixed offset over its period (WIB/WITA/WIT have no daylight saving), for SQL day and month expressions. */
function scopeOffset(scope: MonitoringScope): number {
  const { filters, zone } = scope;
  return fixedOffsetMinutes(zone, daysBefore(filters.from, ACTIVE_WINDOW_DAYS, zone), filters.toExclusive);
}

/** The scope's groups as SQL, each with its flags: active (decision 086) and partnered (an active MoU in scope). */
function groupFlagsSql(scope: MonitoringScope, params: unknown[]): string {
  const { filters, officeIds } = scope;
  const end = periodEnd(scope);
  // the 90 days run from 00:00 (office zone) of the day ACTIVE_WINDOW_DAYS before the period's end day; a delivered
  // session counts at its scheduled instant, else its due date: two EXISTS, each one range of
  // CoachingSession(groupId, status, scheduledAt, dueDate) (one EXISTS with the OR read every delivered session, decision 141).
  // "Partnered" walks the group's MoU links first (CROSS JOIN on SQLite): without statistics for a new index SQLite
  // once drove it from the office's 10,000 active MoUs for every group (8.8 s)
  const activeSince = sqlInstant(daysBefore(end, ACTIVE_WINDOW_DAYS, scope.zone));
  const endAt = sqlInstant(end);
  params.push(activeSince, endAt, activeSince, endAt, activeSince, endAt);
  params.push(...officeIds, ...officeIds);
  if (filters.sector) params.push(filters.sector);
  params.push(...officeIds);
  if (filters.kecamatanId) params.push(filters.kecamatanId);
  if (filters.groupType) params.push(filters.groupType);
  return `SELECT g."id", g."name", g."type", g."kecamatanId", k."name" AS "kecamatanName", g."verificationStatus",
      (EXISTS (SELECT 1 FROM "Order" o WHERE o."groupId" = g."id" AND o."status" NOT IN ${LIVE_ORDER_SQL} AND o."createdAt" >= ? AND o."createdAt" < ?)
        OR EXISTS (SELECT 1 FROM "CoachingSession" s WHERE s."groupId" = g."id" AND s."status" = 'DELIVERED' AND s."scheduledAt" >= ? AND s."scheduledAt" < ?)
        OR EXISTS (SELECT 1 FROM "CoachingSession" s WHERE s."groupId" = g."id" AND s."status" = 'DELIVERED' AND s."scheduledAt" IS NULL AND s."dueDate" >= ? AND s."dueDate" < ?)) AS "active",
      EXISTS (SELECT 1 FROM "MouGroup" mg ${orderedJoin()} "Mou" m ON m."id" = mg."mouId" ${orderedJoin()} "Partner" pa ON pa."id" = m."partnerId"
        WHERE mg."groupId" = g."id" AND m."status" = 'ACTIVE' AND m."dinasOfficeId" IN (${marks(officeIds.length)}) AND pa."dinasOfficeId" IN (${marks(officeIds.length)})${filters.sector ? ` AND pa."sector" = ?` : ""}) AS "partnered"
    FROM "Group" g JOIN "Kecamatan" k ON k."id" = g."kecamatanId"
    WHERE g."dinasOfficeId" IN (${marks(officeIds.length)})${filters.kecamatanId ? ` AND g."kecamatanId" = ?` : ""}${filters.groupType ? ` AND g."type" = ?` : ""}`;
}

/**
 * The MoU figures in one statement (decision 141; three Prisma counts walked the office's MoUs three times): MoUs of
 * the scope's offices, with a partner of them (and the sector), binding at least one group of the filter. Active,
 * active and ending within MOU_EXPIRY_WARNING_DAYS of now, and ended (expired or terminated) in the period. On
 * SQLite the MoUs drive (CROSS JOIN) through the covering index Mou(dinasOfficeId, status, endDate, partnerId, id),
 * the partner and groups are read from covering indexes too: 60 → 27 ms for 20,000 MoUs.
 */
async function mouCounts(scope: MonitoringScope, expiryLimit: Date): Promise<{ active: number; expiring: number; ended: number }> {
  const { filters, officeIds } = scope;
  const params: unknown[] = [sqlInstant(scope.now), sqlInstant(expiryLimit), sqlInstant(filters.from), sqlInstant(filters.toExclusive), ...officeIds, ...officeIds];
  if (filters.sector) params.push(filters.sector);
  params.push(...officeIds);
  if (filters.kecamatanId) params.push(filters.kecamatanId);
  if (filters.groupType) params.push(filters.groupType);
  const [row] = await rawQuery<{ active: number | bigint | null; expiring: number | bigint | null; ended: number | bigint | null }[]>(
    `SELECT SUM(CASE WHEN m."status" = 'ACTIVE' THEN 1 ELSE 0 END) AS "active",
        SUM(CASE WHEN m."status" = 'ACTIVE' AND m."endDate" >= ? AND m."endDate" <= ? THEN 1 ELSE 0 END) AS "expiring",
        SUM(CASE WHEN m."status" IN ('EXPIRED', 'TERMINATED') AND m."endDate" >= ? AND m."endDate" < ? THEN 1 ELSE 0 END) AS "ended"
     FROM "Mou" m ${orderedJoin()} "Partner" pa ON pa."id" = m."partnerId"
     WHERE m."status" IN ('ACTIVE', 'EXPIRED', 'TERMINATED') AND m."dinasOfficeId" IN (${marks(officeIds.length)})
       AND pa."dinasOfficeId" IN (${marks(officeIds.length)})${filters.sector ? ` AND pa."sector" = ?` : ""}
       AND EXISTS (SELECT 1 FROM "MouGroup" mg JOIN "Group" g ON g."id" = mg."groupId" WHERE mg."mouId" = m."id"
         AND g."dinasOfficeId" IN (${marks(officeIds.length)})${filters.kecamatanId ? ` AND g."kecamatanId" = ?` : ""}${filters.groupType ? ` AND g."type" = ?` : ""})`,
    ...params,
  );
  return { active: Number(row?.active ?? 0), expiring: Number(row?.expiring ?? 0), ended: Number(row?.ended ?? 0) };
}

/** The months of the period up to its end (the revenue table's and the visit target's months). */
function periodMonths(scope: MonitoringScope): string[] {
  const { filters } = scope;
  const lastKey = dayKey(new Date(periodEnd(scope).getTime() - 1), scope.zone);
  return monthsBetween(filters.fromKey, lastKey < filters.fromKey ? filters.fromKey : lastKey);
}

/** Loads and computes the whole overview for a scope, with SQL aggregates and the rollup (decision 125). */
export async function loadOverview(scope: MonitoringScope) {
  const { filters, officeIds, zone } = scope;
  const end = periodEnd(scope);
  const expiryLimit = addDays(scope.now, MOU_EXPIRY_WARNING_DAYS);
  const ytdKey = `${dayKey(end, zone).slice(0, 4)}-01-01`;
  const dims: Dimensions = { officeIds, kecamatanId: filters.kecamatanId, groupType: filters.groupType, sector: filters.sector };
  const lastDayKey = dayKey(new Date(end.getTime() - 1), zone);
  const months = periodMonths(scope);
  const sameAsPeriod = filters.fromKey === ytdKey && filters.toKey === lastDayKey;

  const groupParams: unknown[] = [];
  const groupSql = groupFlagsSql(scope, groupParams);
  const visitParams: unknown[] = [...officeIds, sqlInstant(filters.from), sqlInstant(filters.toExclusive)];
  const groupFilter = `g."dinasOfficeId" IN (${marks(officeIds.length)})${filters.kecamatanId ? ` AND g."kecamatanId" = ?` : ""}${filters.groupType ? ` AND g."type" = ?` : ""}`;
  if (filters.kecamatanId) visitParams.splice(officeIds.length, 0, filters.kecamatanId);
  if (filters.groupType) visitParams.splice(officeIds.length + (filters.kecamatanId ? 1 : 0), 0, filters.groupType);

  const [groupCounts, mous, facts, ytd, visitRows] = await Promise.all([
    rawQuery<{ type: GroupType; kecamatanId: string; verified: number | boolean; active: number | boolean; partnered: number | boolean; n: number | bigint }[]>(
      `SELECT "type", "kecamatanId", "verificationStatus" = 'VERIFIED' AS "verified", "active", "partnered", COUNT(*) AS "n" FROM (${groupSql}) x GROUP BY 1, 2, 3, 4, 5`,
      ...groupParams,
    ),
    mouCounts(scope, expiryLimit),
    monitoringFacts(dims, filters.fromKey, filters.toKey, end, scope.now, zone, { client: db }),
    // year to date: [1 January of the end's year, end); when the period is the year to date (the default view), its
    // revenue minus the payments confirmed after `end` on its last day, instead of reading the days a second time
    sameAsPeriod ? paymentsAfter(scope, end) : end.getTime() > startOfDay(ytdKey, zone).getTime() ? monitoringFacts(dims, ytdKey, lastDayKey, end, scope.now, zone, { client: db, liveUntil: end }) : Promise.resolve(new Map<string, Facts>()),
    // facilitator visits of the period: all, and the (verified group, month) pairs they cover
    rawQuery<{ groupId: string; month: string; verified: number | boolean; n: number | bigint }[]>(
      `SELECT v."groupId", ${sqlMonthAt(`v."visitDate"`, scopeOffset(scope), databaseKind())} AS "month", g."verificationStatus" = 'VERIFIED' AS "verified", COUNT(*) AS "n"
       FROM "FacilitatorVisit" v JOIN "Group" g ON g."id" = v."groupId"
       WHERE ${groupFilter} AND v."visitDate" >= ? AND v."visitDate" < ? GROUP BY 1, 2, 3`,
      ...visitParams,
    ),
  ]);

  // ── groups: formed, verified, active, partnered ──
  type Cell = { type: GroupType; kecamatanId: string; verified: boolean; active: boolean; partnered: boolean; n: number };
  const cells: Cell[] = groupCounts.map((r) => ({ type: r.type, kecamatanId: r.kecamatanId, verified: !!Number(r.verified), active: !!Number(r.active), partnered: !!Number(r.partnered), n: Number(r.n) }));
  const count = (list: Cell[]): GroupFigures => ({
    formed: list.reduce((s, c) => s + c.n, 0),
    verified: list.filter((c) => c.verified).reduce((s, c) => s + c.n, 0),
    active: list.filter((c) => c.active).reduce((s, c) => s + c.n, 0),
    partnered: list.filter((c) => c.partnered).reduce((s, c) => s + c.n, 0),
  });
  const byType = (["KPM", "KUBE"] as const).map((type) => ({ type, ...count(cells.filter((c) => c.type === type)) }));
  const kecamatans = scope.kecamatans.filter((k) => !filters.kecamatanId || k.id === filters.kecamatanId);
  const byKecamatan = kecamatans.map((k) => {
    const inKec = cells.filter((c) => c.kecamatanId === k.id);
    return {
      kecamatanId: k.id,
      kecamatan: k.name,
      ...count(inKec),
      kpm: count(inKec.filter((c) => c.type === "KPM")),
      kube: count(inKec.filter((c) => c.type === "KUBE")),
    };
  });
  const totals = count(cells);

  // ── revenue, deliveries, coaching: the rollup + today live ──
  const total = totalFacts(facts);
  const revenueByMonth = months.map((month) => ({ month, amount: facts.get(month)?.paymentsRupiah ?? 0, payments: facts.get(month)?.paymentsCount ?? 0 }));

  // ── facilitator visits against one per verified group per month ──
  const verifiedCount = totals.verified;
  const visitTarget = verifiedCount * months.length;
  const visitCovered = visitRows.filter((v) => Number(v.verified) && months.includes(v.month)).length;
  const visitCount = visitRows.reduce((s, v) => s + Number(v.n), 0);

  // ── responsiveness ──
  const responsiveness = await loadResponsiveness(scope);

  return {
    /** the zone the figures' days and months are counted in (the scope's) */
    zone,
    period: { fromKey: filters.fromKey, toKey: filters.toKey, months },
    groups: { totals, byType, byKecamatan, shares: { verified: share(totals.verified, totals.formed), active: share(totals.active, totals.formed), partnered: share(totals.partnered, totals.formed) } },
    mous,
    revenue: { byMonth: revenueByMonth, period: total.paymentsRupiah, yearToDate: sameAsPeriod ? total.paymentsRupiah - totalFacts(ytd).paymentsRupiah : totalFacts(ytd).paymentsRupiah },
    deliveries: {
      count: total.deliveries,
      onTime: share(total.deliveriesOnTime, total.deliveries),
      quality: share(total.acceptedQty, total.deliveredQty),
    },
    coaching: { promised: total.sessionsPromised, dueSoFar: total.sessionsDueSoFar, delivered: total.sessionsDelivered, missed: total.sessionsMissed },
    visits: { target: visitTarget, covered: visitCovered, share: share(visitCovered, visitTarget), visits: visitCount },
    indicators: {
      effectiveness: share(totals.active, totals.formed),
      responsiveness,
      accountability: {
        coaching: share(total.sessionsDelivered, total.sessionsDueSoFar),
        reports: share(total.sessionsReported, total.sessionsDelivered),
        visits: share(visitCovered, visitTarget),
      },
    },
    /** the scope the figures were read through (not sent to the page; overviewRecords pages through it) */
    scope,
  };
}

/**
 * The confirmed payments of the scope from `end` to the end of the period (confirmed later on its last day, e.g.
 * dated ahead), as facts: what the year to date leaves out of a period that is the year to date.
 */
async function paymentsAfter(scope: MonitoringScope, end: Date): Promise<Map<string, Facts>> {
  const facts = new Map<string, Facts>();
  if (end.getTime() >= scope.filters.toExclusive.getTime()) return facts;
  const q = recordQuery(scope, "revenue.payments");
  const rows = await rawQuery<{ amount: number | bigint | null }[]>(
    `SELECT SUM(p."amountRupiah") AS "amount" FROM (${q.sql}) x JOIN "Payment" p ON p."id" = x."id" WHERE x."confirmedAt" >= ?`,
    ...q.params,
    sqlInstant(end),
  );
  facts.set("after", { ...emptyFacts(), paymentsRupiah: Number(rows[0]?.amount ?? 0) });
  return facts;
}

/** Responsiveness (median days): sign-up to verification, demand to first offer, question to answer. */
async function loadResponsiveness(scope: MonitoringScope) {
  const { filters, partnerWhere } = scope;
  const period = { gte: filters.from, lt: filters.toExclusive };
  const [groups, partners, demands, messages] = await Promise.all([
    db.group.findMany({ where: { ...scope.groupWhere, verifiedAt: period }, select: { createdAt: true, verifiedAt: true } }),
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
    ...groups.filter((g) => g.verifiedAt && g.verifiedAt >= g.createdAt).map((g) => days(g.createdAt, g.verifiedAt!)),
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

/** Confirmed payments of the period per group (the annual report's groups' revenue), summed by SQL. */
export async function revenueByGroup(scope: MonitoringScope): Promise<{ groupId: string; name: string; amount: number; payments: number }[]> {
  const q = recordQuery(scope, "revenue.payments");
  const rows = await rawQuery<{ groupId: string; name: string; amount: number | bigint; payments: number | bigint }[]>(
    `SELECT g."id" AS "groupId", g."name" AS "name", SUM(p."amountRupiah") AS "amount", COUNT(*) AS "payments"
     FROM (${q.sql}) x JOIN "Payment" p ON p."id" = x."id" JOIN "Invoice" i ON i."id" = p."invoiceId" JOIN "Group" g ON g."id" = i."groupId" GROUP BY g."id", g."name"`,
    ...q.params,
  );
  return rows.map((r) => ({ groupId: r.groupId, name: r.name, amount: Number(r.amount), payments: Number(r.payments) }));
}

/** What the page needs (without the scope). */
export function overviewSummary(data: OverviewData) {
  const { scope: _scope, ...summary } = data;
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

export type RecordPage = { offset: number; limit: number };
/** Rows fetched per query when a whole list is read (exports): the id lists of detail queries stay this long. */
const CHUNK = 1_000;

/** The records behind one figure, as links to the records' own pages: one page, or all of them (read in chunks). */
export async function overviewRecords(data: OverviewData, figure: Figure, page?: RecordPage): Promise<RecordRow[]> {
  if (page) return recordsPage(data.scope, figure, page);
  const rows: RecordRow[] = [];
  for (let offset = 0; ; offset += CHUNK) {
    const chunk = await recordsPage(data.scope, figure, { offset, limit: CHUNK });
    rows.push(...chunk);
    if (chunk.length < CHUNK) return rows;
  }
}

/** How many records are behind one figure. */
export async function countOverviewRecords(data: OverviewData, figure: Figure): Promise<number> {
  const scope = data.scope;
  const q = recordQuery(scope, figure);
  const rows = await rawQuery<{ n: number | bigint }[]>(`SELECT COUNT(*) AS "n" FROM (${q.sql}) x`, ...q.params);
  return Number(rows[0]?.n ?? 0);
}

/** The SQL of the ids (and sort keys) behind a figure, with the overview's conditions. */
function recordQuery(scope: MonitoringScope, figure: Figure): { sql: string; params: unknown[]; order: string } {
  const { filters, officeIds } = scope;
  const params: unknown[] = [];
  const offices = marks(officeIds.length);
  const partnerFilter = (pa: string) => {
    params.push(...officeIds);
    if (filters.sector) params.push(filters.sector);
    return `${pa}."dinasOfficeId" IN (${offices})${filters.sector ? ` AND ${pa}."sector" = ?` : ""}`;
  };
  const groupFilter = (g: string) => {
    params.push(...officeIds);
    if (filters.kecamatanId) params.push(filters.kecamatanId);
    if (filters.groupType) params.push(filters.groupType);
    return `${g}."dinasOfficeId" IN (${offices})${filters.kecamatanId ? ` AND ${g}."kecamatanId" = ?` : ""}${filters.groupType ? ` AND ${g}."type" = ?` : ""}`;
  };
  const period = (column: string) => {
    params.push(sqlInstant(filters.from), sqlInstant(filters.toExclusive));
    return `${column} >= ? AND ${column} < ?`;
  };
  switch (figure) {
    case "groups.formed":
    case "groups.verified":
    case "groups.active":
    case "groups.inactive":
    case "groups.partnered":
    case "visits.missing": {
      const flags = groupFlagsSql(scope, params);
      const visitMonth = sqlMonthAt(`v."visitDate"`, scopeOffset(scope), databaseKind());
      const where = {
        "groups.formed": "1 = 1",
        "groups.verified": `"verificationStatus" = 'VERIFIED'`,
        "groups.active": `"active"`,
        "groups.inactive": `NOT "active"`,
        "groups.partnered": `"partnered"`,
        "visits.missing": `"verificationStatus" = 'VERIFIED' AND (SELECT COUNT(DISTINCT ${visitMonth}) FROM "FacilitatorVisit" v WHERE v."groupId" = x."id" AND v."visitDate" >= ? AND v."visitDate" < ? AND ${visitMonth} <= ?) < ?`,
      }[figure];
      if (figure === "visits.missing") {
        const months = periodMonths(scope);
        params.push(sqlInstant(filters.from), sqlInstant(filters.toExclusive), months[months.length - 1], months.length);
      }
      return { sql: `SELECT x."id", x."type", x."name" FROM (${flags}) x WHERE ${where}`, params, order: `"type" ASC, "name" ASC, "id" ASC` };
    }
    case "mous.active":
    case "mous.expiring":
    case "mous.ended": {
      params.push(...officeIds);
      let sql = `SELECT m."id", m."endDate" FROM "Mou" m JOIN "Partner" pa ON pa."id" = m."partnerId" WHERE m."dinasOfficeId" IN (${offices}) AND ${partnerFilter("pa")}
        AND EXISTS (SELECT 1 FROM "MouGroup" mg JOIN "Group" g ON g."id" = mg."groupId" WHERE mg."mouId" = m."id" AND ${groupFilter("g")})`;
      if (figure === "mous.active") sql += ` AND m."status" = 'ACTIVE'`;
      if (figure === "mous.expiring") {
        sql += ` AND m."status" = 'ACTIVE' AND m."endDate" >= ? AND m."endDate" <= ?`;
        params.push(sqlInstant(scope.now), sqlInstant(addDays(scope.now, MOU_EXPIRY_WARNING_DAYS)));
      }
      if (figure === "mous.ended") sql += ` AND m."status" IN ('EXPIRED', 'TERMINATED') AND ${period(`m."endDate"`)}`;
      return { sql, params, order: `"endDate" ASC, "id" ASC` };
    }
    case "revenue.payments": {
      const sql = `SELECT p."id", p."confirmedAt" FROM "Payment" p ${orderedJoin()} "Invoice" i ON i."id" = p."invoiceId" ${orderedJoin()} "Group" g ON g."id" = i."groupId" ${orderedJoin()} "Partner" pa ON pa."id" = i."partnerId"
        WHERE p."status" = 'CONFIRMED' AND ${period(`p."confirmedAt"`)} AND ${groupFilter("g")} AND ${partnerFilter("pa")}`;
      return { sql, params, order: `"confirmedAt" ASC, "id" ASC` };
    }
    case "deliveries.all":
    case "deliveries.late":
    case "deliveries.rejected": {
      let sql = `SELECT d."id", d."receivedAt" FROM "Delivery" d ${orderedJoin()} "Order" o ON o."id" = d."orderId" ${orderedJoin()} "Group" g ON g."id" = o."groupId" ${orderedJoin()} "Partner" pa ON pa."id" = o."partnerId"
        WHERE ${period(`d."receivedAt"`)} AND ${groupFilter("g")} AND ${partnerFilter("pa")}`;
      if (figure === "deliveries.late") {
        const offset = scopeOffset(scope);
        sql += ` AND ${sqlDayAt(`d."receivedAt"`, offset, databaseKind())} > ${sqlDayAt(`o."deliveryDate"`, offset, databaseKind())}`;
      }
      if (figure === "deliveries.rejected") sql += ` AND COALESCE((SELECT SUM(l."deliveredQty") - SUM(l."acceptedQty") FROM "DeliveryLine" l WHERE l."deliveryId" = d."id"), 0) > 0`;
      return { sql, params, order: `"receivedAt" ASC, "id" ASC` };
    }
    case "coaching.promised":
    case "coaching.delivered":
    case "coaching.missed": {
      const status = { "coaching.promised": `s."status" <> 'CANCELLED'`, "coaching.delivered": `s."status" = 'DELIVERED'`, "coaching.missed": `s."status" = 'MISSED'` }[figure];
      const sql = `SELECT s."id", s."dueDate" FROM "CoachingSession" s ${orderedJoin()} "Group" g ON g."id" = s."groupId" ${orderedJoin()} "Partner" pa ON pa."id" = s."partnerId"
        WHERE ${period(`s."dueDate"`)} AND ${groupFilter("g")} AND ${partnerFilter("pa")} AND ${status}`;
      return { sql, params, order: `"dueDate" ASC, "id" ASC` };
    }
  }
}

/** One page of the records behind a figure: the ids by SQL (LIMIT/OFFSET), then the page's details. */
async function recordsPage(scope: MonitoringScope, figure: Figure, page: RecordPage): Promise<RecordRow[]> {
  const q = recordQuery(scope, figure);
  const ids = (await rawQuery<{ id: string }[]>(`SELECT x."id" FROM (${q.sql}) x ORDER BY ${q.order} LIMIT ? OFFSET ?`, ...q.params, page.limit, page.offset)).map((r) => r.id);
  if (!ids.length) return [];
  const inOrder = <T extends { id: string }>(rows: T[]) => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is T => !!r);
  };
  switch (figure) {
    case "groups.formed":
    case "groups.verified":
    case "groups.active":
    case "groups.inactive":
    case "groups.partnered":
    case "visits.missing": {
      const groups = inOrder(await db.group.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, verificationStatus: true, kecamatan: { select: { name: true } } } }));
      let missing: Map<string, string[]> | null = null;
      if (figure === "visits.missing") {
        const months = periodMonths(scope);
        const visits = await db.facilitatorVisit.findMany({ where: { groupId: { in: ids }, visitDate: { gte: scope.filters.from, lt: scope.filters.toExclusive } }, select: { groupId: true, visitDate: true } });
        missing = new Map(ids.map((id) => [id, months.filter((m) => !visits.some((v) => v.groupId === id && monthKey(v.visitDate, scope.zone) === m))]));
      }
      const groupRow = (g: GroupRow, missingMonths?: string[]): RecordRow => ({ id: g.id, href: `/groups/${g.id}`, title: g.name, detail: g.kecamatanName, status: g.verificationStatus, date: missingMonths?.join(", ") });
      return groups.map((g) => groupRow({ id: g.id, name: g.name, kecamatanName: g.kecamatan.name, verificationStatus: g.verificationStatus }, missing?.get(g.id)));
    }
    case "mous.active":
    case "mous.expiring":
    case "mous.ended":
      return inOrder(await db.mou.findMany({ where: { id: { in: ids } }, select: { id: true, number: true, status: true, endDate: true, partner: { select: { displayName: true } } } })).map((m) => ({
        id: m.id,
        href: `/mou/${m.id}`,
        title: m.number,
        detail: m.partner.displayName,
        status: m.status,
        date: dayKey(m.endDate, scope.zone),
      }));
    case "revenue.payments":
      return inOrder(
        await db.payment.findMany({
          where: { id: { in: ids } },
          select: { id: true, amountRupiah: true, confirmedAt: true, invoice: { select: { number: true, orderId: true, group: { select: { name: true } }, partner: { select: { displayName: true } } } } },
        }),
      ).map((p) => ({
        id: p.id,
        href: `/orders/${p.invoice.orderId}`,
        title: p.invoice.number,
        detail: `${p.invoice.group.name} · ${p.invoice.partner.displayName}`,
        date: dayKey(p.confirmedAt!, scope.zone),
        amount: p.amountRupiah,
      }));
    case "deliveries.all":
    case "deliveries.late":
    case "deliveries.rejected":
      return inOrder(
        await db.delivery.findMany({
          where: { id: { in: ids } },
          select: {
            id: true,
            receivedAt: true,
            lines: { select: { deliveredQty: true, acceptedQty: true } },
            order: { select: { id: true, number: true, deliveryDate: true, group: { select: { name: true } }, partner: { select: { displayName: true } } } },
          },
        }),
      ).map((d) => {
        const delivered = d.lines.reduce((s, l) => s + l.deliveredQty, 0);
        const accepted = d.lines.reduce((s, l) => s + l.acceptedQty, 0);
        const onTime = dayKey(d.receivedAt!, scope.zone) <= dayKey(d.order.deliveryDate, scope.zone);
        return {
          id: d.id,
          href: `/orders/${d.order.id}`,
          title: d.order.number,
          detail: `${d.order.group.name} · ${d.order.partner.displayName} · ${accepted}/${delivered}`,
          status: onTime ? "ON_TIME" : "LATE",
          date: dayKey(d.receivedAt!, scope.zone),
        };
      });
    case "coaching.promised":
    case "coaching.delivered":
    case "coaching.missed":
      return inOrder(
        await db.coachingSession.findMany({ where: { id: { in: ids } }, select: { id: true, topic: true, status: true, dueDate: true, group: { select: { name: true } }, partner: { select: { displayName: true } } } }),
      ).map((s) => ({
        id: s.id,
        href: `/coaching/${s.id}`,
        title: s.topic,
        detail: `${s.group.name} · ${s.partner.displayName}`,
        status: s.status,
        date: dayKey(s.dueDate, scope.zone),
      }));
  }
}
