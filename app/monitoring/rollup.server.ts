// relative imports and no database client of its own: the seed (outside the app's aliases) calls it with its client
import type { PrismaClient } from "../generated/prisma/client";
import { databaseKind } from "../db/database-url";
import { pooledRead, portablePlaceholders } from "../db/raw-sql";
import { addDays, addMonths, dayKey, daysBetween, startOfDay, type DayKey } from "../time/calendar";
import { recomputePartnerMonths } from "./partner-months.server";
import { fixedOffsetMinutes, officeDayWithinUtcDayAndNext, officeZone, sqlDayAt, sqlUtcDay, type SqlDialect } from "../time/sql-days";

/**
 * The monitoring rollup (decision 125). `MonitoringDaily` holds, per office day (the day in the zone of the
 * group's Dinas office, decision 123) and per filter dimension of the overview (group office, kecamatan, group
 * type, partner office, partner sector), the confirmed payments (by confirmedAt), the handovers (by receivedAt)
 * and the coaching sessions (by dueDate) of that day. Database triggers (SQLite: migration 20261201192000;
 * PostgreSQL: app/db/postgres-specific.server.ts) mark the UTC day of every changed source instant in
 * `MonitoringDirtyDay` (bumping its `version`); an instant of UTC day D lies on office day D or D + 1 (every
 * office zone is ahead of UTC by less than a day), so both are stale. The job `refreshMonitoringRollups`
 * recomputes those office days. The overview (`monitoringFacts`) reads the rollup for past office days that are
 * not stale and computes today, later days and stale days live from the same SQL, so its figures are always
 * those of the records, whatever the job's delay.
 *
 * The SQL runs on SQLite and PostgreSQL: `?` placeholders (numbered for PostgreSQL), day expressions from
 * app/time/sql-days.ts with the office's fixed UTC offset. On SQLite the fact branches use CROSS JOIN, which
 * SQLite reads as "join in this order": the date index drives, never the office's groups (that plan walked every
 * order of 5,000 groups at the benchmark's size); PostgreSQL's planner gets a plain JOIN.
 */

type Client = Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe" | "$transaction">;

const dialect = (): SqlDialect => databaseKind();
/** A join SQLite keeps in written order (CROSS JOIN … ON); PostgreSQL has no such form and plans itself. */
export const orderedJoin = () => (dialect() === "postgresql" ? "JOIN" : "CROSS JOIN");
// reads may run on the SQLite read pool, beside a page's other reads (decision 142); in a transaction they run in it
const query = <T>(client: Client, sql: string, ...params: unknown[]) => client.$queryRawUnsafe<T>(pooledRead(portablePlaceholders(sql)), ...params);
const execute = (client: Client, sql: string, ...params: unknown[]) => client.$executeRawUnsafe(portablePlaceholders(sql), ...params);

/** An instant as the SQLite adapter stores a DateTime, so text comparisons with stored values are exact (PostgreSQL reads it as its timestamp). */
export const sqlInstant = (at: Date) => at.toISOString().replace("Z", "+00:00");

/** The offset (minutes ahead of UTC) of a zone over the office days [fromKey, toKey]. */
function offsetOver(zone: string, fromKey: DayKey, toKey: DayKey): number {
  const minutes = fixedOffsetMinutes(zone, startOfDay(fromKey, zone), startOfDay(addDays(toKey, 1), zone));
  // the dirty marks are UTC days: an office ahead of UTC by a day or more (or behind it) would need other marks
  if (!officeDayWithinUtcDayAndNext(minutes)) throw new RangeError(`The monitoring rollup needs office zones 0–24 h ahead of UTC, not ${zone}`);
  return minutes;
}

export type Range = { from: Date; to: Date };
/**
 * Which records a fact query counts: groups of these offices (and kecamatan, type), partners of these
 * offices (null: any) and sector.
 */
export type FactFilter = { groupOfficeIds: string[]; partnerOfficeIds: string[] | null; kecamatanId: string | null; groupType: string | null; sector: string | null };
/** The overview's dimensions: groups and partners of the scope's offices, and the filters. */
export type Dimensions = { officeIds: string[]; kecamatanId: string | null; groupType: string | null; sector: string | null };

const MEASURES = [
  "paymentsCount",
  "paymentsRupiah",
  "deliveries",
  "deliveriesOnTime",
  "deliveredQty",
  "acceptedQty",
  "sessionsPromised",
  "sessionsDelivered",
  "sessionsMissed",
  "sessionsReported",
] as const;
export type Measure = (typeof MEASURES)[number] | "sessionsDueSoFar";
export type Facts = Record<Measure, number>;

export const emptyFacts = (): Facts => ({
  paymentsCount: 0,
  paymentsRupiah: 0,
  deliveries: 0,
  deliveriesOnTime: 0,
  deliveredQty: 0,
  acceptedQty: 0,
  sessionsPromised: 0,
  sessionsDelivered: 0,
  sessionsMissed: 0,
  sessionsReported: 0,
  sessionsDueSoFar: 0,
});

const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ") || "NULL";

function rangesWhere(column: string, ranges: Range[], params: unknown[]): string {
  const parts = ranges.map((r) => {
    params.push(sqlInstant(r.from), sqlInstant(r.to));
    return `(${column} >= ? AND ${column} < ?)`;
  });
  return parts.length ? `(${parts.join(" OR ")})` : "1 = 0";
}

function filterWhere(f: FactFilter, params: unknown[], g = "g", pa = "pa"): string {
  params.push(...f.groupOfficeIds);
  let sql = ` AND ${g}."dinasOfficeId" IN (${marks(f.groupOfficeIds.length)})`;
  if (f.partnerOfficeIds) {
    params.push(...f.partnerOfficeIds);
    sql += ` AND ${pa}."dinasOfficeId" IN (${marks(f.partnerOfficeIds.length)})`;
  }
  if (f.kecamatanId) {
    sql += ` AND ${g}."kecamatanId" = ?`;
    params.push(f.kecamatanId);
  }
  if (f.groupType) {
    sql += ` AND ${g}."type" = ?`;
    params.push(f.groupType);
  }
  if (f.sector) {
    sql += ` AND ${pa}."sector" = ?`;
    params.push(f.sector);
  }
  return sql;
}

function rollupFilterWhere(f: FactFilter, params: unknown[]): string {
  params.push(...f.groupOfficeIds);
  let sql = ` AND r."groupOfficeId" IN (${marks(f.groupOfficeIds.length)})`;
  if (f.partnerOfficeIds) {
    params.push(...f.partnerOfficeIds);
    sql += ` AND r."partnerOfficeId" IN (${marks(f.partnerOfficeIds.length)})`;
  }
  if (f.kecamatanId) {
    sql += ` AND r."kecamatanId" = ?`;
    params.push(f.kecamatanId);
  }
  if (f.groupType) {
    sql += ` AND r."groupType" = ?`;
    params.push(f.groupType);
  }
  if (f.sector) {
    sql += ` AND r."sector" = ?`;
    params.push(f.sector);
  }
  return sql;
}

/**
 * One row per source record in the ranges (payments by confirmedAt, handovers by receivedAt, sessions by
 * dueDate), with its day (at `dayOffset`, minutes ahead of UTC), its dimensions and its measures. A handover is
 * on time when its day is not after the order's delivery day, at the same offset. `dueSoFarEnd`: a promised session counts as due so far when delivered, missed or due before that
 * instant (the overview's "due so far").
 */
function factsSql(ranges: Range[], f: FactFilter, dueSoFarEnd: Date, params: unknown[], dayOffset: number): string {
  const db = dialect();
  const join = orderedJoin();
  const day = (column: string) => sqlDayAt(column, dayOffset, db);
  const cols = (dayExpr: string, measures: string) =>
    `${dayExpr} AS "day", g."dinasOfficeId" AS "groupOfficeId", g."kecamatanId" AS "kecamatanId", g."type" AS "groupType", pa."dinasOfficeId" AS "partnerOfficeId", pa."sector" AS "sector", ${measures}`;
  const zeros = (from: number, to: number) => MEASURES.slice(from, to).map((m) => `0 AS "${m}"`);
  const payments = `SELECT ${cols(day(`p."confirmedAt"`), [`1 AS "paymentsCount"`, `p."amountRupiah" AS "paymentsRupiah"`, ...zeros(2, 10), `0 AS "sessionsDueSoFar"`].join(", "))}
    FROM "Payment" p ${join} "Invoice" i ON i."id" = p."invoiceId" ${join} "Group" g ON g."id" = i."groupId" ${join} "Partner" pa ON pa."id" = i."partnerId"
    WHERE p."status" = 'CONFIRMED' AND ${rangesWhere(`p."confirmedAt"`, ranges, params)}${filterWhere(f, params)}`;
  const deliveries = `SELECT ${cols(day(`d."receivedAt"`), [
    ...zeros(0, 2),
    `1 AS "deliveries"`,
    `CASE WHEN ${day(`d."receivedAt"`)} <= ${day(`o."deliveryDate"`)} THEN 1 ELSE 0 END AS "deliveriesOnTime"`,
    `COALESCE((SELECT SUM(l."deliveredQty") FROM "DeliveryLine" l WHERE l."deliveryId" = d."id"), 0) AS "deliveredQty"`,
    `COALESCE((SELECT SUM(l."acceptedQty") FROM "DeliveryLine" l WHERE l."deliveryId" = d."id"), 0) AS "acceptedQty"`,
    ...zeros(6, 10),
    `0 AS "sessionsDueSoFar"`,
  ].join(", "))}
    FROM "Delivery" d ${join} "Order" o ON o."id" = d."orderId" ${join} "Group" g ON g."id" = o."groupId" ${join} "Partner" pa ON pa."id" = o."partnerId"
    WHERE ${rangesWhere(`d."receivedAt"`, ranges, params)}${filterWhere(f, params)}`;
  const promised = `s."status" <> 'CANCELLED'`;
  const dueSoFar = `CASE WHEN ${promised} AND (s."status" IN ('DELIVERED', 'MISSED') OR s."dueDate" < ?) THEN 1 ELSE 0 END AS "sessionsDueSoFar"`;
  const sessionMeasures = [
    ...zeros(0, 6),
    `CASE WHEN ${promised} THEN 1 ELSE 0 END AS "sessionsPromised"`,
    `CASE WHEN s."status" = 'DELIVERED' THEN 1 ELSE 0 END AS "sessionsDelivered"`,
    `CASE WHEN s."status" = 'MISSED' THEN 1 ELSE 0 END AS "sessionsMissed"`,
    `CASE WHEN s."status" = 'DELIVERED' AND EXISTS (SELECT 1 FROM "CoachingFile" cf WHERE cf."sessionId" = s."id" AND cf."kind" = 'REPORT') THEN 1 ELSE 0 END AS "sessionsReported"`,
    dueSoFar,
  ].join(", ");
  // the dueSoFar parameter comes first in the session branch (it is in the select list)
  const sessionParams: unknown[] = [sqlInstant(dueSoFarEnd)];
  const sessionWhere = `${rangesWhere(`s."dueDate"`, ranges, sessionParams)}${filterWhere(f, sessionParams)}`;
  const sessions = `SELECT ${cols(day(`s."dueDate"`), sessionMeasures)}
    FROM "CoachingSession" s ${join} "Group" g ON g."id" = s."groupId" ${join} "Partner" pa ON pa."id" = s."partnerId"
    WHERE ${sessionWhere}`;
  params.push(...sessionParams);
  return `${payments}\nUNION ALL\n${deliveries}\nUNION ALL\n${sessions}`;
}

const FAR_FUTURE = new Date("9999-01-01T00:00:00.000Z");
const sums = MEASURES.map((m) => `SUM("${m}") AS "${m}"`).join(", ");

type Office = { id: string; zone: string };

/** The offices (all, or these) by their zone. */
export async function officesByZone(client: Client, officeIds?: string[]): Promise<Map<string, string[]>> {
  const rows = officeIds
    ? officeIds.length
      ? await query<{ id: string; timeZone: string }[]>(client, `SELECT "id", "timeZone" FROM "DinasOffice" WHERE "id" IN (${marks(officeIds.length)})`, ...officeIds)
      : []
    : await query<{ id: string; timeZone: string }[]>(client, `SELECT "id", "timeZone" FROM "DinasOffice"`);
  const byZone = new Map<string, string[]>();
  for (const o of rows.map((r): Office => ({ id: r.id, zone: officeZone(r) }))) byZone.set(o.zone, [...(byZone.get(o.zone) ?? []), o.id]);
  return byZone;
}

/** Recomputes the rollup rows of the office days [fromKey, toKey] (both included) of every office, in one transaction. */
async function recomputeDays(client: Client, fromKey: DayKey, toKey: DayKey, byZone: Map<string, string[]>): Promise<number> {
  const statements = [];
  // two job runs at once (PostgreSQL, several instances) would both delete and insert the same keys
  if (dialect() === "postgresql") statements.push(client.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(4242125)`));
  statements.push(execute(client, `DELETE FROM "MonitoringDaily" WHERE "day" >= ? AND "day" <= ?`, fromKey, toKey));
  for (const [zone, officeIds] of byZone) {
    const offset = offsetOver(zone, fromKey, toKey);
    const params: unknown[] = [];
    const range = { from: startOfDay(fromKey, zone), to: startOfDay(addDays(toKey, 1), zone) };
    const facts = factsSql([range], { groupOfficeIds: officeIds, partnerOfficeIds: null, kecamatanId: null, groupType: null, sector: null }, FAR_FUTURE, params, offset);
    statements.push(
      execute(
        client,
        `INSERT INTO "MonitoringDaily" ("day", "groupOfficeId", "kecamatanId", "groupType", "partnerOfficeId", "sector", ${MEASURES.map((m) => `"${m}"`).join(", ")})
         SELECT "day", "groupOfficeId", "kecamatanId", "groupType", "partnerOfficeId", "sector", ${sums} FROM (${facts}) f GROUP BY 1, 2, 3, 4, 5, 6`,
        ...params,
      ),
    );
  }
  const results = await client.$transaction(statements);
  return results.slice(dialect() === "postgresql" ? 2 : 1).reduce((s: number, n) => s + Number(n), 0);
}

/** The dirty marks (UTC days) between two days, both included. */
export async function dirtyDays(client: Client, fromKey: DayKey, toKey: DayKey): Promise<DayKey[]> {
  const rows = await query<{ day: string }[]>(client, `SELECT "day" FROM "MonitoringDirtyDay" WHERE "day" >= ? AND "day" <= ? ORDER BY "day"`, fromKey, toKey);
  return rows.map((r) => r.day);
}

/** Consecutive days as [first, last] runs. */
export function dayRuns(days: DayKey[]): [DayKey, DayKey][] {
  const sorted = [...new Set(days)].sort();
  const runs: [DayKey, DayKey][] = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && addDays(last[1], 1) === d) last[1] = d;
    else runs.push([d, d]);
  }
  return runs;
}

/** The office days a set of dirty UTC days makes stale: each day and the next (offices are 0–24 h ahead of UTC). */
export function staleOfficeDays(utcDays: DayKey[]): DayKey[] {
  return [...new Set(utcDays.flatMap((d) => [d, addDays(d, 1)]))].sort();
}

/** At most this many days per transaction, so other writers wait milliseconds, not the whole rebuild. */
const DAYS_PER_TRANSACTION = 31;
/** Marks cleared per statement (two parameters each). */
const MARKS_PER_STATEMENT = 200;

/**
 * The job (decision 100's job process, every minute): recomputes the office days of every dirty UTC day, in runs
 * of consecutive days, and clears the marks it read. Idempotent: a day recomputed twice gives the same rows. A
 * write that lands meanwhile bumps its mark's version (or adds a mark), and a mark is cleared only at the version
 * read before the recompute, so the write is folded in by the next run.
 */
export async function refreshMonitoringRollups(client: Client): Promise<{ days: number; officeDays: number; rows: number; partnerMonthRows: number; ms: number }> {
  const started = Date.now();
  const read = await query<{ day: string; version: number | bigint }[]>(client, `SELECT "day", "version" FROM "MonitoringDirtyDay" ORDER BY "day"`);
  if (!read.length) return { days: 0, officeDays: 0, rows: 0, partnerMonthRows: 0, ms: Date.now() - started };
  const byZone = await officesByZone(client);
  let rows = 0;
  let officeDays = 0;
  const months = new Set<string>();
  for (const [first, last] of dayRuns(read.map((r) => r.day))) {
    const lastOfficeDay = addDays(last, 1);
    for (let from = first; from <= lastOfficeDay; from = addDays(from, DAYS_PER_TRANSACTION)) {
      const to = [addDays(from, DAYS_PER_TRANSACTION - 1), lastOfficeDay].sort()[0]!;
      rows += await recomputeDays(client, from, to, byZone);
    }
    officeDays += daysBetween(first, lastOfficeDay) + 1;
    for (let month = first.slice(0, 7); month <= lastOfficeDay.slice(0, 7); month = addMonths(`${month}-01`, 1).slice(0, 7)) months.add(month);
  }
  // the partner-month rollup of the enthusiasm index (decision 141): the office months of the same days
  let partnerMonthRows = 0;
  for (const [zone, officeIds] of byZone) partnerMonthRows += await recomputePartnerMonths(client, [...months], zone, officeIds);
  for (let i = 0; i < read.length; i += MARKS_PER_STATEMENT) {
    const chunk = read.slice(i, i + MARKS_PER_STATEMENT);
    await execute(client, `DELETE FROM "MonitoringDirtyDay" WHERE ${chunk.map(() => `("day" = ? AND "version" = ?)`).join(" OR ")}`, ...chunk.flatMap((r) => [r.day, Number(r.version)]));
  }
  return { days: read.length, officeDays, rows, partnerMonthRows, ms: Date.now() - started };
}

/** SQL marking the UTC days of every source record dirty (a rebuild; the migration does the same once). */
export function markEveryDaySql(db: SqlDialect = dialect()): string {
  const day = (column: string) => sqlUtcDay(column, db);
  return `INSERT INTO "MonitoringDirtyDay" ("day")
    SELECT x."day" FROM (SELECT ${day(`"confirmedAt"`)} AS "day" FROM "Payment" WHERE "confirmedAt" IS NOT NULL
      UNION SELECT ${day(`"receivedAt"`)} FROM "Delivery" WHERE "receivedAt" IS NOT NULL
      UNION SELECT ${day(`"dueDate"`)} FROM "CoachingSession"
      UNION SELECT ${day(`"dueAt"`)} FROM "Invoice") x WHERE x."day" IS NOT NULL
    ON CONFLICT ("day") DO UPDATE SET "version" = "MonitoringDirtyDay"."version" + 1`;
}

/** Marks every day with a source record dirty and recomputes all (after a bulk import, or to check the job). */
export async function rebuildMonitoringRollups(client: Client) {
  await client.$executeRawUnsafe(`DELETE FROM "MonitoringDaily"`);
  await client.$executeRawUnsafe(`DELETE FROM "PartnerMonthly"`);
  await client.$executeRawUnsafe(`DELETE FROM "PartnerQuarterly"`);
  await client.$executeRawUnsafe(markEveryDaySql());
  return refreshMonitoringRollups(client);
}

const num = (v: unknown) => (typeof v === "bigint" ? Number(v) : Number(v ?? 0));

function addInto(target: Facts, row: Record<string, unknown>) {
  for (const key of Object.keys(target) as Measure[]) if (key in row) target[key] += num(row[key]);
}

/** More stale runs than this in a period: read the whole period live rather than one OR branch per run. */
const MAX_DIRTY_RUNS = 60;

/** The days of [fromKey, toKey] outside the runs, as runs. */
function cleanRuns(fromKey: DayKey, toKey: DayKey, dirty: [DayKey, DayKey][]): [DayKey, DayKey][] {
  const clean: [DayKey, DayKey][] = [];
  let next = fromKey;
  for (const [a, b] of dirty) {
    if (a > next) clean.push([next, addDays(a, -1)]);
    next = addDays(b, 1);
  }
  if (next <= toKey) clean.push([next, toKey]);
  return clean;
}

/**
 * The facts of the days [fromKey, toKey] in `zone` (cut at `liveUntil` if given) for the dimensions, per month
 * ("yyyy-mm"), counted at `end` (due-so-far sessions). For the groups of offices in `zone`, past days come from
 * the rollup unless stale; `today` (the zone's day), later days and stale days are computed live from the
 * records with the same SQL. Groups of offices in another zone (a province across zones) are read live, their
 * days (and on-time handovers) counted in `zone` like the rest of the figures. For rollup days every promised session is due so far (its due day is over before
 * `end`, which is now or the period's end).
 */
export async function monitoringFacts(
  dims: Dimensions,
  fromKey: DayKey,
  toKey: DayKey,
  end: Date,
  now: Date,
  zone: string,
  { client, liveUntil }: { client: Client; liveUntil?: Date },
): Promise<Map<string, Facts>> {
  const byMonth = new Map<string, Facts>();
  const into = (month: string) => {
    let f = byMonth.get(month);
    if (!f) byMonth.set(month, (f = emptyFacts()));
    return f;
  };
  if (fromKey > toKey) return byMonth;
  const byZone = await officesByZone(client, dims.officeIds);
  const dayOffset = offsetOver(zone, fromKey, toKey);
  const filter = (groupOfficeIds: string[]): FactFilter => ({ groupOfficeIds, partnerOfficeIds: dims.officeIds, kecamatanId: dims.kecamatanId, groupType: dims.groupType, sector: dims.sector });
  const whole: Range = { from: startOfDay(fromKey, zone), to: startOfDay(addDays(toKey, 1), zone) };
  // records after `liveUntil` (later today) are left out, as a range [from, now) leaves them out
  const cut = (ranges: Range[]) => (liveUntil ? ranges.map((r) => (r.to.getTime() > liveUntil.getTime() ? { ...r, to: liveUntil } : r)) : ranges);

  const tasks: Promise<void>[] = [];
  const live = (ranges: Range[], groupOfficeIds: string[]) => {
    if (!ranges.length || !groupOfficeIds.length) return;
    const params: unknown[] = [];
    const facts = factsSql(cut(ranges), filter(groupOfficeIds), end, params, dayOffset);
    tasks.push(
      query<Record<string, unknown>[]>(client, `SELECT substr("day", 1, 7) AS "month", ${sums}, SUM("sessionsDueSoFar") AS "sessionsDueSoFar" FROM (${facts}) f GROUP BY 1`, ...params).then((rows) => {
        for (const row of rows) addInto(into(String(row.month)), row);
      }),
    );
  };

  // offices in another zone than the figures' (their rollup days are their own zone's): every day live
  for (const [officeZoneName, officeIds] of byZone) if (officeZoneName !== zone) live([whole], officeIds);

  const sameZone = byZone.get(zone) ?? [];
  if (sameZone.length) {
    const todayKey = dayKey(now, zone);
    const lastRollupDay = [toKey, addDays(todayKey, -1)].sort()[0]!;
    const stale =
      fromKey <= lastRollupDay
        ? staleOfficeDays(
            await dirtyDays(client, addDays(fromKey, -1), lastRollupDay),
          ).filter((d) => d >= fromKey && d <= lastRollupDay)
        : [];
    const runs = dayRuns(stale);
    if (runs.length > MAX_DIRTY_RUNS || fromKey > lastRollupDay) live([whole], sameZone);
    else {
      const ranges: Range[] = runs.map(([a, b]) => ({ from: startOfDay(a, zone), to: startOfDay(addDays(b, 1), zone) }));
      if (lastRollupDay < toKey) ranges.push({ from: startOfDay(addDays(lastRollupDay, 1), zone), to: whole.to });
      live(ranges, sameZone);
      const clean = cleanRuns(fromKey, lastRollupDay, runs);
      if (clean.length) {
        const params: unknown[] = [];
        const days = clean.map(([a, b]) => {
          params.push(a, b);
          return `(r."day" >= ? AND r."day" <= ?)`;
        });
        const where = rollupFilterWhere(filter(sameZone), params);
        tasks.push(
          query<Record<string, unknown>[]>(client, `SELECT substr(r."day", 1, 7) AS "month", ${sums} FROM "MonitoringDaily" r WHERE (${days.join(" OR ")})${where} GROUP BY 1`, ...params).then((rows) => {
            for (const row of rows) {
              const f = into(String(row.month));
              addInto(f, row);
              f.sessionsDueSoFar += num(row.sessionsPromised);
            }
          }),
        );
      }
    }
  }
  await Promise.all(tasks);
  return byMonth;
}

/** The facts of a period in one sum. */
export function totalFacts(byMonth: Map<string, Facts>): Facts {
  const total = emptyFacts();
  for (const f of byMonth.values()) for (const k of Object.keys(total) as Measure[]) total[k] += f[k];
  return total;
}
