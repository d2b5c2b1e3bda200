/**
 * Abuse limits (issue 10 item 4) with rate-limiter-flexible's SQLite store (PostgreSQL store when
 * DATABASE_URL is postgresql://). Counters live in the RateLimit table of the app's database (created by a
 * Prisma migration), written through a connection of their own, so limits survive restarts and hold across
 * processes and instances; each increment is one atomic UPSERT … RETURNING. See docs/decisions/064-abuse-limits.md and docs/security.md.
 *
 * The connection never waits synchronously for a lock (busy timeout 0): a synchronous wait would block
 * the event loop while another request's Prisma transaction, which holds the write lock, needs it to
 * finish. SQLITE_BUSY is retried asynchronously instead.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite, type RateLimiterAbstract } from "rate-limiter-flexible";
import { databaseKind, sqliteFilePath } from "../db/database-url";
import { DomainError } from "../domain/errors";

type LimitSpec = { points: number; durationSeconds: number; blockSeconds?: number };

/** Every limit in one place. Keys: an account's e-mail, a signer id, or a client IP. */
export const LIMITS = {
  /** failed logins per account (checked before, counted on failure, cleared on success) */
  loginAccount: { points: 10, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  /** failed logins per client IP */
  loginIp: { points: 50, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  /** log-in codes sent to a phone (decision 109): per number and per client IP */
  loginCodeRequest: { points: 5, durationSeconds: 60 * 60 },
  loginCodeRequestIp: { points: 20, durationSeconds: 60 * 60 },
  /** sign-up attempts per client IP */
  signupIp: { points: 10, durationSeconds: 60 * 60 },
  /** forgot-password requests per client IP and per address */
  forgotIp: { points: 10, durationSeconds: 60 * 60 },
  forgotAccount: { points: 3, durationSeconds: 60 * 60 },
  /** signing-code e-mails per signer, and identity confirmations (password or code) per signer and per IP */
  signingCodeRequest: { points: 5, durationSeconds: 60 * 60 },
  signingAttemptSigner: { points: 10, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  signingAttemptIp: { points: 30, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  /** /mou/verify uploads per client IP */
  verifyUploadIp: { points: 20, durationSeconds: 10 * 60 },
  /** JSON API requests per client IP */
  apiIp: { points: 120, durationSeconds: 60 },
} satisfies Record<string, LimitSpec>;

export type LimitName = keyof typeof LIMITS;

export const TABLE = "RateLimit";

/** Thrown when a limit is used up; routes answer 429 with Retry-After and the translated message. */
export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, field = "_form") {
    super("errors:rateLimited", { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) }, field);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

export function isRateLimited(error: unknown): error is RateLimitedError {
  return error instanceof RateLimitedError;
}

declare global {
  // eslint-disable-next-line no-var
  var __bermitraRateLimits: { target: string; close: () => void; isOpen: () => boolean; limiters: Map<LimitName, RateLimiterAbstract> } | undefined;
}

function sqliteStore(file: string) {
  const connection = new Database(file, { timeout: 0 });
  connection.pragma("journal_mode = WAL");
  const limiters = new Map<LimitName, RateLimiterAbstract>();
  for (const [name, spec] of Object.entries(LIMITS) as [LimitName, LimitSpec][]) {
    limiters.set(
      name,
      new RateLimiterSQLite({
        storeClient: connection,
        storeType: "better-sqlite3",
        tableName: TABLE,
        tableCreated: true,
        keyPrefix: name,
        points: spec.points,
        duration: spec.durationSeconds,
        blockDuration: spec.blockSeconds ?? 0,
      }),
    );
  }
  return { target: file, close: () => connection.close(), isOpen: () => connection.open, limiters };
}

/**
 * PostgreSQL (issue 15 item 4): the same RateLimit table (same columns: key, points, expire in ms), through
 * rate-limiter-flexible's PostgreSQL store on a small pool of its own, so every app instance counts against
 * the same rows. The table comes from the Prisma migration; the store's own expiry sweep is left to the
 * retention job, as on SQLite.
 */
function postgresStore(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.RATE_LIMIT_POOL_SIZE ?? 3) });
  // An idle connection that the server closes (a restart, a failover) emits "error" on the pool; without a
  // listener Node ends the process. The pool drops that connection and opens a new one on the next hit.
  pool.on("error", (error) => console.error("[rate-limit] idle database connection lost:", error.message));
  let open = true;
  const limiters = new Map<LimitName, RateLimiterAbstract>();
  for (const [name, spec] of Object.entries(LIMITS) as [LimitName, LimitSpec][]) {
    limiters.set(
      name,
      new RateLimiterPostgres({
        storeClient: pool,
        storeType: "pool",
        tableName: TABLE,
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix: name,
        points: spec.points,
        duration: spec.durationSeconds,
        blockDuration: spec.blockSeconds ?? 0,
      }),
    );
  }
  const close = () => {
    open = false;
    void pool.end();
  };
  return { target: url, close, isOpen: () => open, limiters };
}

function store() {
  const postgres = databaseKind() === "postgresql";
  const target = postgres ? process.env.DATABASE_URL! : sqliteFilePath();
  const current = globalThis.__bermitraRateLimits;
  if (current && current.target === target && current.isOpen()) return current;
  if (current?.isOpen()) current.close();
  globalThis.__bermitraRateLimits = postgres ? postgresStore(target) : sqliteStore(target);
  return globalThis.__bermitraRateLimits;
}

function limiter(name: LimitName): RateLimiterAbstract {
  return store().limiters.get(name)!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withBusyRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: string } | null)?.code;
      if ((code !== "SQLITE_BUSY" && code !== "SQLITE_LOCKED") || attempt >= 200) throw error;
      await sleep(5 + Math.random() * 20);
    }
  }
}

function keyOf(value: string | null | undefined): string {
  return (value ?? "unknown").trim().toLowerCase().slice(0, 200) || "unknown";
}

/** Counts one attempt; throws RateLimitedError when this one is over the limit. */
export async function consume(name: LimitName, key: string | null | undefined, field?: string): Promise<void> {
  try {
    await withBusyRetry(() => limiter(name).consume(keyOf(key)));
  } catch (error) {
    if (error instanceof RateLimiterRes) throw new RateLimitedError(error.msBeforeNext / 1000, field);
    throw error;
  }
}

/** Throws RateLimitedError if the limit is already used up, without counting (failure-only limits). */
export async function assertNotLimited(name: LimitName, key: string | null | undefined, field?: string): Promise<void> {
  const res = await withBusyRetry(() => limiter(name).get(keyOf(key)));
  if (res && res.consumedPoints >= LIMITS[name].points) throw new RateLimitedError(res.msBeforeNext / 1000, field);
}

/** Counts a failure without throwing (the caller reports the failure itself). */
export async function countFailure(name: LimitName, key: string | null | undefined): Promise<void> {
  try {
    await withBusyRetry(() => limiter(name).consume(keyOf(key)));
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
  }
}

/** Forgets the counter (e.g. after a successful login). */
export async function reset(name: LimitName, key: string | null | undefined): Promise<void> {
  await withBusyRetry(() => limiter(name).delete(keyOf(key)));
}
