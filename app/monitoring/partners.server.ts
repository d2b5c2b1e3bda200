import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { MouContent } from "~/mou/content";
import { readMouContent } from "~/mou/stored-content";
import { enthusiasm, GRACE_DAYS, indexOf, scheduleDays, type ComponentScore, type IndexResult, type PartnerEvidence } from "./enthusiasm";
import { monthsBetween } from "./overview.server";
import { portablePlaceholders } from "~/db/raw-sql";
import { sqlInstant } from "./rollup.server";
import { periodEnd, type MonitoringScope } from "./scope.server";
import { addMonths, dayKey, daysBefore, startOfDay } from "~/time/calendar";
import { databaseKind } from "~/db/database-url";
import { fixedOffsetMinutes, sqlDayAt, sqlDayBeforeAt, sqlMonthAt } from "~/time/sql-days";
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

/** At most this many ids in one `IN (…)` list (SQLite allows 32,766 variables; decision 125). */
const ID_CHUNK = 500;

/** A query over a long id list, run in chunks of ID_CHUNK ids. */
async function chunked<T>(ids: string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) out.push(...(await query(ids.slice(i, i + ID_CHUNK))));
  return out;
}

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
    db.mou.findMany({
      // the ranking only needs MoUs with a version (only a version's schedule can list quantities); the evidence page lists all
      where: {
        partner: partnerWhere,
        status: { in: ["ACTIVE", "EXPIRED", "TERMINATED"] },
        startDate: { lt: to },
        endDate: { gte: from },
        ...(records ? {} : { OR: [{ activeVersionId: { not: null } }, { currentVersionId: { not: null } }] }),
      },
      select: { id: true, partnerId: true, number: true, status: true, startDate: true, endDate: true, activeVersionId: true, currentVersionId: true },
    }),
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
  const versions = await chunked(versionIds, (ids) => db.mouVersion.findMany({ where: { id: { in: ids } }, select: { id: true, content: true } }));
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
    chunked(scheduled, (ids) => db.order.findMany({ where: { mouId: { in: ids }, status: LIVE, deliveryDate: window }, select: { mouId: true, deliveryDate: true } })),
    chunked([...new Set(messages.map((m) => m.authorId))], (ids) => db.user.findMany({ where: { id: { in: ids } }, select: { id: true, partnerId: true } })),
    detailed
      ? chunked([...new Set([...sessions.map((s) => s.groupId), ...invoices.map((i) => i.groupId)])], (ids) => db.group.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }))
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
    detail.mous.push({ id: m.id, partnerId: m.partnerId, number: m.number, status: m.status, startDate: m.startDate, endDate: m.endDate, expected: expectedDays.length, ordered: orderedDays.filter((d) => expectedSet.has(d)).length });
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
  // one SQL statement with a subquery per candidate (each an index seek), not a relation load over all partners
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
  const rows = await db.$queryRawUnsafe<{ id: string; signedAt: string | Date; lastOrder: string | Date | null; lastCoaching: string | Date | null }[]>(
    portablePlaceholders(`SELECT * FROM (SELECT p."id",
        (SELECT MIN(m."startDate") FROM "Mou" m WHERE m."partnerId" = p."id" AND m."status" = 'ACTIVE' AND m."startDate" <= ?) AS "signedAt",
        (SELECT MAX(o."createdAt") FROM "Order" o WHERE o."partnerId" = p."id" AND o."source" <> 'STANDING' AND o."status" NOT IN ('CANCELLED', 'DECLINED', 'SKIPPED') AND o."createdAt" < ?) AS "lastOrder",
        (SELECT COALESCE(s."scheduledAt", s."dueDate") FROM "CoachingSession" s WHERE s."partnerId" = p."id" AND s."status" = 'DELIVERED' AND s."dueDate" < ? ORDER BY s."dueDate" DESC LIMIT 1) AS "lastCoaching"
      FROM "Partner" p WHERE ${where}) x WHERE x."signedAt" IS NOT NULL`),
    ...params,
  );
  const result = new Map<string, { since: Date; lastOrder: Date | null; lastCoaching: Date | null }>();
  const date = (v: string | Date | null) => (v === null ? null : new Date(v));
  for (const r of rows) {
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

const emptyCounts = (): ComponentCounts => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as ComponentCounts;
const DAY_MINUTES = 1_440;

/**
 * The component counts of every partner of the scope (or one) per month ("yyyy-mm" in the scope's zone) of the
 * records' due days in the window, by two SQL aggregates, read at `min(window end, now)` as `enthusiasm` reads
 * them (GRACE_DAYS after the due day for sessions, the due day for invoices). Day comparisons at the zone's
 * fixed offset, exact to the millisecond (sqlDayBeforeAt): x ≤ 00:00 of day d ⇔ day(x − 1 ms) < d; 00:00 of
 * day d < at ⇔ d ≤ day(at − 1 ms).
 */
export async function componentCounts(scope: MonitoringScope, partnerId?: string): Promise<Map<string, Map<string, ComponentCounts>>> {
  const { filters, officeIds, zone } = scope;
  const kind = databaseKind();
  const at = new Date(Math.min(filters.toExclusive.getTime(), scope.now.getTime()));
  const offset = fixedOffsetMinutes(zone, filters.from, new Date(filters.toExclusive.getTime() + 10 * 86_400_000));
  const day = (column: string, plusDays = 0) => sqlDayAt(column, offset + plusDays * DAY_MINUTES, kind);
  const month = (column: string, plusDays = 0) => sqlMonthAt(column, offset + plusDays * DAY_MINUTES, kind);
  const dayBefore = (column: string) => sqlDayBeforeAt(column, offset, kind);
  // the last day whose 00:00 is before `at`
  const atKey = dayKey(new Date(at.getTime() - 1), zone);
  const partnerParams: unknown[] = [...officeIds];
  let partnerSql = `pa."dinasOfficeId" IN (${officeIds.map(() => "?").join(", ") || "NULL"}) AND pa."verificationStatus" = 'VERIFIED'`;
  if (filters.sector) {
    partnerSql += ` AND pa."sector" = ?`;
    partnerParams.push(filters.sector);
  }
  if (partnerId) {
    partnerSql += ` AND pa."id" = ?`;
    partnerParams.push(partnerId);
  }
  const window = [sqlInstant(filters.from), sqlInstant(filters.toExclusive)];
  const sum = (condition: string, value = "1") => `SUM(CASE WHEN ${condition} THEN ${value} ELSE 0 END)`;
  // a delivered session counts as delivered at its scheduled (else confirmed, else due) instant, as loadEvidence reads it
  const delivered = `COALESCE(s."scheduledAt", s."confirmedAt", s."dueDate")`;
  const onTime = `${dayBefore(delivered)} <= ${day(`s."dueDate"`, GRACE_DAYS)}`;
  const open = `s."status" NOT IN ('DELIVERED', 'MISSED')`;
  const overdue = `${day(`s."dueDate"`, GRACE_DAYS + 1)} <= ?`;
  const rated = `s."status" = 'DELIVERED' AND s."rating" IS NOT NULL AND s."rating" <> 0`;
  const sessionSql = `SELECT s."partnerId" AS "partnerId", ${month(`s."dueDate"`)} AS "month",
      ${sum(`s."status" = 'DELIVERED' AND ${onTime}`)} AS "sessionsOnTime",
      ${sum(`s."status" = 'DELIVERED' AND NOT (${onTime})`)} AS "sessionsLate",
      ${sum(`s."status" = 'MISSED' OR (${open} AND ${overdue})`)} AS "sessionsZero",
      ${sum(`s."status" = 'MISSED' OR (${open} AND ${overdue} AND ${month(`s."dueDate"`, GRACE_DAYS + 1)} = ${month(`s."dueDate"`)})`)} AS "sessionsZeroMonth",
      ${sum(rated)} AS "ratings",
      ${sum(rated, `(CASE WHEN s."rating" > 5 THEN 5 WHEN s."rating" < 1 THEN 1 ELSE s."rating" END) - 1`)} AS "ratingPoints"
    FROM "CoachingSession" s JOIN "Partner" pa ON pa."id" = s."partnerId"
    WHERE s."dueDate" >= ? AND s."dueDate" < ? AND s."status" <> 'CANCELLED' AND ${partnerSql}
    GROUP BY s."partnerId", ${month(`s."dueDate"`)}`;
  const paidOnTime = `${dayBefore(`i."paidAt"`)} <= ${day(`i."dueAt"`)}`;
  const unpaidOverdue = `i."paidAt" IS NULL AND ${day(`i."dueAt"`, 1)} <= ?`;
  const invoiceSql = `SELECT i."partnerId" AS "partnerId", ${month(`i."dueAt"`)} AS "month",
      ${sum(`i."paidAt" IS NOT NULL AND ${paidOnTime}`)} AS "invoicesOnTime",
      ${sum(`i."paidAt" IS NOT NULL AND NOT (${paidOnTime})`)} AS "invoicesLate",
      ${sum(unpaidOverdue)} AS "invoicesZero",
      ${sum(`${unpaidOverdue} AND ${month(`i."dueAt"`, 1)} = ${month(`i."dueAt"`)}`)} AS "invoicesZeroMonth"
    FROM "Invoice" i JOIN "Partner" pa ON pa."id" = i."partnerId"
    WHERE i."dueAt" >= ? AND i."dueAt" < ? AND i."status" <> 'VOID' AND ${partnerSql}
    GROUP BY i."partnerId", ${month(`i."dueAt"`)}`;
  const [sessionRows, invoiceRows] = await Promise.all([
    db.$queryRawUnsafe<Record<string, unknown>[]>(portablePlaceholders(sessionSql), atKey, atKey, ...window, ...partnerParams),
    db.$queryRawUnsafe<Record<string, unknown>[]>(portablePlaceholders(invoiceSql), atKey, atKey, ...window, ...partnerParams),
  ]);
  const byPartner = new Map<string, Map<string, ComponentCounts>>();
  for (const row of [...sessionRows, ...invoiceRows]) {
    const partner = String(row.partnerId);
    const months = byPartner.get(partner) ?? new Map<string, ComponentCounts>();
    byPartner.set(partner, months);
    const counts = months.get(String(row.month)) ?? emptyCounts();
    months.set(String(row.month), counts);
    for (const key of COUNT_KEYS) if (key in row) counts[key] += Number(row[key] ?? 0);
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

function rankRows(scope: MonitoringScope, loaded: Loaded, counted?: Map<string, Map<string, ComponentCounts>>): PartnerRankRow[] {
  const { from, toExclusive } = scope.filters;
  const zone = scope.zone;
  const months = monthsBetween(scope.filters.fromKey, dayKey(new Date(periodEnd(scope).getTime() - 1), zone));
  // the trend's month windows, clipped to the window: the same for every partner
  const windows = months.map((month) => {
    const start = startOfDay(`${month}-01`, zone);
    const next = startOfDay(addMonths(`${month}-01`, 1), zone);
    return { month, clippedStart: start < from ? from : start, clippedEnd: next > toExclusive ? toExclusive : next };
  });
  const rows = loaded.partners.map((p) => {
    const e = loaded.evidence.get(p.id)!;
    const countsOf = counted?.get(p.id);
    const score = (start: Date, end: Date, month?: string) => {
      const result = enthusiasm(e, start, end, scope.now, zone);
      if (!counted) return result;
      const c = countsOf ? (month ? [countsOf.get(month)].filter((x): x is ComponentCounts => !!x) : [...countsOf.values()]) : [];
      return indexFromCounts(result, c, !!month);
    };
    const result = score(from, toExclusive);
    const trend = windows.map(({ month, clippedStart, clippedEnd }) => ({ month, index: score(clippedStart, clippedEnd, month).index }));
    return { partnerId: p.id, name: p.displayName, sector: p.sector, rank: null as number | null, passive: loaded.passive.has(p.id), trend, ...result };
  });
  rows.sort((a, b) => (b.index ?? -1) - (a.index ?? -1) || a.name.localeCompare(b.name));
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
export async function partnerRanking(scope: MonitoringScope): Promise<PartnerRankRow[]> {
  const [loaded, counted] = await Promise.all([loadEvidence(scope, undefined, { records: false }), componentCounts(scope)]);
  return rankRows(scope, loaded, counted);
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
  const row = (await partnerRanking(scope)).find((r) => r.partnerId === partnerId) ?? rankRows(scope, loaded)[0]!;
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
