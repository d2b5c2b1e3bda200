import { createHmac } from "node:crypto";
import { DEV_NIK_HASH_KEY as DEV_KEY } from "~/http/startup-checks";

/**
 * NIK (Nomor Induk Kependudukan, the 16-digit national ID number) handling.
 * A member's NIK is never stored in clear text: only a keyed hash (HMAC-SHA-256, key NIK_HASH_KEY)
 * to detect duplicates across groups, and the last four digits to tell members apart on screen.
 */

function nikHashKey(): string {
  return process.env.NIK_HASH_KEY ?? DEV_KEY;
}

/** Digits only ("3579 0145 1280 0012" → "3579014512800012"). */
export function normalizeNik(raw: string): string {
  return raw.replace(/\D/g, "");
}

/** A NIK has exactly 16 digits. */
export function isValidNik(raw: string): boolean {
  return /^\d{16}$/.test(normalizeNik(raw));
}

/** Keyed hash (hex) of a NIK; equal NIKs give equal hashes under the same key. */
export function hashNik(nik: string): string {
  return createHmac("sha256", nikHashKey()).update(normalizeNik(nik)).digest("hex");
}

/** The last four digits, shown on screen to tell members apart. */
export function nikLast4(nik: string): string {
  return normalizeNik(nik).slice(-4);
}
