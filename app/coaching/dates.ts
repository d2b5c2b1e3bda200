import type { CoachingFrequency } from "~/generated/prisma/enums";

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight WIB (UTC+7) of a "yyyy-mm-dd" date. */
export function wibMidnight(ymd: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!match) throw new Error(`Invalid date ${ymd}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) - WIB_OFFSET_MS);
}

/** The calendar day in WIB of an instant: {y, m (1–12), d}. */
export function wibParts(value: Date): { y: number; m: number; d: number } {
  const shifted = new Date(value.getTime() + WIB_OFFSET_MS);
  return { y: shifted.getUTCFullYear(), m: shifted.getUTCMonth() + 1, d: shifted.getUTCDate() };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function fromParts(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d) - WIB_OFFSET_MS);
}

/** Adds calendar months in WIB, clamping the day to the end of the month (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsWib(start: Date, months: number): Date {
  const { y, m, d } = wibParts(start);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return fromParts(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addDays(start: Date, days: number): Date {
  return new Date(start.getTime() + days * DAY_MS);
}

/**
 * Due dates of a commitment's sessions: the first on `firstDueDate`, then one per period.
 * ONCE puts every session on the first due date (a single event of several sessions).
 */
export function sessionDueDates(firstDueDate: Date, frequency: CoachingFrequency, sessionsCount: number): Date[] {
  const dates: Date[] = [];
  for (let i = 0; i < sessionsCount; i++) {
    switch (frequency) {
      case "ONCE":
        dates.push(firstDueDate);
        break;
      case "WEEKLY":
        dates.push(addDays(firstDueDate, 7 * i));
        break;
      case "MONTHLY":
        dates.push(addMonthsWib(firstDueDate, i));
        break;
      case "QUARTERLY":
        dates.push(addMonthsWib(firstDueDate, 3 * i));
        break;
    }
  }
  return dates;
}

/** The end of the due day in WIB: a session is late only after its whole due day has passed. */
export function endOfWibDay(value: Date): Date {
  const { y, m, d } = wibParts(value);
  return new Date(fromParts(y, m, d).getTime() + DAY_MS);
}

/** First instant of the calendar month (WIB) that contains `now`. */
export function startOfWibMonth(now: Date): Date {
  const { y, m } = wibParts(now);
  return fromParts(y, m, 1);
}
