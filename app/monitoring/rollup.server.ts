// relative imports and no database client of its own: the seed (outside the app's aliases) calls it with its client
import type { PrismaClient } from "../generated/prisma/client";
import { addDays, dayKey, startOfDay, type DayKey } from "../time/calendar";

/**
 * The monitoring rollup (decision 125). `MonitoringDaily` holds, per WIB day and per filter dimension of the
 * overview (group office, kecamatan, group type, partner office, partner sector), the confirmed payments (by
 * confirmedAt), the handovers (by receivedAt) and the coaching sessions (by dueDate) of that day. Triggers
 * (migration 20261201192000) put every day whose source records change into `MonitoringDirtyDay`; the job
 * `refreshMonitoringRollups` recomputes those days. The overview (`monitoringFacts`) reads the rollup for past
 * days that are not dirty and computes today, later days and dirty days live from the same SQL, so its figures
 * are always those of the records, whatever the job's delay.
 *
 * SQLite SQL (dates are stored as ISO text by the adapter); the PostgreSQL twin is not written yet. The fact
 * branches use CROSS JOIN, which SQLite reads as "join in this order": the date index drives, never the
 * office's groups (that plan walked every order of 5,000 groups at the benchmark's size).
 */

type Client = Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe" | "$transaction">;

/** The zone the overview counts days in; Asia/Jakarta has no daylight saving, so one fixed SQL modifier. */
const DAY_MODIFIER = "'+7 hours'";
const day = (column: string) => `date(${column}, ${DAY_MODIFIER})`;

/** An instant as the adapter stores a DateTime, so text comparisons with stored values are exact. */
export const sqlInstant = (at: Date) => at.toISOString().replace("Z", "+00:00");

export type Range = { from: Date; to: Date };
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

function rangesWhere(column: string, ranges: Range[], params: unknown[]): string {
  const parts = ranges.map((r) => {
    params.push(sqlInstant(r.from), sqlInstant(r.to));
    return `(${column} >= ? AND ${column} < ?)`;
  });
  return parts.length ? `(${parts.join(" OR ")})` : "0";
}

function dimensionsWhere(d: Dimensions | null, params: unknown[], g = "g", pa = "pa"): string {
  if (!d) return "";
  const offices = d.officeIds.map(() => "?").join(", ") || "NULL";
  params.push(...d.officeIds);
  let sql = ` AND ${g}."dinasOfficeId" IN (${offices})`;
  params.push(...d.officeIds);
  sql += ` AND ${pa}."dinasOfficeId" IN (${offices})`;
  if (d.kecamatanId) {
    sql += ` AND ${g}."kecamatanId" = ?`;
    params.push(d.kecamatanId);
  }
  if (d.groupType) {
    sql += ` AND ${g}."type" = ?`;
    params.push(d.groupType);
  }
  if (d.sector) {
    sql += ` AND ${pa}."sector" = ?`;
    params.push(d.sector);
  }
  return sql;
}

function rollupDimensionsWhere(d: Dimensions, params: unknown[]): string {
  const offices = d.officeIds.map(() => "?").join(", ") || "NULL";
  params.push(...d.officeIds, ...d.officeIds);
  let sql = ` AND r."groupOfficeId" IN (${offices}) AND r."partnerOfficeId" IN (${offices})`;
  if (d.kecamatanId) {
    sql += ` AND r."kecamatanId" = ?`;
    params.push(d.kecamatanId);
  }
  if (d.groupType) {
    sql += ` AND r."groupType" = ?`;
    params.push(d.groupType);
  }
  if (d.sector) {
    sql += ` AND r."sector" = ?`;
    params.push(d.sector);
  }
  return sql;
}

/**
 * One row per source record in the ranges (payments by confirmedAt, handovers by receivedAt, sessions by
 * dueDate), with its WIB day, its dimensions and its measures. `dueSoFarEnd`: a promised session counts as
 * due so far when delivered, missed or due before that instant (the overview's "due so far").
 */
function factsSql(ranges: Range[], dims: Dimensions | null, dueSoFarEnd: Date, params: unknown[]): string {
  const cols = (dayExpr: string, measures: string) =>
    `${dayExpr} AS "day", g."dinasOfficeId" AS "groupOfficeId", g."kecamatanId" AS "kecamatanId", g."type" AS "groupType", pa."dinasOfficeId" AS "partnerOfficeId", pa."sector" AS "sector", ${measures}`;
  const zeros = (from: number, to: number) => MEASURES.slice(from, to).map((m) => `0 AS "${m}"`);
  const payments = `SELECT ${cols(day(`p."confirmedAt"`), [`1 AS "paymentsCount"`, `p."amountRupiah" AS "paymentsRupiah"`, ...zeros(2, 10), `0 AS "sessionsDueSoFar"`].join(", "))}
    FROM "Payment" p CROSS JOIN "Invoice" i ON i."id" = p."invoiceId" CROSS JOIN "Group" g ON g."id" = i."groupId" CROSS JOIN "Partner" pa ON pa."id" = i."partnerId"
    WHERE p."status" = 'CONFIRMED' AND ${rangesWhere(`p."confirmedAt"`, ranges, params)}${dimensionsWhere(dims, params)}`;
  const deliveries = `SELECT ${cols(day(`d."receivedAt"`), [
    ...zeros(0, 2),
    `1 AS "deliveries"`,
    `CASE WHEN ${day(`d."receivedAt"`)} <= ${day(`o."deliveryDate"`)} THEN 1 ELSE 0 END AS "deliveriesOnTime"`,
    `COALESCE((SELECT SUM(l."deliveredQty") FROM "DeliveryLine" l WHERE l."deliveryId" = d."id"), 0) AS "deliveredQty"`,
    `COALESCE((SELECT SUM(l."acceptedQty") FROM "DeliveryLine" l WHERE l."deliveryId" = d."id"), 0) AS "acceptedQty"`,
    ...zeros(6, 10),
    `0 AS "sessionsDueSoFar"`,
  ].join(", "))}
    FROM "Delivery" d CROSS JOIN "Order" o ON o."id" = d."orderId" CROSS JOIN "Group" g ON g."id" = o."groupId" CROSS JOIN "Partner" pa ON pa."id" = o."partnerId"
    WHERE ${rangesWhere(`d."receivedAt"`, ranges, params)}${dimensionsWhere(dims, params)}`;
  const promised = `s."status" <> 'CANCELLED'`;
  const dueSoFar = `CASE WHEN ${promised} AND (s."status" IN ('DELIVERED', 'MISSED') OR s."dueDate" < ?) THEN 1 ELSE 0 END AS "sessionsDueSoFar"`;
  const sessionMeasures = [
    ...zeros(0, 6),
    `CASE WHEN ${promised} THEN 1 ELSE 0 END AS "sessionsPromised"`,
    `CASE WHEN s."status" = 'DELIVERED' THEN 1 ELSE 0 END AS "sessionsDelivered"`,
    `CASE WHEN s."status" = 'MISSED' THEN 1 ELSE 0 END AS "sessionsMissed"`,
    `CASE WHEN s."status" = 'DELIVERED' AND EXISTS (SELECT 1 FROM "CoachingFile" f WHERE f."sessionId" = s."id" AND f."kind" = 'REPORT') THEN 1 ELSE 0 END AS "sessionsReported"`,
    dueSoFar,
  ].join(", ");
  // the dueSoFar parameter comes first in the session branch (it is in the select list)
  const sessionParams: unknown[] = [sqlInstant(dueSoFarEnd)];
  const sessionWhere = `${rangesWhere(`s."dueDate"`, ranges, sessionParams)}${dimensionsWhere(dims, sessionParams)}`;
  const sessions = `SELECT ${cols(day(`s."dueDate"`), sessionMeasures)}
    FROM "CoachingSession" s CROSS JOIN "Group" g ON g."id" = s."groupId" CROSS JOIN "Partner" pa ON pa."id" = s."partnerId"
    WHERE ${sessionWhere}`;
  params.push(...sessionParams);
  return `${payments}\nUNION ALL\n${deliveries}\nUNION ALL\n${sessions}`;
}

const FAR_FUTURE = new Date("9999-01-01T00:00:00.000Z");
const sums = MEASURES.map((m) => `SUM("${m}") AS "${m}"`).join(", ");

/** Recomputes the rollup rows of the WIB days [fromKey, toKey] (both included), in one transaction. */
async function recomputeDays(client: Client, fromKey: DayKey, toKey: DayKey, markedUpTo: number): Promise<number> {
  const params: unknown[] = [];
  const facts = factsSql([{ from: startOfDay(fromKey), to: startOfDay(addDays(toKey, 1)) }], null, FAR_FUTURE, params);
  const [, inserted] = await client.$transaction([
    client.$executeRawUnsafe(`DELETE FROM "MonitoringDaily" WHERE "day" >= ? AND "day" <= ?`, fromKey, toKey),
    client.$executeRawUnsafe(
      `INSERT INTO "MonitoringDaily" ("day", "groupOfficeId", "kecamatanId", "groupType", "partnerOfficeId", "sector", ${MEASURES.map((m) => `"${m}"`).join(", ")})
       SELECT "day", "groupOfficeId", "kecamatanId", "groupType", "partnerOfficeId", "sector", ${sums} FROM (${facts}) GROUP BY 1, 2, 3, 4, 5, 6`,
      ...params,
    ),
    // only the marks read before the recompute: a day marked again meanwhile has a higher rowid and stays dirty
    client.$executeRawUnsafe(`DELETE FROM "MonitoringDirtyDay" WHERE "day" >= ? AND "day" <= ? AND rowid <= ?`, fromKey, toKey, markedUpTo),
  ]);
  return inserted;
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

/** At most this many days per transaction, so other writers wait milliseconds, not the whole rebuild. */
const DAYS_PER_TRANSACTION = 31;

/**
 * The job (decision 100's job process, every minute): recomputes every dirty day, in runs of consecutive
 * days, and clears them. Idempotent: a day recomputed twice gives the same rows. A write that lands while a
 * run is recomputed marks its day again after the transaction (SQLite has one writer), so it is not lost.
 */
export async function refreshMonitoringRollups(client: Client): Promise<{ days: number; rows: number; ms: number }> {
  const started = Date.now();
  const marks = await client.$queryRawUnsafe<{ day: string; mark: number | bigint }[]>(`SELECT "day", rowid AS "mark" FROM "MonitoringDirtyDay" ORDER BY "day"`);
  const dirty = marks.map((r) => r.day);
  const markedUpTo = marks.reduce((max, r) => Math.max(max, Number(r.mark)), 0);
  let rows = 0;
  for (const [first, last] of dayRuns(dirty)) {
    for (let from = first; from <= last; from = addDays(from, DAYS_PER_TRANSACTION)) {
      const to = [addDays(from, DAYS_PER_TRANSACTION - 1), last].sort()[0]!;
      rows += await recomputeDays(client, from, to, markedUpTo);
    }
  }
  return { days: dirty.length, rows, ms: Date.now() - started };
}

/** Marks every day with a source record dirty and recomputes all (after a bulk import, or to check the job). */
export async function rebuildMonitoringRollups(client: Client) {
  await client.$executeRawUnsafe(`DELETE FROM "MonitoringDaily"`);
  await client.$executeRawUnsafe(
    `INSERT OR IGNORE INTO "MonitoringDirtyDay" ("day")
       SELECT ${day(`"confirmedAt"`)} FROM "Payment" WHERE "confirmedAt" IS NOT NULL
       UNION SELECT ${day(`"receivedAt"`)} FROM "Delivery" WHERE "receivedAt" IS NOT NULL
       UNION SELECT ${day(`"dueDate"`)} FROM "CoachingSession"`,
  );
  return refreshMonitoringRollups(client);
}

const num = (v: unknown) => (typeof v === "bigint" ? Number(v) : Number(v ?? 0));

function addInto(target: Facts, row: Record<string, unknown>) {
  for (const key of Object.keys(target) as Measure[]) if (key in row) target[key] += num(row[key]);
}

/** More dirty runs than this in a period: read the whole period live rather than one OR branch per run. */
const MAX_DIRTY_RUNS = 60;

/**
 * The facts of the WIB days [fromKey, toKey] (cut at `liveUntil` if given) for the dimensions, per month ("yyyy-mm"), counted at `end`
 * (due-so-far sessions). Past days come from the rollup unless dirty; `today` (the viewer's day), later days
 * and dirty days are computed live from the records with the same SQL. For rollup days every promised
 * session is due so far (its due day is over before `end`, which is now or the period's end).
 */
export async function monitoringFacts(
  dims: Dimensions,
  fromKey: DayKey,
  toKey: DayKey,
  end: Date,
  now: Date,
  { client, liveUntil }: { client: Client; liveUntil?: Date },
): Promise<Map<string, Facts>> {
  const byMonth = new Map<string, Facts>();
  const into = (month: string) => {
    let f = byMonth.get(month);
    if (!f) byMonth.set(month, (f = emptyFacts()));
    return f;
  };
  if (fromKey > toKey) return byMonth;
  const todayKey = dayKey(now);
  const lastRollupDay = [toKey, addDays(todayKey, -1)].sort()[0]!;
  const dirty = fromKey <= lastRollupDay
    ? (await client.$queryRawUnsafe<{ day: string }[]>(`SELECT "day" FROM "MonitoringDirtyDay" WHERE "day" >= ? AND "day" <= ? ORDER BY "day"`, fromKey, lastRollupDay)).map((r) => r.day)
    : [];
  const runs = dayRuns(dirty);
  const allLive = runs.length > MAX_DIRTY_RUNS;
  const live: Range[] = [];
  if (allLive) live.push({ from: startOfDay(fromKey), to: startOfDay(addDays(toKey, 1)) });
  else {
    for (const [a, b] of runs) live.push({ from: startOfDay(a), to: startOfDay(addDays(b, 1)) });
    const liveFrom = [fromKey, todayKey].sort()[1]!;
    if (liveFrom <= toKey) live.push({ from: startOfDay(liveFrom), to: startOfDay(addDays(toKey, 1)) });
  }

  // records after `liveUntil` (later today) are left out, as a range [from, now) leaves them out
  if (liveUntil) for (const r of live) if (r.to.getTime() > liveUntil.getTime()) r.to = liveUntil;

  const tasks: Promise<void>[] = [];
  if (!allLive && fromKey <= lastRollupDay) {
    const params: unknown[] = [fromKey, lastRollupDay];
    const where = rollupDimensionsWhere(dims, params);
    tasks.push(
      client
        .$queryRawUnsafe<Record<string, unknown>[]>(
          `SELECT substr(r."day", 1, 7) AS "month", ${sums} FROM "MonitoringDaily" r
           WHERE r."day" >= ? AND r."day" <= ?${where} AND r."day" NOT IN (SELECT "day" FROM "MonitoringDirtyDay")
           GROUP BY 1`,
          ...params,
        )
        .then((rows) => {
          for (const row of rows) {
            const f = into(String(row.month));
            addInto(f, row);
            f.sessionsDueSoFar += num(row.sessionsPromised);
          }
        }),
    );
  }
  if (live.length) {
    const params: unknown[] = [];
    const facts = factsSql(live, dims, end, params);
    tasks.push(
      client
        .$queryRawUnsafe<Record<string, unknown>[]>(`SELECT substr("day", 1, 7) AS "month", ${sums}, SUM("sessionsDueSoFar") AS "sessionsDueSoFar" FROM (${facts}) GROUP BY 1`, ...params)
        .then((rows) => {
          for (const row of rows) addInto(into(String(row.month)), row);
        }),
    );
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
