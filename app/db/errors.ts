/**
 * "The database cannot serve this request right now": the write lock stayed taken past the busy timeout,
 * the files are read-only, the disk is full, or the file cannot be read; on PostgreSQL, the server is down,
 * restarting, full, out of connections or a read-only standby. Requests that hit it are answered
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

/** Prisma's own codes for a server it cannot use right now (P1001 cannot reach, P1017 closed the connection, P2024 no pooled connection in time). */
const PRISMA_UNAVAILABLE: Record<string, UnavailableReason> = { P1001: "unreachable", P1002: "unreachable", P1017: "unreachable", P2024: "busy" };
/** What @prisma/adapter-pg reports for a socket or server it cannot use (its `kind`). */
const ADAPTER_KIND_UNAVAILABLE: Record<string, UnavailableReason> = { DatabaseNotReachable: "unreachable", ConnectionClosed: "unreachable", SocketTimeout: "busy", TooManyConnections: "busy" };
/** Node's socket errors, when the pg driver's own error reaches us unconverted. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH"]);

/**
 * PostgreSQL SQLSTATEs that mean "the server cannot serve now", not "the request is wrong": class 08
 * (connection exceptions), 57P01–57P03 (shutting down, crashed, starting up), 53100 disk full, 53200 out of
 * memory, 53300 too many connections, 25006 a read-only transaction (a hot standby after a failover),
 * 55P03 a lock not available in time, 57014 a statement timeout.
 */
function postgresStateReason(code: string): UnavailableReason | undefined {
  if (code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03") return "unreachable";
  if (code === "53100") return "disk-full";
  if (code === "53200" || code === "53300" || code === "55P03" || code === "57014") return "busy";
  if (code === "25006") return "read-only";
  return undefined;
}

/** Walks a Prisma / driver-adapter / pg error chain for a PostgreSQL server that is down, full or overloaded. */
export function postgresUnavailableReasonOf(error: unknown): UnavailableReason | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    const o = e as { code?: unknown; kind?: unknown; originalCode?: unknown; severity?: unknown; message?: unknown; syscall?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (typeof o.code === "string" && PRISMA_UNAVAILABLE[o.code]) return PRISMA_UNAVAILABLE[o.code];
    if (typeof o.kind === "string" && ADAPTER_KIND_UNAVAILABLE[o.kind]) return ADAPTER_KIND_UNAVAILABLE[o.kind];
    // the SQLSTATE: kept by the adapter as originalCode or (kind "postgres") code, or the pg driver's own error (code + severity)
    for (const state of [o.originalCode, o.kind === "postgres" || typeof o.severity === "string" ? o.code : undefined]) {
      const reason = typeof state === "string" ? postgresStateReason(state) : undefined;
      if (reason) return reason;
    }
    if (typeof o.code === "string" && typeof o.syscall === "string" && SOCKET_CODES.has(o.code)) return "unreachable";
    // the pg driver's own words when the server goes away mid-connection (an Error without a code)
    if (typeof o.message === "string" && /^Connection terminated( unexpectedly| due to connection timeout)?$/.test(o.message)) return "unreachable";
    e = o.cause ?? o.meta?.driverAdapterError;
  }
  return undefined;
}

export function unavailableReasonOf(error: unknown): UnavailableReason | undefined {
  const found = findUnavailable(error);
  if (found) return found.reason;
  const onPostgres = postgresUnavailableReasonOf(error);
  if (onPostgres) return onPostgres;
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
