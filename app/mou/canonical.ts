import { createHash } from "node:crypto";

/**
 * Canonical JSON: object keys sorted (recursively), no whitespace, arrays in order, `undefined` dropped.
 * Two contents that mean the same thing serialise to the same bytes, so their SHA-256 is the same.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** SHA-256 (hex) of the canonical JSON of a content object: what signatures bind to. */
export function contentHash(content: unknown): string {
  return sha256Hex(canonicalJson(content));
}
