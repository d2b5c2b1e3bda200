// relative imports and no database client of its own: the rollup job (rollup.server.ts, also called by the seed) uses it
import type { PrismaClient } from "../generated/prisma/client";
import { databaseKind } from "../db/database-url";
import { pooledRead, portablePlaceholders } from "../db/raw-sql";
import { addDays, addMonths, startOfDay, type DayKey } from "../time/calendar";
import { fixedOffsetMinutes, sqlDayAt, sqlDayBeforeAt, sqlMonthAt, type SqlDialect } from "../time/sql-days";
import { GRACE_DAYS } from "./enthusiasm";

/**
 * The partner-month rollup of the enthusiasm index (decision 141). `PartnerMonthly` holds, per partner and month
 * of the due day (in the zone of the partner's Dinas office), what the coaching, payment and rating components
 * need of its sessions and invoices: counts that depend on the records only, not on the instant the index is
 * read at. Sessions and invoices still open are counted as open, with those whose deadline falls in the next
 * month apart ("spill"), so a reader turns them into the zero scores of `componentCounts` for any reading instant
 * after every deadline of the month: `sessionsZero = missed + open`, `sessionsZeroMonth = missed + open − spill`.
 *
 * Maintained by the monitoring job from the same dirty marks as `MonitoringDaily` (decision 125): the triggers
 * mark the UTC day of a session's due date when it is written (status, delivery instants, rating) and of an
 * invoice's due instant when it is written (paid, voided); the job recomputes the office months of those days.
 * The ranking reads a month from the rollup only when it is wholly in the window, every deadline of it is over
 * at the reading instant and none of its days is marked; every other day is counted live with the same SQL.
 */

type Client = Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe" | "$transaction">;

const DAY_MINUTES = 1_440;

/** The SQL conditions of the coaching, payment and rating components, with day expressions at `offset` (minutes ahead of UTC). */
export function componentConditions(offset: number, kind: SqlDialect = databaseKind()) {
  const day = (column: string, plusDays = 0) => sqlDayAt(column, offset + plusDays * DAY_MINUTES, kind);
  const month = (column: string, plusDays = 0) => sqlMonthAt(column, offset + plusDays * DAY_MINUTES, kind);
  // a delivered session counts as delivered at its scheduled (else confirmed, else due) instant, as loadEvidence reads it
  const delivered = `COALESCE(s."scheduledAt", s."confirmedAt", s."dueDate")`;
  return {
    sessionMonth: month(`s."dueDate"`),
    // delivered by the due instant is on time whatever the days (a comparison of the stored instants, no day
    // expression for most records); otherwise by the days
    sessionOnTime: `(${delivered} <= s."dueDate" OR ${sqlDayBeforeAt(delivered, offset, kind)} <= ${day(`s."dueDate"`, GRACE_DAYS)})`,
    sessionOpen: `s."status" NOT IN ('DELIVERED', 'MISSED')`,
    /**
     * one parameter: 00:00 of the day GRACE_DAYS before the last day whose 00:00 is before the reading instant
     * (`overdueBounds`): a text comparison of the stored instant, no day expression per record
     */
    sessionOverdue: `s."dueDate" < ?`,
    /** the deadline is in the due day's month */
    sessionStays: `${month(`s."dueDate"`, GRACE_DAYS + 1)} = ${month(`s."dueDate"`)}`,
    rated: `s."status" = 'DELIVERED' AND s."rating" IS NOT NULL AND s."rating" <> 0`,
    ratingPoints: `(CASE WHEN s."rating" > 5 THEN 5 WHEN s."rating" < 1 THEN 1 ELSE s."rating" END) - 1`,
    invoiceMonth: month(`i."dueAt"`),
    // paid by the due instant is on time (as sessionOnTime)
    paidOnTime: `(i."paidAt" <= i."dueAt" OR ${sqlDayBeforeAt(`i."paidAt"`, offset, kind)} <= ${day(`i."dueAt"`)})`,
    /** one parameter: 00:00 of the last day whose 00:00 is before the reading instant (`overdueBounds`) */
    invoiceOverdue: `i."dueAt" < ?`,
    invoiceStays: `${month(`i."dueAt"`, 1)} = ${month(`i."dueAt"`)}`,
  };
}

/**
 * The parameters of `sessionOverdue` and `invoiceOverdue` for a reading day `atKey` (the last day whose 00:00 is
 * before the reading instant) in the zone: a session is overdue when the day after its grace ends is at most
 * `atKey`, i.e. its due day is at most atKey − GRACE_DAYS − 1, i.e. it is due before 00:00 of atKey − GRACE_DAYS;
 * an invoice when the day after its due day is at most `atKey`, i.e. it is due before 00:00 of atKey.
 */
export function overdueBounds(atKey: DayKey, zone: string) {
  return { sessions: instant(startOfDay(addDays(atKey, -GRACE_DAYS), zone)), invoices: instant(startOfDay(atKey, zone)) };
}

export const sumWhen = (condition: string, value = "1") => `SUM(CASE WHEN ${condition} THEN ${value} ELSE 0 END)`;

export const PARTNER_MONTH_COLUMNS = [
  "sessionsOnTime",
  "sessionsLate",
  "sessionsMissed",
  "sessionsOpen",
  "sessionsOpenSpill",
  "ratings",
  "ratingPoints",
  "invoicesOnTime",
  "invoicesLate",
  "invoicesOpen",
  "invoicesOpenSpill",
] as const;
export type PartnerMonthRow = { partnerId: string; month: string } & Record<(typeof PARTNER_MONTH_COLUMNS)[number], number>;

// reads may run on the SQLite read pool beside the ranking's other reads (decision 142)
const query = <T>(client: Client, sql: string, ...params: unknown[]) => client.$queryRawUnsafe<T>(pooledRead(portablePlaceholders(sql)), ...params);
const execute = (client: Client, sql: string, ...params: unknown[]) => client.$executeRawUnsafe(portablePlaceholders(sql), ...params);
const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ") || "NULL";
const instant = (at: Date) => at.toISOString().replace("Z", "+00:00");

/** The first and last day of a month ("yyyy-mm"). */
export function monthDays(month: string): [DayKey, DayKey] {
  const first = `${month}-01`;
  return [first, addDays(addMonths(first, 1), -1)];
}

/**
 * Recomputes the rollup rows of the given months ("yyyy-mm") for the partners of the offices of one zone, one
 * transaction per month (other writers wait for one month's statements, not the whole rebuild).
 */
export async function recomputePartnerMonths(client: Client, months: string[], zone: string, officeIds: string[]): Promise<number> {
  let rows = 0;
  const partners = `SELECT pa."id" FROM "Partner" pa WHERE pa."dinasOfficeId" IN (${marks(officeIds.length)})`;
  for (const month of [...new Set(months)].sort()) {
    const [first, last] = monthDays(month);
    const from = startOfDay(first, zone);
    const to = startOfDay(addDays(last, 1), zone);
    // the month's days and the spill's (a deadline up to GRACE_DAYS + 1 days later) at one fixed offset
    const offset = fixedOffsetMinutes(zone, from, new Date(to.getTime() + (GRACE_DAYS + 2) * 86_400_000));
    const c = componentConditions(offset);
    const zeros = (names: readonly string[]) => names.map((n) => `0 AS "${n}"`).join(", ");
    const sessions = `SELECT s."partnerId" AS "partnerId",
        ${sumWhen(`s."status" = 'DELIVERED' AND ${c.sessionOnTime}`)} AS "sessionsOnTime",
        ${sumWhen(`s."status" = 'DELIVERED' AND NOT (${c.sessionOnTime})`)} AS "sessionsLate",
        ${sumWhen(`s."status" = 'MISSED'`)} AS "sessionsMissed",
        ${sumWhen(c.sessionOpen)} AS "sessionsOpen",
        ${sumWhen(`${c.sessionOpen} AND NOT (${c.sessionStays})`)} AS "sessionsOpenSpill",
        ${sumWhen(c.rated)} AS "ratings",
        ${sumWhen(c.rated, c.ratingPoints)} AS "ratingPoints",
        ${zeros(PARTNER_MONTH_COLUMNS.slice(7))}
      FROM "CoachingSession" s
      WHERE s."dueDate" >= ? AND s."dueDate" < ? AND s."status" <> 'CANCELLED' AND s."partnerId" IN (${partners})
      GROUP BY s."partnerId"`;
    const invoices = `SELECT i."partnerId" AS "partnerId", ${zeros(PARTNER_MONTH_COLUMNS.slice(0, 7))},
        ${sumWhen(`i."paidAt" IS NOT NULL AND ${c.paidOnTime}`)} AS "invoicesOnTime",
        ${sumWhen(`i."paidAt" IS NOT NULL AND NOT (${c.paidOnTime})`)} AS "invoicesLate",
        ${sumWhen(`i."paidAt" IS NULL`)} AS "invoicesOpen",
        ${sumWhen(`i."paidAt" IS NULL AND NOT (${c.invoiceStays})`)} AS "invoicesOpenSpill"
      FROM "Invoice" i
      WHERE i."dueAt" >= ? AND i."dueAt" < ? AND i."status" <> 'VOID' AND i."partnerId" IN (${partners})
      GROUP BY i."partnerId"`;
    const columns = PARTNER_MONTH_COLUMNS.map((n) => `"${n}"`).join(", ");
    const statements = [];
    // two job runs at once (PostgreSQL, several instances) would both delete and insert the same keys
    if (databaseKind() === "postgresql") statements.push(client.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(4242141)`));
    statements.push(execute(client, `DELETE FROM "PartnerMonthly" WHERE "month" = ? AND "partnerId" IN (${partners})`, month, ...officeIds));
    statements.push(
      execute(
        client,
        `INSERT INTO "PartnerMonthly" ("partnerId", "month", ${columns})
         SELECT "partnerId", ?, ${PARTNER_MONTH_COLUMNS.map((n) => `SUM("${n}")`).join(", ")} FROM (${sessions} UNION ALL ${invoices}) x GROUP BY "partnerId"`,
        month,
        instant(from),
        instant(to),
        ...officeIds,
        instant(from),
        instant(to),
        ...officeIds,
      ),
    );
    // the month's quarter, summed from its month rows (decision 141: a year to date reads 4 rows per partner, not 10)
    const quarter = quarterOf(month);
    const quarterMonths = monthsOfQuarter(quarter);
    statements.push(execute(client, `DELETE FROM "PartnerQuarterly" WHERE "quarter" = ? AND "partnerId" IN (${partners})`, quarter, ...officeIds));
    statements.push(
      execute(
        client,
        `INSERT INTO "PartnerQuarterly" ("partnerId", "quarter", ${columns})
         SELECT r."partnerId", ?, ${PARTNER_MONTH_COLUMNS.map((n) => `SUM(r."${n}")`).join(", ")} FROM "PartnerMonthly" r
         WHERE r."month" IN (?, ?, ?) AND r."partnerId" IN (${partners}) GROUP BY r."partnerId"`,
        quarter,
        ...quarterMonths,
        ...officeIds,
      ),
    );
    const results = await client.$transaction(statements);
    rows += Number(results[results.length - 3]);
  }
  return rows;
}

/** The quarter ("yyyy-Qn") of a month ("yyyy-mm"). */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The three months of a quarter. */
export function monthsOfQuarter(quarter: string): [string, string, string] {
  const first = (Number(quarter.slice(6)) - 1) * 3 + 1;
  const month = (m: number) => `${quarter.slice(0, 4)}-${String(m).padStart(2, "0")}`;
  return [month(first), month(first + 1), month(first + 2)];
}

/** A month key for rows summed over several months (`perMonth: false`). */
export const SUMMED_MONTHS = "*";

/**
 * The rollup rows of some months for the partners a WHERE on `pa` ("Partner") selects: one per partner and month,
 * or with `perMonth: false` summed over the months (month SUMMED_MONTHS), whole quarters from `PartnerQuarterly`
 * (a partner may then have two rows: its quarters' and its other months').
 */
export function readPartnerMonths(
  client: Client,
  months: string[],
  partnerSql: string,
  partnerParams: unknown[],
  { perMonth = true, fewPartners = false }: { perMonth?: boolean; fewPartners?: boolean } = {},
): Promise<PartnerMonthRow[]> {
  if (!months.length) return Promise.resolve([]);
  const columns = PARTNER_MONTH_COLUMNS.map((n) => (perMonth ? `r."${n}" AS "${n}"` : `SUM(r."${n}") AS "${n}"`)).join(", ");
  // summed: a quarter whose three months are all asked for is read from its quarter row
  const asked = new Set(months);
  const quarters = perMonth ? [] : [...new Set(months.map(quarterOf))].filter((q) => monthsOfQuarter(q).every((m) => asked.has(m)));
  const inQuarters = new Set(quarters.flatMap(monthsOfQuarter));
  const rest = months.filter((m) => !inQuarters.has(m));
  const fromQuarters = quarters.length
    ? query<PartnerMonthRow[]>(
        client,
        `SELECT r."partnerId" AS "partnerId", '${SUMMED_MONTHS}' AS "month", ${columns}
         FROM "PartnerQuarterly" r JOIN "Partner" pa ON pa."id" = r."partnerId"
         WHERE r."quarter" IN (${marks(quarters.length)}) AND ${partnerSql} GROUP BY r."partnerId"`,
        ...quarters,
        ...partnerParams,
      )
    : Promise.resolve([]);
  if (!rest.length) return fromQuarters;
  // consecutive months as one range each: one index range per partner instead of one seek per month
  const runs: [string, string][] = [];
  for (const month of [...rest].sort()) {
    const last = runs[runs.length - 1];
    if (last && addMonths(`${last[1]}-01`, 1).slice(0, 7) === month) last[1] = month;
    else runs.push([month, month]);
  }
  // a few partners named by id (a page's trend): the partners drive, each a range of the primary key (partnerId,
  // month); SQLite without statistics otherwise scans the whole table (15 ms for 50 partners, 0.7 ms so)
  const monthsFrom = fewPartners
    ? `"Partner" pa ${databaseKind() === "postgresql" ? "JOIN" : "CROSS JOIN"} "PartnerMonthly" r ON r."partnerId" = pa."id"`
    : `"PartnerMonthly" r JOIN "Partner" pa ON pa."id" = r."partnerId"`;
  const fromMonths = query<PartnerMonthRow[]>(
    client,
    `SELECT r."partnerId" AS "partnerId", ${perMonth ? `r."month"` : `'${SUMMED_MONTHS}'`} AS "month", ${columns}
     FROM ${monthsFrom}
     WHERE (${runs.map(() => `(r."month" >= ? AND r."month" <= ?)`).join(" OR ")}) AND ${partnerSql}${perMonth ? "" : ` GROUP BY r."partnerId"`}`,
    ...runs.flat(),
    ...partnerParams,
  );
  return Promise.all([fromQuarters, fromMonths]).then(([a, b]) => [...a, ...b]);
}
