/**
 * Calendar days in an office's time zone: the one place that turns instants into calendar dates and back.
 *
 * Indonesia has three zones (WIB Asia/Jakarta, WITA Asia/Makassar, WIT Asia/Jayapura); each Dinas office
 * has one (`DinasOffice.timeZone`) and every record's days are counted in its office's zone. A calendar day
 * is a `DayKey` ("2026-11-22"); an instant is a `Date`. Offsets come from Intl (the ICU time-zone data), never
 * from a hand-written "+07:00". See docs/decisions/079-one-time-module.md.
 *
 * The clock (what time it is) is `./clock`; this module never reads it: callers pass the instant.
 */

/** The office time zones of Indonesia, as IANA names. */
export const OFFICE_TIME_ZONES = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"] as const;
export type OfficeTimeZone = (typeof OFFICE_TIME_ZONES)[number];

/** The zone of an office that has not chosen another, and of pages that show no office's records. */
export const DEFAULT_TIME_ZONE: OfficeTimeZone = "Asia/Jakarta";

/** The short Indonesian name of a zone, as shown next to times ("WIB"). */
export function zoneAbbreviation(zone: string): string {
  switch (zone) {
    case "Asia/Jakarta":
      return "WIB";
    case "Asia/Makassar":
      return "WITA";
    case "Asia/Jayapura":
      return "WIT";
    default:
      return zone;
  }
}

export function isOfficeTimeZone(value: unknown): value is OfficeTimeZone {
  return typeof value === "string" && (OFFICE_TIME_ZONES as readonly string[]).includes(value);
}

/** A calendar date, "yyyy-mm-dd". */
export type DayKey = string;

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a zone. */
export function zonedParts(at: Date, zone: string = DEFAULT_TIME_ZONE): { y: number; m: number; d: number; h: number; min: number; s: number } {
  if (Number.isNaN(at.getTime())) throw new RangeError("Invalid date");
  const parts = formatterFor(zone).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return { y: get("year"), m: get("month"), d: get("day"), h: get("hour") % 24, min: get("minute"), s: get("second") };
}

/** How far the zone's wall clock is ahead of UTC at `at`, in ms (WIB: 7 h). */
export function zoneOffsetMs(at: Date, zone: string = DEFAULT_TIME_ZONE): number {
  const p = zonedParts(at, zone);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function keyOf(y: number, m: number, d: number): DayKey {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

function partsOfKey(day: DayKey): { y: number; m: number; d: number } {
  const match = DAY_KEY.exec(day);
  if (!match) throw new RangeError(`Not a calendar date (yyyy-mm-dd): "${day}"`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** True for a real calendar date "yyyy-mm-dd" (2026-02-30 is not). */
export function isDayKey(value: unknown): value is DayKey {
  if (typeof value !== "string" || !DAY_KEY.test(value)) return false;
  const { y, m, d } = partsOfKey(value);
  const back = new Date(Date.UTC(y, m - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
}

/** The calendar date of an instant in a zone. */
export function dayKey(at: Date, zone: string = DEFAULT_TIME_ZONE): DayKey {
  const { y, m, d } = zonedParts(at, zone);
  return keyOf(y, m, d);
}

/** The instant a wall-clock time of a calendar day happens in a zone. */
export function zonedInstant(day: DayKey, zone: string = DEFAULT_TIME_ZONE, time: { h?: number; min?: number } = {}): Date {
  const { y, m, d } = partsOfKey(day);
  const wall = Date.UTC(y, m - 1, d, time.h ?? 0, time.min ?? 0);
  // The offset at the wall time read as UTC is right except across a zone change; a second pass fixes that.
  let at = wall - zoneOffsetMs(new Date(wall), zone);
  at = wall - zoneOffsetMs(new Date(at), zone);
  return new Date(at);
}

/** 00:00 of a calendar day in a zone. */
export function startOfDay(day: DayKey, zone: string = DEFAULT_TIME_ZONE): Date {
  return zonedInstant(day, zone);
}

/** 00:00 (in the zone) of the day that contains `at`. */
export function startOfDayAt(at: Date, zone: string = DEFAULT_TIME_ZONE): Date {
  return startOfDay(dayKey(at, zone), zone);
}

/**
 * The end of the calendar day that contains `at` (or of the day `day`) in a zone: 00:00 of the next day,
 * exclusive. Something due "on" a day is late from this instant on.
 */
export function endOfDay(at: Date | DayKey, zone: string = DEFAULT_TIME_ZONE): Date {
  const day = typeof at === "string" ? at : dayKey(at, zone);
  return startOfDay(addDays(day, 1), zone);
}

/**
 * The start of a "last N days" window counted in calendar days of a zone: 00:00 of the day `days` days before
 * the day that contains `at` (the 60 days of "mitra pasif" at 00:30 WIT start at 00:00 WIT, 60 days back).
 */
export function daysBefore(at: Date, days: number, zone: string): Date {
  return startOfDay(addDays(dayKey(at, zone), -days), zone);
}

/** Calendar-date arithmetic: the day `days` after `day` (negative goes back). */
export function addDays(day: DayKey, days: number): DayKey {
  const { y, m, d } = partsOfKey(day);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return keyOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Adds calendar months, clamping the day to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: DayKey, months: number): DayKey {
  const { y, m, d } = partsOfKey(day);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return keyOf(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Adds calendar years (29 Feb + 1 year = 1 Mar, as the MoU periods have always done). */
export function addYears(day: DayKey, years: number): DayKey {
  const { y, m, d } = partsOfKey(day);
  const t = new Date(Date.UTC(y + years, m - 1, d));
  return keyOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: DayKey, to: DayKey): number {
  const a = partsOfKey(from);
  const b = partsOfKey(to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / DAY_MS);
}

/** ISO weekday of a calendar date: 1 (Monday) … 7 (Sunday). */
export function isoWeekday(day: DayKey): number {
  const { y, m, d } = partsOfKey(day);
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The Monday of the (ISO, Monday-first) week that contains `day`. */
export function weekStart(day: DayKey): DayKey {
  return addDays(day, -(isoWeekday(day) - 1));
}

/** Monday 00:00 of the week containing `at` in a zone, and the following Monday 00:00 (exclusive). */
export function weekBounds(at: Date, zone: string = DEFAULT_TIME_ZONE): { start: Date; end: Date } {
  const monday = weekStart(dayKey(at, zone));
  return { start: startOfDay(monday, zone), end: startOfDay(addDays(monday, 7), zone) };
}

/** "yyyy-mm" of an instant's calendar month in a zone. */
export function monthKey(at: Date, zone: string = DEFAULT_TIME_ZONE): string {
  return dayKey(at, zone).slice(0, 7);
}

/** 00:00 of the first day of the calendar month (in the zone) that contains `at`. */
export function startOfMonth(at: Date, zone: string = DEFAULT_TIME_ZONE): Date {
  return startOfDay(`${monthKey(at, zone)}-01`, zone);
}

/** 00:00 of 1 January of the calendar year (in the zone) that contains `at`. */
export function startOfYear(at: Date, zone: string = DEFAULT_TIME_ZONE): Date {
  return startOfDay(`${dayKey(at, zone).slice(0, 4)}-01-01`, zone);
}

/** The same wall-clock moment `months` calendar months later in a zone (clamped to the month's end). */
export function addMonthsAt(at: Date, months: number, zone: string = DEFAULT_TIME_ZONE): Date {
  const p = zonedParts(at, zone);
  return zonedInstant(addMonths(dayKey(at, zone), months), zone, { h: p.h, min: p.min });
}

/** dd/mm/yyyy of a calendar date. */
export function formatDayKey(day: DayKey): string {
  const { y, m, d } = partsOfKey(day);
  return `${pad(d)}/${pad(m)}/${pad(y, 4)}`;
}

/** 22/11/2026: the calendar date of an instant in a zone. */
export function formatDate(at: Date, zone: string = DEFAULT_TIME_ZONE): string {
  return formatDayKey(dayKey(at, zone));
}

/** 14:05: the wall-clock time of an instant in a zone. */
export function formatTime(at: Date, zone: string = DEFAULT_TIME_ZONE): string {
  const { h, min } = zonedParts(at, zone);
  return `${pad(h)}:${pad(min)}`;
}

/** 22/11/2026 14:05 in a zone. */
export function formatDateTime(at: Date, zone: string = DEFAULT_TIME_ZONE): string {
  return `${formatDate(at, zone)} ${formatTime(at, zone)}`;
}

/**
 * Reads an `<input type="date">` value ("2026-11-22") as that calendar date in a zone: 00:00 of the day.
 * Returns null for anything that is not a real calendar date.
 */
export function parseDateInput(value: string, zone: string = DEFAULT_TIME_ZONE): Date | null {
  const trimmed = value.trim();
  return isDayKey(trimmed) ? startOfDay(trimmed, zone) : null;
}

/**
 * Reads an `<input type="datetime-local">` value ("2026-11-22T14:05") as that wall-clock time in a zone.
 * Returns null for anything else.
 */
export function parseDateTimeInput(value: string, zone: string = DEFAULT_TIME_ZONE): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match || !isDayKey(match[1])) return null;
  const h = Number(match[2]);
  const min = Number(match[3]);
  if (h > 23 || min > 59) return null;
  return zonedInstant(match[1]!, zone, { h, min });
}

/** "yyyy-mm-ddThh:mm" of an instant in a zone, the value format of `<input type="datetime-local">`. */
export function toDateTimeInputValue(at: Date, zone: string = DEFAULT_TIME_ZONE): string {
  return `${dayKey(at, zone)}T${formatTime(at, zone)}`;
}

/**
 * The same wall-clock time in another zone: a date-time read from a form before the record's office was known
 * (`formDateTime()` reads "2026-11-22T10:00" as 10:00 WIB) becomes 10:00 of that day in the office's zone.
 */
export function sameWallTimeIn(at: Date, zone: string, readIn: string = DEFAULT_TIME_ZONE): Date {
  const p = zonedParts(at, readIn);
  return zonedInstant(dayKey(at, readIn), zone, { h: p.h, min: p.min });
}

/**
 * The same calendar date in another zone: a date read from a form before the record's office was known
 * (`formDate()` reads "2026-11-22" as 00:00 WIB) becomes 00:00 of 22/11/2026 in the office's zone.
 */
export function sameDayIn(date: Date, zone: string, readIn: string = DEFAULT_TIME_ZONE): Date {
  return startOfDay(dayKey(date, readIn), zone);
}
