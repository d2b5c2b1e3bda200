import { formatDate as formatDateIn, formatDateTime as formatDateTimeIn, dayKey, formatDayKey, isDayKey } from "~/time/calendar";
/** Rupiah without decimals, dot as thousands separator: Rp 12.500 (same in both languages). */
export function formatRupiah(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  const digits = Math.round(Math.abs(amount))
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${sign}Rp ${digits}`;
}

export function formatNumber(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

type DateLike = Date | string | number | null | undefined;

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

/**
 * 22/11/2026: the calendar date in an office's zone. A "yyyy-mm-dd" string is already a calendar date and is
 * shown as it is. The zone has no default (decision 123): pages take it from `useDates()` (the viewer's office,
 * or the record's office the loader returns), documents and exports from the record's office.
 */
export function formatDate(value: DateLike, zone: string): string {
  if (value == null || value === "") return "";
  if (isDayKey(value)) return formatDayKey(value);
  return formatDateIn(toDate(value), zone);
}

/** 22/11/2026 14:05 in an office's zone (no default, see formatDate). */
export function formatDateTime(value: DateLike, zone: string): string {
  if (value == null || value === "") return "";
  return formatDateTimeIn(toDate(value), zone);
}

/** yyyy-mm-dd of the day in the office's zone, the value format of <input type="date">. */
export function toDateInputValue(value: DateLike, zone: string): string {
  if (value == null || value === "") return "";
  if (isDayKey(value)) return value;
  return dayKey(toDate(value), zone);
}
