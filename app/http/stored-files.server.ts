import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";

/**
 * Uploaded files, the one way (issue 10 item 9, decision 067): every upload is typed by its bytes with the
 * `file-type` package — the browser's declared type and the file name are never trusted —, stored under a
 * random name of the detected type, and served with `X-Content-Type-Options: nosniff` and a
 * Content-Disposition whose filename is sanitised and RFC 5987-encoded.
 */

export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export const PDF_TYPES = ["application/pdf"] as const;
export const DOCUMENT_TYPES = [...PDF_TYPES, ...IMAGE_TYPES] as const;

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf" };
const MIME_BY_EXTENSION: Record<string, string> = Object.fromEntries(Object.entries(EXTENSIONS).map(([mime, ext]) => [ext, mime]));

export type DetectedType = { mime: string; ext: string };

/** The type of `bytes` read from their content, when it is one of `allowed`; else null. */
export async function detectFileType(bytes: Uint8Array, allowed: readonly string[]): Promise<DetectedType | null> {
  if (bytes.byteLength === 0) return null;
  let found: { mime: string } | undefined;
  try {
    found = await fileTypeFromBuffer(bytes);
  } catch {
    return null;
  }
  if (!found || !allowed.includes(found.mime) || !EXTENSIONS[found.mime]) return null;
  return { mime: found.mime, ext: EXTENSIONS[found.mime]! };
}

/** A new storage key `<folder>/<random uuid>.<ext of the detected type>`: never derived from the user's file name. */
export function randomFileKey(folder: string, type: DetectedType): string {
  return `${folder}/${randomUUID()}.${type.ext}`;
}

/** The content type to serve a stored file with, from its key's extension (which came from detection). */
export function mimeOfKey(key: string): string {
  return MIME_BY_EXTENSION[path.extname(key).slice(1).toLowerCase()] ?? "application/octet-stream";
}

/** ".png" for a key of a stored file (empty when it has none), for download names. */
export function extensionOf(key: string): string {
  const ext = path.extname(key).toLowerCase();
  return /^\.[a-z0-9]{1,5}$/.test(ext) ? ext : "";
}

// Controls, bidi overrides/isolates, zero-width characters, path separators and characters that break the header.
const UNSAFE_NAME = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"\\/:*?<>|;]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A file name safe to show and to put in a header: the last path segment, unsafe characters replaced by "_",
 * no leading dots, at most 120 characters, never empty; lone surrogates are replaced.
 */
export function sanitizeFileName(name: string, fallback = "file"): string {
  const last = name.split(/[\\/]/).pop() ?? "";
  const cleaned = last.replace(LONE_SURROGATE, "_").normalize("NFC").replace(UNSAFE_NAME, "_").replace(/^[.\s]+/, "").trim();
  const short = [...cleaned].slice(0, 120).join("");
  return short || fallback;
}

/**
 * `inline` or `attachment` with the sanitised name twice (RFC 6266): an ASCII `filename="…"` for old
 * clients and `filename*=UTF-8''…` (RFC 5987 percent-encoding) for everyone else.
 */
export function contentDisposition(disposition: "inline" | "attachment", fileName: string): string {
  const safe = sanitizeFileName(fileName);
  // ASCII fallback: "é" → "e", anything else outside printable ASCII → "_" (one per character).
  const ascii = [...safe]
    .map((c) => {
      const plain = c.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      return /^[\x20-\x7e]+$/.test(plain) && plain !== "%" ? plain : "_";
    })
    .join("");
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Headers for serving a stored upload (images and PDFs may be shown inline, anything else is an attachment). */
export function storedFileHeaders(opts: { mime: string; fileName: string; inline?: boolean; cacheControl?: string; length?: number }): Record<string, string> {
  const showable = (DOCUMENT_TYPES as readonly string[]).includes(opts.mime);
  return {
    "Content-Type": opts.mime,
    "Content-Disposition": contentDisposition(opts.inline !== false && showable ? "inline" : "attachment", opts.fileName),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": opts.cacheControl ?? "private, max-age=3600",
    ...(opts.length !== undefined ? { "Content-Length": String(opts.length) } : {}),
  };
}
