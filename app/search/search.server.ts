import { databaseKind } from "~/db/database-url";
import { db, type DbClient } from "~/db/db.server";
import { createMeiliBackend, meiliConfigFromEnv, type MeiliBackend } from "./meilisearch.server";
import { enqueueSearchUpdate, processSearchOutbox, pruneSearchOutbox } from "./outbox.server";
import type { SearchQuery, SearchResult } from "./query";
import { createPostgresSearchBackend, getPostgresSearchMeta, postgresUpsert, setPostgresSearchMeta } from "./postgres-search.server";
import { createFts5Backend, fts5Upsert, getFts5Meta, pruneFts5Log, setFts5Meta } from "./sqlite-fts5.server";
import type { SearchBackend } from "./types";

/**
 * The app's entry point to search. The built-in index — SQLite FTS5, or PostgreSQL full-text search when
 * DATABASE_URL is postgresql:// (decision 130) — is always kept current (inside each product change's
 * transaction); with MEILISEARCH_URL set, searches go to Meilisearch and product changes also go through
 * the outbox. If Meilisearch fails a search, the built-in index answers.
 */

/** The built-in index of the current database: its backend, its in-transaction writer and its bookkeeping. */
type BuiltIn = {
  backend: SearchBackend;
  upsert(tx: DbClient, productId: string): Promise<void>;
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  /** hourly housekeeping */
  prune(): void;
};

function createBuiltIn(): BuiltIn {
  if (databaseKind() === "postgresql") {
    return {
      backend: createPostgresSearchBackend(db),
      upsert: postgresUpsert,
      getMeta: (key) => getPostgresSearchMeta(db, key),
      setMeta: (key, value) => setPostgresSearchMeta(db, key, value),
      prune: () => undefined,
    };
  }
  return {
    backend: createFts5Backend(db),
    upsert: fts5Upsert,
    getMeta: async (key) => getFts5Meta(key),
    setMeta: async (key, value) => setFts5Meta(key, value),
    prune: () => void pruneFts5Log(),
  };
}

declare global {
  // eslint-disable-next-line no-var
  var __bermitraSearch: { builtIn: BuiltIn; fts: SearchBackend; meili: MeiliBackend | null; meiliReady: Promise<void> | null } | undefined;
}

function holder() {
  if (!globalThis.__bermitraSearch) {
    const config = meiliConfigFromEnv();
    const meili = config ? createMeiliBackend(config, db) : null;
    const builtIn = createBuiltIn();
    globalThis.__bermitraSearch = { builtIn, fts: builtIn.backend, meili, meiliReady: null };
  }
  return globalThis.__bermitraSearch;
}

/** The built-in backend of the current database (SQLite FTS5 or PostgreSQL). */
export function builtInSearch(): SearchBackend {
  return holder().fts;
}

export function meiliSearch(): MeiliBackend | null {
  return holder().meili;
}

/** The backend that answers searches. */
export function activeSearchBackend(): SearchBackend {
  return holder().meili ?? holder().fts;
}

/** Creates/fills the built-in index and applies Meilisearch settings (called at start). */
export async function startSearch(): Promise<void> {
  const h = holder();
  await h.fts.ensureReady();
  if (h.meili && !h.meiliReady) {
    h.meiliReady = h.meili.ensureReady().catch((error) => {
      h.meiliReady = null;
      throw error;
    });
    await h.meiliReady;
  }
}

export async function searchProducts(query: SearchQuery): Promise<SearchResult & { backend: string }> {
  const h = holder();
  if (h.meili) {
    try {
      return { ...(await h.meili.search(query)), backend: "meilisearch" };
    } catch (error) {
      console.error("[search] Meilisearch failed, answering from the built-in index:", error instanceof Error ? error.message : error);
    }
  }
  return { ...(await h.fts.search(query)), backend: h.fts.name };
}

/** Call inside the transaction of every product change (create, edit, status, photos, certifications). */
export async function indexProductChange(tx: DbClient, productId: string, op: "UPSERT" | "DELETE" = "UPSERT"): Promise<void> {
  await holder().builtIn.upsert(tx, productId);
  if (meiliConfigFromEnv()) await enqueueSearchUpdate(tx, productId, op);
}

let ftsStarted: Promise<void> | null = null;

/**
 * Group changes made by other capabilities (verification, deactivation, profile edits) change what the
 * index must show (only verified, active groups; group name and village are searchable). Groups whose
 * `updatedAt` moved since the last sync get all their products re-indexed.
 */
export async function syncChangedGroups(now: Date): Promise<number> {
  const { builtIn } = holder();
  const since = await builtIn.getMeta("groupsSyncedAt");
  if (!since) {
    await builtIn.setMeta("groupsSyncedAt", now.toISOString());
    return 0;
  }
  const groups = await db.group.findMany({
    where: { updatedAt: { gt: new Date(since) } },
    orderBy: { updatedAt: "asc" },
    take: 200,
    select: { id: true, updatedAt: true },
  });
  if (groups.length === 0) return 0;
  const products = await db.product.findMany({ where: { groupId: { in: groups.map((g) => g.id) } }, select: { id: true } });
  await db.$transaction(async (tx) => {
    for (const p of products) await indexProductChange(tx, p.id);
  });
  await builtIn.setMeta("groupsSyncedAt", groups[groups.length - 1].updatedAt.toISOString());
  return products.length;
}

/**
 * Periodic job: on its first run (right after start) makes sure the built-in index exists and is filled;
 * re-indexes products of groups changed elsewhere; then pushes pending outbox rows to Meilisearch.
 */
export async function runSearchOutbox(now: Date) {
  const h = holder();
  ftsStarted ??= h.fts.ensureReady().catch((error) => {
    ftsStarted = null;
    throw error;
  });
  await ftsStarted;
  await syncChangedGroups(now);
  if (now.getUTCMinutes() === 0) h.builtIn.prune();
  if (!h.meili) return { sent: 0, failed: 0, upserts: 0, deletes: 0 };
  if (!h.meiliReady) {
    try {
      await startSearch();
    } catch {
      // Meilisearch still down: rows stay in the outbox and are retried with backoff.
    }
  }
  const result = await processSearchOutbox(db, h.meili, now);
  if (now.getUTCMinutes() === 0) await pruneSearchOutbox(db, now);
  return result;
}
