import type { DataVersionSource } from "./data-version.server";

/**
 * A small in-process cache of public, anonymous responses (the catalogue pages and the product API).
 * An entry is served only while the database is unchanged since it was stored (SQLite's `data_version`,
 * or PostgreSQL change notifications: app/cache/data-version.server.ts) — and
 * for at most `maxAgeMs`. Anything personal is never cached: requests with a session cookie, responses
 * that set cookies, and non-200 answers pass straight through.
 */
export type CachedResponse = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  storedAt: number;
  version: number;
  /** the CSP nonce written into the stored page (server.ts swaps in each response's own nonce) */
  nonce?: string;
};

export type PublicPageCacheOptions = {
  /** where "has the data changed?" is read (appDataVersion() for the app's database) */
  changes: DataVersionSource;
  maxEntries?: number;
  maxAgeMs?: number;
  /** paths whose anonymous GET responses may be cached */
  paths?: RegExp;
  sessionCookieName?: string;
};

const DEFAULT_PATHS = /^\/(?:$|products(?:\/[^/]+)?$|g\/[^/]+$|api\/v1\/products$)/;

export function createPublicPageCache(options: PublicPageCacheOptions) {
  const maxEntries = options.maxEntries ?? 1_000;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const paths = options.paths ?? DEFAULT_PATHS;
  const sessionCookie = options.sessionCookieName ?? "bermitra_session";
  const entries = new Map<string, CachedResponse>();
  const dataVersion = () => options.changes.current();

  function keyFor(input: { method: string; url: string; cookie: string | undefined }): string | null {
    if (input.method !== "GET") return null;
    const path = input.url.split("?")[0] ?? "";
    if (!paths.test(path)) return null;
    const cookie = input.cookie ?? "";
    if (cookie.includes(`${sessionCookie}=`)) return null;
    const language = /(?:^|;\s*)bermitra_lng=([^;]+)/.exec(cookie)?.[1] ?? "";
    return `${language}|${input.url}`;
  }

  return {
    keyFor,
    get(key: string, now = Date.now()): CachedResponse | null {
      const entry = entries.get(key);
      if (!entry) return null;
      if (now - entry.storedAt > maxAgeMs || entry.version !== dataVersion()) {
        entries.delete(key);
        return null;
      }
      return entry;
    },
    /** Remembers a response; `version` must be the data version read before the response was made. */
    set(key: string, response: Omit<CachedResponse, "storedAt">, now = Date.now()) {
      if (response.status !== 200 || "set-cookie" in response.headers) return;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(key, { ...response, storedAt: now });
    },
    dataVersion,
    size: () => entries.size,
    close() {
      options.changes.close();
    },
  };
}
