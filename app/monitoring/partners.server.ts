import { z } from "zod";
import { db } from "~/db/db.server";
import { inChunks } from "~/db/id-chunks";
import { DomainError } from "~/domain/errors";
import type { MouContent } from "~/mou/content";
import { readMouContent } from "~/mou/stored-content";
import { enthusiasm, GRACE_DAYS, indexOf, scheduleDays, type ComponentScore, type IndexResult, type PartnerEvidence } from "./enthusiasm";
import { monthsBetween } from "./overview.server";
import { pooledRead, portablePlaceholders } from "~/db/raw-sql";
import { dirtyDays, officesByZone, sqlInstant, staleOfficeDays } from "./rollup.server";
import { periodEnd, type MonitoringScope } from "./scope.server";
import { addDays, addMonths, dayKey, daysBefore, startOfDay } from "~/time/calendar";
import { fixedOffsetMinutes } from "~/time/sql-days";
import { componentConditions, monthDays, overdueBounds, readPartnerMonths, SUMMED_MONTHS, sumWhen, type PartnerMonthRow } from "./partner-months.server";
import { keysetPage } from "~/paging/keyset.server";
import { PAGE_SIZE, type KeySpec, type PageRequest } from "~/paging/page-params";

const LIVE = { notIn: ["CANCELLED", "DECLINED", "SKIPPED"] as ("CANCELLED" | "DECLINED" | "SKIPPED")[] };
export const PASSIVE_DAYS = 60;

type Loaded = {
  partners: { id: string; displayName: string; sector: string; dinasOfficeId: string }[];
  evidence: Map<string, PartnerEvidence>;
  /** records for the evidence page */
  detail: {
    sessions: { id: string; partnerId: string; topic: string; group: string; status: string; dueDate: Date; deliveredAt: Date | null; rating: number | null }[];
    mous: { id: string; partnerId: string; number: string; status: string; startDate: Date; endDate: Date; expected: number; ordered: number }[];
    invoices: { id: string; partnerId: string; number: string; orderId: string; group: string; dueAt: Date; paidAt: Date | null; status: string }[];
    responses: { id: string; partnerId: string; kind: "offer" | "question"; href: string; title: string; askedAt: Date; answeredAt: Date | null }[];
  };
  passive: Map<string, { since: Date; lastOrder: Date | null; lastCoaching: Date | null }>;
};


/**
 * Loads the evidence of every partner in the scope, for the window [from, to). The ranking reads the records'
 * own columns only (no relation loads over every session or invoice: Prisma loads a relation with one IN list
 * of all parent ids, the HTTP 500 of decision 106); names for the evidence page are read for one partner.
 */
async function loadEvidence(scope: MonitoringScope, partnerId?: string, { records = true }: { records?: boolean } = {}): Promise<Loaded> {
  const from = scope.filters.from;
  const to = scope.filters.toExclusive;
  const end = periodEnd(scope);
  const partnerWhere = partnerId ? { ...scope.partnerWhere, id: partnerId } : scope.partnerWhere;
  const window = { gte: from, lt: to };
  const detailed = !!partnerId;
  const sessionRecords = () =>
    db.coachingSession.findMany({
      where: { partner: partnerWhere, dueDate: window },
      select: { id: true, partnerId: true, topic: true, status: true, dueDate: true, scheduledAt: true, confirmedAt: true, rating: true, groupId: true },
      orderBy: { dueDate: "asc" },
    });
  const invoiceRecords = () =>
    db.invoice.findMany({
      where: { partner: partnerWhere, dueAt: window },
      select: { id: true, partnerId: true, number: true, orderId: true, dueAt: true, paidAt: true, status: true, groupId: true },
      orderBy: { dueAt: "asc" },
    });
  const [partners, sessions, mous, invoices, offers, messages] = await Promise.all([
    db.partner.findMany({ where: { ...partnerWhere, verificationStatus: "VERIFIED" }, select: { id: true, displayName: true, sector: true, dinasOfficeId: true }, orderBy: { displayName: "asc" } }),
    // the ranking counts sessions and invoices in SQL (componentCounts); the records are read for one partner's evidence
    records ? sessionRecords() : Promise.resolve([] as Awaited<ReturnType<typeof sessionRecords>>),
    // the evidence page lists all of the partner's MoUs in the window; the ranking needs those with a version only
    records || partnerId
      ? db.mou.findMany({
          where: { partner: partnerWhere, status: { in: ["ACTIVE", "EXPIRED", "TERMINATED"] }, startDate: { lt: to }, endDate: { gte: from } },
          select: { id: true, partnerId: true, number: true, status: true, startDate: true, endDate: true, activeVersionId: true, currentVersionId: true },
        })
      : rankingMous(scope, from, to),
    records ? invoiceRecords() : Promise.resolve([] as Awaited<ReturnType<typeof invoiceRecords>>),
    db.offer.findMany({
      where: { demand: { partner: partnerWhere }, createdAt: window },
      select: { id: true, createdAt: true, updatedAt: true, status: true, demand: { select: { id: true, title: true, partnerId: true } }, group: { select: { name: true } } },
    }),
    db.demandMessage.findMany({
      where: { demand: { partner: partnerWhere }, createdAt: window },
      select: { id: true, demandId: true, groupId: true, authorId: true, createdAt: true, demand: { select: { partnerId: true, title: true } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const versionIds = mous.map((m) => m.activeVersionId ?? m.currentVersionId).filter((v): v is string => !!v);
  const versions = await inChunks(versionIds, (ids) => db.mouVersion.findMany({ where: { id: { in: ids } }, select: { id: true, content: true } }));
  const contentOf = new Map(versions.map((v) => [v.id, v.content]));
  const parsed = new Map<string, MouContent | null>();
  const contentOfMou = (m: (typeof mous)[number]): MouContent | null => {
    const versionId = m.activeVersionId ?? m.currentVersionId;
    if (!versionId || !contentOf.has(versionId)) return null;
    if (!parsed.has(versionId)) parsed.set(versionId, readMouContent(contentOf.get(versionId), versionId));
    return parsed.get(versionId)!;
  };
  // the ordering component only needs the orders of MoUs whose schedule lists quantities
  const scheduled = mous.filter((m) => contentOfMou(m)?.scope?.items?.some((i) => i.quantityPerDelivery > 0)).map((m) => m.id);
  const [mouOrders, authors, groupNames] = await Promise.all([
    inChunks(scheduled, (ids) => db.order.findMany({ where: { mouId: { in: ids }, status: LIVE, deliveryDate: window }, select: { mouId: true, deliveryDate: true } })),
    inChunks([...new Set(messages.map((m) => m.authorId))], (ids) => db.user.findMany({ where: { id: { in: ids } }, select: { id: true, partnerId: true } })),
    detailed
      ? inChunks([...new Set([...sessions.map((s) => s.groupId), ...invoices.map((i) => i.groupId)])], (ids) => db.group.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }))
      : Promise.resolve([] as { id: string; name: string }[]),
  ]);
  const nameOf = new Map(groupNames.map((g) => [g.id, g.name]));
  const zone = scope.zone;
  const orderDaysOf = new Map<string, Set<string>>();
  for (const o of mouOrders) {
    if (!o.mouId) continue;
    const set = orderDaysOf.get(o.mouId) ?? new Set<string>();
    set.add(dayKey(o.deliveryDate, zone));
    orderDaysOf.set(o.mouId, set);
  }
  const evidence = new Map<string, PartnerEvidence>(partners.map((p) => [p.id, { sessions: [], schedules: [], invoices: [], responses: [] }]));
  const detail: Loaded["detail"] = { sessions: [], mous: [], invoices: [], responses: [] };

  for (const s of sessions) {
    const deliveredAt = s.status === "DELIVERED" ? (s.scheduledAt ?? s.confirmedAt ?? s.dueDate) : null;
    evidence.get(s.partnerId)?.sessions.push({ id: s.id, status: s.status, dueDate: s.dueDate, deliveredAt, rating: s.rating });
    if (detailed) detail.sessions.push({ id: s.id, partnerId: s.partnerId, topic: s.topic, group: nameOf.get(s.groupId) ?? "", status: s.status, dueDate: s.dueDate, deliveredAt, rating: s.rating });
  }
  const fromKey = scope.filters.fromKey;
  const lastKey = dayKey(new Date(end.getTime() - 1), zone);
  for (const m of mous) {
    const content = contentOfMou(m);
    const hasQuantities = content?.scope?.items?.some((i) => i.quantityPerDelivery > 0) ?? false;
    const startKey = [fromKey, dayKey(m.startDate, zone)].sort()[1]!;
    const endKey = [lastKey, dayKey(m.endDate, zone)].sort()[0]!;
    const expectedDays = hasQuantities ? scheduleDays(content!.scope.deliveryDays ?? [], startKey, endKey) : [];
    const orderedDays = [...(orderDaysOf.get(m.id) ?? [])];
    evidence.get(m.partnerId)?.schedules.push({ mouId: m.id, expectedDays, orderedDays });
    const expectedSet = new Set(expectedDays);
    detail.mous.push({ id: m.id, partnerId: m.partnerId, number: m.number ?? "", status: m.status, startDate: m.startDate, endDate: m.endDate, expected: expectedDays.length, ordered: orderedDays.filter((d) => expectedSet.has(d)).length });
  }
  for (const inv of invoices) {
    evidence.get(inv.partnerId)?.invoices.push({ id: inv.id, dueAt: inv.dueAt, paidAt: inv.paidAt, status: inv.status });
    if (detailed) detail.invoices.push({ id: inv.id, partnerId: inv.partnerId, number: inv.number, orderId: inv.orderId, group: nameOf.get(inv.groupId) ?? "", dueAt: inv.dueAt, paidAt: inv.paidAt, status: inv.status });
  }
  for (const o of offers) {
    const answeredAt = o.status === "SUBMITTED" ? null : o.updatedAt;
    evidence.get(o.demand.partnerId)?.responses.push({ id: o.id, kind: "offer", askedAt: o.createdAt, answeredAt });
    detail.responses.push({ id: o.id, partnerId: o.demand.partnerId, kind: "offer", href: `/partner/demands/${o.demand.id}`, title: `${o.demand.title} · ${o.group.name}`, askedAt: o.createdAt, answeredAt });
  }
  const partnerOf = new Map(authors.map((a) => [a.id, a.partnerId]));
  const open = new Map<string, { id: string; askedAt: Date; demandId: string; partnerId: string; title: string }>();
  const questions: { id: string; partnerId: string; demandId: string; title: string; askedAt: Date; answeredAt: Date | null }[] = [];
  for (const m of messages) {
    const thread = `${m.demandId}/${m.groupId}`;
    if (partnerOf.get(m.authorId) !== m.demand.partnerId) {
      if (!open.has(thread)) open.set(thread, { id: m.id, askedAt: m.createdAt, demandId: m.demandId, partnerId: m.demand.partnerId, title: m.demand.title });
    } else if (open.has(thread)) {
      const q = open.get(thread)!;
      questions.push({ ...q, answeredAt: m.createdAt });
      open.delete(thread);
    }
  }
  for (const q of open.values()) questions.push({ ...q, answeredAt: null });
  for (const q of questions) {
    evidence.get(q.partnerId)?.responses.push({ id: q.id, kind: "question", askedAt: q.askedAt, answeredAt: q.answeredAt });
    detail.responses.push({ id: q.id, partnerId: q.partnerId, kind: "question", href: `/dinas/demands/${q.demandId}`, title: q.title, askedAt: q.askedAt, answeredAt: q.answeredAt });
  }

  const passive = await passivePartners(scope, partnerId);
  return { partners, evidence, detail, passive };
}

/**
 * "Mitra pasif": a partner with an MoU in force signed at least 60 days ago that in the last 60 days
 * neither placed an order itself (standing orders are generated from the MoU schedule, not placed) nor
 * delivered a coaching session (decision 083).
 */
export async function passivePartners(scope: MonitoringScope, partnerId?: string) {
  const end = periodEnd(scope);
  // 60 calendar days in the scope's zone: from 00:00 of the day PASSIVE_DAYS before the end's day
  const since = daysBefore(end, PASSIVE_DAYS, scope.zone);
  const { officeIds, filters } = scope;
  // one SQL statement with a subquery per candidate (each an index seek), not a relation load over all partners; the
  // last order as ORDER BY … DESC LIMIT 1, which walks Order(partnerId, createdAt) back to the first match (MAX() with
  // the other conditions read all ≈ 500 orders of each partner: 70–100 ms for 2,000 partners, decision 141)
  const params: unknown[] = [sqlInstant(since), sqlInstant(end), sqlInstant(end), ...officeIds];
  let where = `p."dinasOfficeId" IN (${officeIds.map(() => "?").join(", ") || "NULL"})`;
  if (filters.sector) {
    where += ` AND p."sector" = ?`;
    params.push(filters.sector);
  }
  if (partnerId) {
    where += ` AND p."id" = ?`;
    params.push(partnerId);
  }
  // dates come back as ISO text (SQLite) or Date (PostgreSQL); placeholders numbered for PostgreSQL
  const rows = await db.$queryRawUnsafe<{ id: string; signedAt: string | Date | null; lastOrder: string | Date | null; lastCoaching: string | Date | null }[]>(
    pooledRead(portablePlaceholders(`SELECT p."id",
        (SELECT MIN(m."startDate") FROM "Mou" m WHERE m."partnerId" = p."id" AND m."status" = 'ACTIVE' AND m."startDate" <= ?) AS "signedAt",
        (SELECT o."createdAt" FROM "Order" o WHERE o."partnerId" = p."id" AND o."source" <> 'STANDING' AND o."status" NOT IN ('CANCELLED', 'DECLINED', 'SKIPPED') AND o."createdAt" < ? ORDER BY o."createdAt" DESC LIMIT 1) AS "lastOrder",
        (SELECT COALESCE(s."scheduledAt", s."dueDate") FROM "CoachingSession" s WHERE s."partnerId" = p."id" AND s."status" = 'DELIVERED' AND s."dueDate" < ? ORDER BY s."dueDate" DESC LIMIT 1) AS "lastCoaching"
      FROM "Partner" p WHERE ${where}`)),
    ...params,
  );
  const result = new Map<string, { since: Date; lastOrder: Date | null; lastCoaching: Date | null }>();
  const date = (v: string | Date | null) => (v === null ? null : new Date(v));
  for (const r of rows) {
    // no MoU in force signed by the end (filtered here: a WHERE on the subquery's alias has SQLite run it twice)
    if (r.signedAt === null) continue;
    const lastOrder = date(r.lastOrder);
    const lastCoaching = date(r.lastCoaching);
    if ((lastOrder && lastOrder >= since) || (lastCoaching && lastCoaching >= since)) continue;
    result.set(r.id, { since: new Date(r.signedAt), lastOrder, lastCoaching });
  }
  return result;
}

export type PartnerRankRow = {
  partnerId: string;
  name: string;
  sector: string;
  rank: number | null;
  passive: boolean;
  trend: { month: string; index: number | null }[];
} & IndexResult;

/**
 * What the coaching, payment and rating components need of a partner's sessions and invoices due in a month of
 * the window (decision 136): counts, not records. `*Zero` are the records that score 0 read at the window's
 * instant (missed, or still open after their deadline); `*ZeroMonth` those that score 0 read at the month's own
 * instant (the trend), i.e. whose deadline is also before the month's end.
 */
export type ComponentCounts = {
  sessionsOnTime: number;
  sessionsLate: number;
  sessionsZero: number;
  sessionsZeroMonth: number;
  ratings: number;
  /** Σ (rating − 1), each rating clamped to 1–5 */
  ratingPoints: number;
  invoicesOnTime: number;
  invoicesLate: number;
  invoicesZero: number;
  invoicesZeroMonth: number;
};

const COUNT_KEYS = [
  "sessionsOnTime",
  "sessionsLate",
  "sessionsZero",
  "sessionsZeroMonth",
  "ratings",
  "ratingPoints",
  "invoicesOnTime",
  "invoicesLate",
  "invoicesZero",
  "invoicesZeroMonth",
] as const satisfies readonly (keyof ComponentCounts)[];

/** `scope.partnerWhere` as SQL on the alias `pa` ("Partner"): the scope's offices and its sector filter. */
function scopePartnerSql(scope: MonitoringScope): { sql: string; params: unknown[] } {
  const params: unknown[] = [...scope.officeIds];
  let sql = `pa."dinasOfficeId" IN (${scope.officeIds.map(() => "?").join(", ") || "NULL"})`;
  if (scope.filters.sector) {
    sql += ` AND pa."sector" = ?`;
    params.push(scope.filters.sector);
  }
  return { sql, params };
}

/**
 * The ranking's MoUs (loadEvidence without records): in force during [from, to) with a version (only a version's
 * schedule lists quantities), from the index Mou_partner_ranking_idx alone, on the read pool beside the ranking's
 * other reads (decision 142).
 */
async function rankingMous(scope: MonitoringScope, from: Date, to: Date) {
  const partners = scopePartnerSql(scope);
  const rows = await db.$queryRawUnsafe<{ id: string; partnerId: string; status: string; startDate: string | Date; endDate: string | Date; activeVersionId: string | null; currentVersionId: string | null }[]>(
    pooledRead(
      portablePlaceholders(`SELECT m."id", m."partnerId", m."status", m."startDate", m."endDate", m."activeVersionId", m."currentVersionId"
        FROM "Mou" m WHERE m."partnerId" IN (SELECT pa."id" FROM "Partner" pa WHERE ${partners.sql})
          AND m."status" IN ('ACTIVE', 'EXPIRED', 'TERMINATED') AND m."startDate" < ? AND m."endDate" >= ?
          AND (m."activeVersionId" IS NOT NULL OR m."currentVersionId" IS NOT NULL)`),
    ),
    ...partners.params,
    sqlInstant(to),
    sqlInstant(from),
  );
  // dates come back as ISO text (SQLite) or Date (PostgreSQL)
  return rows.map((m) => ({ ...m, number: null as string | null, startDate: new Date(m.startDate), endDate: new Date(m.endDate) }));
}

const emptyCounts = (): ComponentCounts => ({
  sessionsOnTime: 0,
  sessionsLate: 0,
  sessionsZero: 0,
  sessionsZeroMonth: 0,
  ratings: 0,
  ratingPoints: 0,
  invoicesOnTime: 0,
  invoicesLate: 0,
  invoicesZero: 0,
  invoicesZeroMonth: 0,
});

/** The component counts of a rollup month, read at an instant after every deadline of the month (decision 141). */
function countsOfRollup(r: PartnerMonthRow): ComponentCounts {
  const n = (v: unknown) => Number(v ?? 0);
  return {
    sessionsOnTime: n(r.sessionsOnTime),
    sessionsLate: n(r.sessionsLate),
    sessionsZero: n(r.sessionsMissed) + n(r.sessionsOpen),
    sessionsZeroMonth: n(r.sessionsMissed) + n(r.sessionsOpen) - n(r.sessionsOpenSpill),
    ratings: n(r.ratings),
    ratingPoints: n(r.ratingPoints),
    invoicesOnTime: n(r.invoicesOnTime),
    invoicesLate: n(r.invoicesLate),
    invoicesZero: n(r.invoicesOpen),
    invoicesZeroMonth: n(r.invoicesOpen) - n(r.invoicesOpenSpill),
  };
}

/**
 * Which months of the window the rollup answers (decision 141): wholly in the window, every deadline of the month
 * over at `atKey` (the last day whose 00:00 is before the reading instant), no day of it marked stale, and every
 * office of the scope in the scope's zone (the rollup's months are its partners' office zone's). The other days
 * of the window, as day ranges, are counted live.
 */
async function splitWindow(scope: MonitoringScope, atKey: string): Promise<{ rollupMonths: string[]; liveDays: [string, string][] }> {
  const { fromKey, toKey } = scope.filters;
  const months = monthsBetween(fromKey, toKey);
  const everyDayLive = { rollupMonths: [], liveDays: [[fromKey, toKey]] as [string, string][] };
  const zones = await officesByZone(db, scope.officeIds);
  if (zones.size !== 1 || !zones.has(scope.zone)) return everyDayLive;
  const candidates = months.filter((m) => {
    const [first, last] = monthDays(m);
    return first >= fromKey && last <= toKey && addDays(last, GRACE_DAYS + 1) <= atKey;
  });
  if (!candidates.length) return everyDayLive;
  const [firstDay] = monthDays(candidates[0]!);
  const [, lastDay] = monthDays(candidates[candidates.length - 1]!);
  const stale = new Set(staleOfficeDays(await dirtyDays(db, addDays(firstDay, -1), lastDay)).map((d) => d.slice(0, 7)));
  const rollupMonths = candidates.filter((m) => !stale.has(m));
  const inRollup = new Set(rollupMonths);
  const liveDays: [string, string][] = [];
  for (const m of months) {
    if (inRollup.has(m)) continue;
    const [first, last] = monthDays(m);
    const a = first < fromKey ? fromKey : first;
    const b = last > toKey ? toKey : last;
    const previous = liveDays[liveDays.length - 1];
    if (previous && addDays(previous[1], 1) === a) previous[1] = b;
    else liveDays.push([a, b]);
  }
  return { rollupMonths, liveDays };
}

/**
 * The component counts of every partner of the scope (or one) per month ("yyyy-mm" in the scope's zone) of the
 * records' due days in the window, read at `min(window end, now)` as `enthusiasm` reads them (GRACE_DAYS after
 * the due day for sessions, the due day for invoices). Settled months come from the partner-month rollup
 * (decision 141); the other days by two SQL aggregates over the records (decision 136). Day comparisons at the
 * zone's fixed offset, exact to the millisecond (sqlDayBeforeAt): x ≤ 00:00 of day d ⇔ day(x − 1 ms) < d;
 * 00:00 of day d < at ⇔ d ≤ day(at − 1 ms).
 */
export async function componentCounts(
  scope: MonitoringScope,
  partners?: string | string[],
  { rollup = true, perMonth = true }: { rollup?: boolean; perMonth?: boolean } = {},
): Promise<Map<string, Map<string, ComponentCounts>>> {
  const { filters, zone } = scope;
  const at = new Date(Math.min(filters.toExclusive.getTime(), scope.now.getTime()));
  const offset = fixedOffsetMinutes(zone, filters.from, new Date(filters.toExclusive.getTime() + 10 * 86_400_000));
  // the last day whose 00:00 is before `at`
  const atKey = dayKey(new Date(at.getTime() - 1), zone);
  const scoped = scopePartnerSql(scope);
  const partnerParams: unknown[] = scoped.params;
  let partnerSql = `${scoped.sql} AND pa."verificationStatus" = 'VERIFIED'`;
  const partnerIds = typeof partners === "string" ? [partners] : partners;
  if (partnerIds) {
    if (!partnerIds.length) return new Map();
    partnerSql += ` AND pa."id" IN (${partnerIds.map(() => "?").join(", ")})`;
    partnerParams.push(...partnerIds);
  }
  const { rollupMonths, liveDays } = rollup ? await splitWindow(scope, atKey) : { rollupMonths: [], liveDays: [[filters.fromKey, filters.toKey]] as [string, string][] };
  const c = componentConditions(offset);
  const ranges = (column: string) => {
    const params: unknown[] = [];
    const sql = liveDays.map(([a, b]) => {
      params.push(sqlInstant(startOfDay(a, zone)), sqlInstant(startOfDay(addDays(b, 1), zone)));
      return `(${column} >= ? AND ${column} < ?)`;
    });
    return { sql: `(${sql.join(" OR ")})`, params };
  };
  // summed over the window (perMonth: false, no trend): no month per record and no trend's zero counts, fewer day
  // expressions per row
  const sessionRanges = ranges(`s."dueDate"`);
  const sessionMonth = perMonth ? c.sessionMonth : `'${SUMMED_MONTHS}'`;
  const sessionSql = `SELECT s."partnerId" AS "partnerId", ${sessionMonth} AS "month",
      ${sumWhen(`s."status" = 'DELIVERED' AND ${c.sessionOnTime}`)} AS "sessionsOnTime",
      ${sumWhen(`s."status" = 'DELIVERED'`)} AS "sessionsDelivered",
      ${sumWhen(`s."status" = 'MISSED' OR (${c.sessionOpen} AND ${c.sessionOverdue})`)} AS "sessionsZero",
      ${perMonth ? sumWhen(`s."status" = 'MISSED' OR (${c.sessionOpen} AND ${c.sessionOverdue} AND ${c.sessionStays})`) : "0"} AS "sessionsZeroMonth",
      ${sumWhen(c.rated)} AS "ratings",
      ${sumWhen(c.rated, c.ratingPoints)} AS "ratingPoints"
    FROM "CoachingSession" s JOIN "Partner" pa ON pa."id" = s."partnerId"
    WHERE ${sessionRanges.sql} AND s."status" <> 'CANCELLED' AND ${partnerSql}
    GROUP BY s."partnerId"${perMonth ? `, ${c.sessionMonth}` : ""}`;
  const invoiceRanges = ranges(`i."dueAt"`);
  const unpaidOverdue = `i."paidAt" IS NULL AND ${c.invoiceOverdue}`;
  const invoiceMonth = perMonth ? c.invoiceMonth : `'${SUMMED_MONTHS}'`;
  const invoiceSql = `SELECT i."partnerId" AS "partnerId", ${invoiceMonth} AS "month",
      ${sumWhen(`i."paidAt" IS NOT NULL AND ${c.paidOnTime}`)} AS "invoicesOnTime",
      ${sumWhen(`i."paidAt" IS NOT NULL`)} AS "invoicesPaid",
      ${sumWhen(unpaidOverdue)} AS "invoicesZero",
      ${perMonth ? sumWhen(`${unpaidOverdue} AND ${c.invoiceStays}`) : "0"} AS "invoicesZeroMonth"
    FROM "Invoice" i JOIN "Partner" pa ON pa."id" = i."partnerId"
    WHERE ${invoiceRanges.sql} AND i."status" <> 'VOID' AND ${partnerSql}
    GROUP BY i."partnerId"${perMonth ? `, ${c.invoiceMonth}` : ""}`;
  const live = liveDays.length > 0;
  // the overdue day of the window's zero counts, and of the trend's when counted per month
  const overdue = overdueBounds(atKey, zone);
  const sessionOverdueParams = perMonth ? [overdue.sessions, overdue.sessions] : [overdue.sessions];
  const invoiceOverdueParams = perMonth ? [overdue.invoices, overdue.invoices] : [overdue.invoices];
  const [sessionRows, invoiceRows, rollupRows] = await Promise.all([
    live ? db.$queryRawUnsafe<Record<string, unknown>[]>(pooledRead(portablePlaceholders(sessionSql)), ...sessionOverdueParams, ...sessionRanges.params, ...partnerParams) : [],
    live ? db.$queryRawUnsafe<Record<string, unknown>[]>(pooledRead(portablePlaceholders(invoiceSql)), ...invoiceOverdueParams, ...invoiceRanges.params, ...partnerParams) : [],
    readPartnerMonths(db, rollupMonths, partnerSql, partnerParams, { perMonth, fewPartners: !!partnerIds && partnerIds.length <= 200 }),
  ]);
  const byPartner = new Map<string, Map<string, ComponentCounts>>();
  const countsOf = (partner: unknown, month: unknown): ComponentCounts => {
    let months = byPartner.get(String(partner));
    if (!months) byPartner.set(String(partner), (months = new Map()));
    let counts = months.get(String(month));
    if (!counts) months.set(String(month), (counts = emptyCounts()));
    return counts;
  };
  const n = (v: unknown) => Number(v ?? 0);
  // late = delivered (paid) − on time: each record's on-time day expressions evaluated once
  for (const row of sessionRows) {
    const c = countsOf(row.partnerId, row.month);
    c.sessionsOnTime += n(row.sessionsOnTime);
    c.sessionsLate += n(row.sessionsDelivered) - n(row.sessionsOnTime);
    c.sessionsZero += n(row.sessionsZero);
    c.sessionsZeroMonth += n(row.sessionsZeroMonth);
    c.ratings += n(row.ratings);
    c.ratingPoints += n(row.ratingPoints);
  }
  for (const row of invoiceRows) {
    const c = countsOf(row.partnerId, row.month);
    c.invoicesOnTime += n(row.invoicesOnTime);
    c.invoicesLate += n(row.invoicesPaid) - n(row.invoicesOnTime);
    c.invoicesZero += n(row.invoicesZero);
    c.invoicesZeroMonth += n(row.invoicesZeroMonth);
  }
  for (const row of rollupRows) {
    const c = countsOf(row.partnerId, row.month);
    const r = countsOfRollup(row);
    for (const key of COUNT_KEYS) c[key] += r[key];
  }
  return byPartner;
}

const scoreOf = (points: number, records: number): ComponentScore => ({ score: records ? points / records : null, records });

/**
 * The index from the counts of some months (all of the window, or one month of the trend) and the partner's
 * other evidence (schedules, responses) read by `enthusiasm` over the same window: the same figures as
 * `enthusiasm` over the records (sums of 1, ½ and quarters are exact in floating point).
 */
function indexFromCounts(other: IndexResult, counts: ComponentCounts[], trend: boolean): IndexResult {
  const c = emptyCounts();
  for (const m of counts) for (const key of COUNT_KEYS) c[key] += m[key];
  const sessionsZero = trend ? c.sessionsZeroMonth : c.sessionsZero;
  const invoicesZero = trend ? c.invoicesZeroMonth : c.invoicesZero;
  const components = {
    ...other.components,
    coaching: scoreOf(c.sessionsOnTime + c.sessionsLate * 0.5, c.sessionsOnTime + c.sessionsLate + sessionsZero),
    payment: scoreOf(c.invoicesOnTime + c.invoicesLate * 0.5, c.invoicesOnTime + c.invoicesLate + invoicesZero),
    rating: scoreOf(c.ratingPoints / 4, c.ratings),
  };
  return { ...indexOf(components), components };
}

/** The trend's month windows of the scope, clipped to the window: the same for every partner. */
function trendWindows(scope: MonitoringScope) {
  const { from, toExclusive } = scope.filters;
  const zone = scope.zone;
  return monthsBetween(scope.filters.fromKey, dayKey(new Date(periodEnd(scope).getTime() - 1), zone)).map((month) => {
    const start = startOfDay(`${month}-01`, zone);
    const next = startOfDay(addMonths(`${month}-01`, 1), zone);
    return { month, clippedStart: start < from ? from : start, clippedEnd: next > toExclusive ? toExclusive : next };
  });
}

/** One partner's index per month of the window, from its evidence and (when counted in SQL) its counts per month. */
function trendOf(scope: MonitoringScope, e: PartnerEvidence, countsOf: Map<string, ComponentCounts> | undefined, counted: boolean, windows = trendWindows(scope)) {
  return windows.map(({ month, clippedStart, clippedEnd }) => {
    const result = enthusiasm(e, clippedStart, clippedEnd, scope.now, scope.zone);
    const month_ = countsOf?.get(month);
    return { month, index: counted ? indexFromCounts(result, month_ ? [month_] : [], true).index : result.index };
  });
}

function rankRows(scope: MonitoringScope, loaded: Loaded, counted?: Map<string, Map<string, ComponentCounts>>, { trend = true }: { trend?: boolean } = {}): PartnerRankRow[] {
  const { from, toExclusive } = scope.filters;
  const windows = trendWindows(scope);
  const rows = loaded.partners.map((p) => {
    const e = loaded.evidence.get(p.id)!;
    const countsOf = counted?.get(p.id);
    const whole = enthusiasm(e, from, toExclusive, scope.now, scope.zone);
    const result = counted ? indexFromCounts(whole, countsOf ? [...countsOf.values()] : [], false) : whole;
    const months = trend ? trendOf(scope, e, countsOf, !!counted, windows) : [];
    return { partnerId: p.id, name: p.displayName, sector: p.sector, rank: null as number | null, passive: loaded.passive.has(p.id), trend: months, ...result };
  });
  // one collator for the whole sort (String.localeCompare builds one per comparison)
  const byName = new Intl.Collator().compare;
  rows.sort((a, b) => (b.index ?? -1) - (a.index ?? -1) || byName(a.name, b.name));
  let rank = 0;
  let previous: number | null = null;
  rows.forEach((r, i) => {
    if (r.index === null) return;
    if (r.index !== previous) rank = i + 1;
    previous = r.index;
    r.rank = rank;
  });
  return rows;
}

/**
 * Partners of the scope ranked by enthusiasm (those with too little history last, unranked). Sessions and
 * invoices are counted in SQL per partner and month (componentCounts, decision 136), not loaded.
 */
export async function partnerRanking(scope: MonitoringScope, { trendFor }: { trendFor?: (ranked: PartnerRankRow[]) => string[] } = {}): Promise<PartnerRankRow[]> {
  if (!trendFor) {
    const [loaded, counted] = await Promise.all([loadEvidence(scope, undefined, { records: false }), componentCounts(scope)]);
    return rankRows(scope, loaded, counted);
  }
  // the ranking from the window's sums; the monthly trend only for the partners `trendFor` picks (a page's rows:
  // 2,000 partners × 12 months of trend is most of the ranking's time, decision 141), the others get none
  const [loaded, counted] = await Promise.all([loadEvidence(scope, undefined, { records: false }), componentCounts(scope, undefined, { perMonth: false })]);
  const rows = rankRows(scope, loaded, counted, { trend: false });
  const ids = trendFor(rows);
  if (ids.length) {
    const monthly = await componentCounts(scope, ids);
    const windows = trendWindows(scope);
    const byId = new Map(rows.map((r) => [r.partnerId, r]));
    for (const id of ids) {
      const row = byId.get(id);
      if (row) row.trend = trendOf(scope, loaded.evidence.get(id)!, monthly.get(id), true, windows);
    }
  }
  return rows;
}

/** The ranking page's query: page number and a part of the partner's name (bad values fall back to the first page, no search). */
export const RankingPageSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  q: z.string().trim().max(100).catch(""),
});
export const RANKING_PAGE_SIZE = 50;

/**
 * One page of the ranking (decision 141): the ranks stay those of the whole ranking; a search keeps the rows
 * whose name contains the words, in rank order. A page past the end shows the last one.
 */
export function rankingPage(rows: PartnerRankRow[], input: URLSearchParams, size = RANKING_PAGE_SIZE) {
  const { page, q } = RankingPageSchema.parse(Object.fromEntries(input));
  const words = q.toLocaleLowerCase("id").split(/\s+/).filter(Boolean);
  const matching = words.length ? rows.filter((r) => words.every((w) => r.name.toLocaleLowerCase("id").includes(w))) : rows;
  const pages = Math.max(1, Math.ceil(matching.length / size));
  const current = Math.min(page, pages);
  const start = (current - 1) * size;
  return {
    rows: matching.slice(start, start + size),
    q,
    total: matching.length,
    from: matching.length ? start + 1 : 0,
    to: Math.min(start + size, matching.length),
    // cursors for the Pager ("" is the first page)
    next: current < pages ? String(current + 1) : null,
    previous: current > 2 ? String(current - 1) : current === 2 ? "" : null,
  };
}

/** The same ranking from every session and invoice record of the window read into the process (the reference the SQL counts are tested against). */
export async function partnerRankingFromRecords(scope: MonitoringScope): Promise<PartnerRankRow[]> {
  return rankRows(scope, await loadEvidence(scope));
}

/** One partner's index with the records behind each component. Refuses a partner outside the scope. */
export async function partnerEvidence(scope: MonitoringScope, partnerId: string) {
  const loaded = await loadEvidence(scope, partnerId);
  const partner = loaded.partners[0];
  if (!partner) throw new DomainError("errors:notFound");
  const row = (await partnerRanking(scope, { trendFor: () => [partnerId] })).find((r) => r.partnerId === partnerId) ?? rankRows(scope, loaded)[0]!;
  const passive = loaded.passive.get(partnerId) ?? null;
  return { partner, row, passive, ...loaded.detail };
}

/** The evidence page's session list: by due date, then id (decision 122). */
export const EVIDENCE_SESSION_KEY: KeySpec = [
  { path: "dueDate", type: "date", direction: "asc" },
  { path: "id", type: "string", direction: "asc" },
];

/** The evidence page's invoice list: by due date, then id (decision 122). */
export const EVIDENCE_INVOICE_KEY: KeySpec = [
  { path: "dueAt", type: "date", direction: "asc" },
  { path: "id", type: "string", direction: "asc" },
];

/**
 * One page of a partner's coaching sessions due in the scope's window, for the evidence page: the scope, the
 * partner, the window and the cursor in one WHERE (a partner outside the scope lists nothing).
 */
export async function evidenceSessionPage(scope: MonitoringScope, partnerId: string, request: PageRequest = {}, take = PAGE_SIZE) {
  const page = await keysetPage(
    EVIDENCE_SESSION_KEY,
    request,
    ({ where, orderBy, take }) =>
      db.coachingSession.findMany({
        where: { AND: [{ partnerId, partner: scope.partnerWhere, dueDate: { gte: scope.filters.from, lt: scope.filters.toExclusive } }, where] },
        orderBy,
        take,
        select: { id: true, topic: true, status: true, dueDate: true, rating: true, group: { select: { name: true } } },
      }),
    (s) => [s.dueDate, s.id],
    take,
  );
  return { ...page, rows: page.rows.map((s) => ({ id: s.id, topic: s.topic, group: s.group.name, status: s.status, dueDate: s.dueDate, rating: s.rating })) };
}

/** One page of a partner's invoices due in the scope's window, for the evidence page (as above). */
export async function evidenceInvoicePage(scope: MonitoringScope, partnerId: string, request: PageRequest = {}, take = PAGE_SIZE) {
  return keysetPage(
    EVIDENCE_INVOICE_KEY,
    request,
    ({ where, orderBy, take }) =>
      db.invoice.findMany({
        where: { AND: [{ partnerId, partner: scope.partnerWhere, dueAt: { gte: scope.filters.from, lt: scope.filters.toExclusive } }, where] },
        orderBy,
        take,
        select: { id: true, number: true, dueAt: true, paidAt: true, status: true },
      }),
    (i) => [i.dueAt, i.id],
    take,
  );
}
