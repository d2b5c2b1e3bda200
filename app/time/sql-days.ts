// relative imports only: the seed (outside the app's aliases) reaches this through the monitoring rollup
import { DEFAULT_TIME_ZONE, isOfficeTimeZone, zoneOffsetMs, type OfficeTimeZone } from "./calendar";

/**
 * Calendar days of stored instants in SQL (decision 125, with 123's office zones): the one place that turns a
 * zone into the fixed offset a SQL day expression adds. WIB, WITA and WIT have no daylight saving, so one
 * offset per office is exact over any range; `fixedOffsetMinutes` checks that for the range it is asked about
 * and throws rather than count a day wrong should a zone with a change ever be configured.
 */

export type SqlDialect = "sqlite" | "postgresql";

/** The zone of an office row (WIB when it names none we know), as office-zone.server.ts's `zoneOf`. */
export function officeZone(office: { timeZone: string } | null | undefined): OfficeTimeZone {
  return office && isOfficeTimeZone(office.timeZone) ? office.timeZone : DEFAULT_TIME_ZONE;
}

/** Minutes the zone's wall clock is ahead of UTC over [from, to]; throws if the offset changes in between. */
export function fixedOffsetMinutes(zone: string, from: Date, to: Date): number {
  const a = zoneOffsetMs(from, zone);
  const b = zoneOffsetMs(to, zone);
  if (a !== b) throw new RangeError(`The zone ${zone} changes its UTC offset between ${from.toISOString()} and ${to.toISOString()}`);
  return Math.round(a / 60_000);
}

/**
 * Whether every office zone is ahead of UTC by less than a day (true of WIB, WITA, WIT): then an instant of
 * UTC day D falls on office day D or D + 1, which is what the rollup's dirty marks (UTC days) rely on.
 */
export function officeDayWithinUtcDayAndNext(offsetMinutes: number): boolean {
  return offsetMinutes >= 0 && offsetMinutes < 24 * 60;
}

/** SQL for the calendar day ("yyyy-mm-dd") of a timestamp column at a fixed offset (minutes ahead of UTC). */
export function sqlDayAt(column: string, offsetMinutes: number, dialect: SqlDialect): string {
  if (!Number.isInteger(offsetMinutes)) throw new RangeError(`Not a whole number of minutes: ${offsetMinutes}`);
  const signed = `${offsetMinutes >= 0 ? "+" : "-"}${Math.abs(offsetMinutes)} minutes`;
  return dialect === "postgresql" ? `to_char(${column} + interval '${signed}', 'YYYY-MM-DD')` : `date(${column}, '${signed}')`;
}

/** SQL for the month ("yyyy-mm") of a timestamp column at a fixed offset. */
export function sqlMonthAt(column: string, offsetMinutes: number, dialect: SqlDialect): string {
  return `substr(${sqlDayAt(column, offsetMinutes, dialect)}, 1, 7)`;
}

/** SQL for the UTC calendar day of a timestamp column (the rollup's dirty marks; no zone involved). */
export function sqlUtcDay(column: string, dialect: SqlDialect): string {
  return dialect === "postgresql" ? `to_char(${column}, 'YYYY-MM-DD')` : `date(${column})`;
}

/**
 * SQL for the calendar day of the instant one millisecond before a timestamp column, at a fixed offset: an
 * instant x is at or before 00:00 of day d exactly when this day is before d (deadlines such as "by the end of
 * the due day + 7 days" compared as days, exact to the millisecond).
 */
export function sqlDayBeforeAt(column: string, offsetMinutes: number, dialect: SqlDialect): string {
  if (!Number.isInteger(offsetMinutes)) throw new RangeError(`Not a whole number of minutes: ${offsetMinutes}`);
  const signed = `${offsetMinutes >= 0 ? "+" : "-"}${Math.abs(offsetMinutes)} minutes`;
  return dialect === "postgresql"
    ? `to_char(${column} - interval '1 millisecond' + interval '${signed}', 'YYYY-MM-DD')`
    : `date(${column}, '-0.001 seconds', '${signed}')`;
}
