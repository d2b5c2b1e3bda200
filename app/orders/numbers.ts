import { randomBytes } from "node:crypto";

/** yyyy-mm-dd of an instant in WIB (UTC+7). */
export function wibDayKey(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Midnight WIB of a yyyy-mm-dd key. */
export function wibMidnight(dayKey: string): Date {
  return new Date(`${dayKey}T00:00:00+07:00`);
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * 86_400_000);
}

/** ISO weekday 1 (Monday) – 7 (Sunday) of a yyyy-mm-dd key. */
export function isoWeekday(dayKey: string): number {
  const d = new Date(`${dayKey}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Monday 00:00 WIB of the week containing `at` (WIB), and the following Monday. */
export function wibWeekBounds(at: Date): { start: Date; end: Date } {
  const key = wibDayKey(at);
  const start = addDays(wibMidnight(key), -(isoWeekday(key) - 1));
  return { start, end: addDays(start, 7) };
}

/** Order number: ORD-yymmdd-XXXXXX (random, so concurrent creations never collide in practice). */
export function newOrderNumber(at = new Date()): string {
  const day = wibDayKey(at).replaceAll("-", "").slice(2);
  return `ORD-${day}-${randomBytes(4).toString("hex").toUpperCase().slice(0, 6)}`;
}

/** A group's code in invoice numbers: its slug in capitals (slugs are unique, so invoice numbers are too). */
export function groupCode(slug: string): string {
  return slug.toUpperCase() || "GRP";
}

/** INV/<GROUPCODE>/2026/0001 */
export function invoiceNumber(code: string, year: number, sequence: number): string {
  return `INV/${code}/${year}/${String(sequence).padStart(4, "0")}`;
}
