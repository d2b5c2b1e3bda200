import { randomBytes } from "node:crypto";
import { dayKey } from "~/time/calendar";

/** An instant `days` × 24 h later (Indonesian zones have no daylight saving, so this is also the same wall time). */
export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * 86_400_000);
}

/** Order number: ORD-yymmdd-XXXXXX (random, so concurrent creations never collide in practice). */
export function newOrderNumber(at: Date, zone: string): string {
  const day = dayKey(at, zone).replaceAll("-", "").slice(2);
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
