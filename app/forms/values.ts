/**
 * Strict reading of the values people type into forms (issue 10 item 9, decision 067). Pure functions,
 * used by the zod helpers in ./validation (formInt, formDate, formDateTime, formUrl) and by the few
 * hand-written form readers (MoU content, order lines). Calendar days and zones come from ~/time/calendar.
 */
import { isDayKey, type DayKey } from "~/time/calendar";

export type IntegerReading =
  | { ok: true; value: number }
  | { ok: false; reason: "empty" | "decimal" | "notANumber" | "tooBig" };

const PLAIN_DIGITS = /^\d+$/;
// Indonesian thousands separators: a dot before every group of exactly three digits ("1.500", "12.345.678").
const DOTTED_THOUSANDS = /^\d{1,3}(?:\.\d{3})+$/;
// Something that looks like a fraction ("1.5", "1,5", "1.500,25", "12.34"): told "whole number", not "number".
const LOOKS_DECIMAL = /^\d[\d.]*[.,]\d*$|^[.,]\d+$/;

/**
 * Reads a whole number typed by a person. Accepted: ASCII digits ("1500", "007"), optionally with a dot
 * before each group of three ("1.500" = 1500, "1.000.000"), a leading minus (the caller's minimum then
 * decides), surrounding blanks (incl. non-breaking spaces). Refused: "1.5", "1,5", "1.50", "0x10", "1e3",
 * "NaN", "Infinity", "+5", "1 500", full-width or other non-ASCII digits, anything over 2^53 − 1.
 */
export function readInteger(raw: string): IntegerReading {
  const text = raw.replace(/^[\s\u00a0\u202f]+|[\s\u00a0\u202f]+$/g, "");
  if (text === "") return { ok: false, reason: "empty" };
  const negative = text.startsWith("-");
  const body = negative ? text.slice(1) : text;
  let digits: string;
  if (PLAIN_DIGITS.test(body)) digits = body;
  else if (DOTTED_THOUSANDS.test(body)) digits = body.replace(/\./g, "");
  else return { ok: false, reason: LOOKS_DECIMAL.test(body) ? "decimal" : "notANumber" };
  const stripped = digits.replace(/^0+(?=\d)/, "");
  if (stripped.length > 16) return { ok: false, reason: "tooBig" };
  const value = Number(stripped);
  if (!Number.isSafeInteger(value)) return { ok: false, reason: "tooBig" };
  return { ok: true, value: negative && value !== 0 ? -value : 0 + value };
}

/**
 * "yyyy-mm-dd" of a day that exists in the Gregorian calendar ("2026-02-30", "2026-13-01", "0000-00-00"
 * refused), via ~/time/calendar (the one time module).
 */
export function readDate(raw: string): { ok: true; ymd: DayKey } | { ok: false } {
  const text = raw.trim();
  return isDayKey(text) && text >= "0001-01-01" ? { ok: true, ymd: text } : { ok: false };
}

/** `from` moved by whole calendar years (29 Feb → 28 Feb in a common year). */
export function addYears(from: Date, years: number): Date {
  const at = new Date(from.getTime());
  const month = at.getUTCMonth();
  at.setUTCFullYear(at.getUTCFullYear() + years);
  if (at.getUTCMonth() !== month) at.setUTCDate(0);
  return at;
}

/** A window of acceptable dates around `now`, in whole years (e.g. delivery: back 1, ahead 2). */
export type DateWindow = { yearsBack: number; yearsAhead: number };

/** Where `date` lies relative to the window around `now`. */
export function dateInWindow(date: Date, window: DateWindow, now: Date): "ok" | "tooEarly" | "tooLate" {
  // Whole WIB days: "today + 2 years" is still inside even late in the evening.
  const earliest = addYears(now, -window.yearsBack).getTime() - 24 * 60 * 60 * 1000;
  const latest = addYears(now, window.yearsAhead).getTime() + 24 * 60 * 60 * 1000;
  if (date.getTime() < earliest) return "tooEarly";
  if (date.getTime() > latest) return "tooLate";
  return "ok";
}

/**
 * A link typed by a person, accepted only as an absolute http(s) URL with a host and without user:password
 * ("javascript:", "data:", "file:", "//host", "http:/x" refused). Returns the normalised href or null.
 */
export function readHttpUrl(raw: string): string | null {
  const text = raw.trim();
  // No controls, blanks or bidi overrides inside (they would be dropped or shown misleadingly).
  if (!text || /[\u0000-\u0020\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(text)) return null;
  if (!/^https?:\/\/[^/]/i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname || url.username || url.password) return null;
  return url.href;
}
