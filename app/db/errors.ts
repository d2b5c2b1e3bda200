/**
 * "The database cannot serve this request right now": the write lock stayed taken past the busy timeout,
 * the files are read-only, the disk is full, or the file cannot be read. Requests that hit it are answered
 * with a friendly 503 page and a `Retry-After` header (app/entry.server.tsx); nothing was half-written,
 * because the transaction that failed was rolled back.
 */
export type UnavailableReason = "busy" | "read-only" | "disk-full" | "io-error" | "unreachable";

export class DatabaseUnavailableError extends Error {
  override readonly name = "DatabaseUnavailableError";
  constructor(
    readonly reason: UnavailableReason,
    options?: { cause?: unknown },
  ) {
    super(`database unavailable: ${reason}${options?.cause instanceof Error ? ` (${options.cause.message})` : ""}`, options);
  }
}

/** The SQLite result code carried by a better-sqlite3 error, or by a Prisma/driver-adapter error wrapping it. */
export function sqliteCodeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    const o = e as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (typeof o.originalCode === "string" && o.originalCode.startsWith("SQLITE_")) return o.originalCode;
    if (typeof o.code === "string" && o.code.startsWith("SQLITE_")) return o.code;
    e = o.cause ?? o.meta?.driverAdapterError;
  }
  return undefined;
}

export function unavailableReasonOf(error: unknown): UnavailableReason | undefined {
  const found = findUnavailable(error);
  if (found) return found.reason;
  const code = sqliteCodeOf(error);
  if (!code) return undefined;
  if (code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_") || code.startsWith("SQLITE_LOCKED")) return "busy";
  if (code.startsWith("SQLITE_READONLY")) return "read-only";
  if (code === "SQLITE_FULL") return "disk-full";
  if (code.startsWith("SQLITE_IOERR") || code === "SQLITE_PROTOCOL") return "io-error";
  if (code.startsWith("SQLITE_CANTOPEN") || code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT")) return "unreachable";
  return undefined;
}

function findUnavailable(error: unknown): DatabaseUnavailableError | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    if (e instanceof DatabaseUnavailableError || (e as { name?: unknown }).name === "DatabaseUnavailableError") {
      return e as DatabaseUnavailableError;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when `error` (or what it wraps) says the database is unavailable rather than the request being wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailableReasonOf(error) !== undefined;
}

/** Seconds a client should wait before retrying after a DatabaseUnavailableError. */
export const RETRY_AFTER_SECONDS = 5;
