import type { Db, DbClient } from "~/db/db.server";
import { claimSearchOutbox, DEFAULT_CLAIM_TTL_MS, newClaimToken } from "~/jobs/claims.server";
import { loadDocument, type ProductDocument } from "./documents.server";
import type { MeiliBackend } from "./meilisearch.server";

/**
 * Product changes reach Meilisearch through the SearchOutbox table: a row is written in the same
 * transaction as the change, and `processSearchOutbox` (a periodic job) sends pending rows, retrying
 * with exponential backoff while Meilisearch is unreachable. Nothing is lost when it is down.
 */
export async function enqueueSearchUpdate(tx: DbClient, productId: string, op: "UPSERT" | "DELETE" = "UPSERT") {
  await tx.searchOutbox.create({ data: { productId, op } });
}

export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_MAX_MS = 60 * 60_000;

/** Delay before attempt n+1 after n failed attempts: 5 s, 10 s, 20 s … capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

export type OutboxRunResult = { sent: number; failed: number; upserts: number; deletes: number };

/**
 * Sends due outbox rows (oldest first, up to `batchSize`). Several rows of one product collapse into
 * one update carrying the product's current state; a product that is no longer public is deleted.
 */
export async function processSearchOutbox(
  client: Db,
  backend: Pick<MeiliBackend, "apply">,
  now: Date,
  batchSize = 200,
  claimTtlMs = DEFAULT_CLAIM_TTL_MS,
): Promise<OutboxRunResult> {
  // Claimed first (decision 133): a second run at the same time takes other products' rows, or none.
  const token = newClaimToken();
  const ids = await claimSearchOutbox(client, { token, now, limit: batchSize, ttlMs: claimTtlMs });
  const rows = ids.length
    ? await client.searchOutbox.findMany({ where: { id: { in: ids }, claimedBy: token }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })
    : [];
  if (rows.length === 0) return { sent: 0, failed: 0, upserts: 0, deletes: 0 };
  const productIds = [...new Set(rows.map((r) => r.productId))];
  const upserts: ProductDocument[] = [];
  const deletes: string[] = [];
  for (const id of productIds) {
    const doc = await loadDocument(client, id);
    if (doc) upserts.push(doc);
    else deletes.push(id);
  }
  try {
    await backend.apply(upserts, deletes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    for (const row of rows) {
      const attempts = row.attempts + 1;
      await client.searchOutbox.updateMany({
        where: { id: row.id, claimedBy: token },
        data: { attempts, lastError: message.slice(0, 500), nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)), claimedBy: null, claimedUntil: null },
      });
    }
    return { sent: 0, failed: rows.length, upserts: 0, deletes: 0 };
  }
  await client.searchOutbox.updateMany({ where: { id: { in: rows.map((r) => r.id) }, claimedBy: token }, data: { processedAt: now, lastError: null, claimedBy: null, claimedUntil: null } });
  return { sent: rows.length, failed: 0, upserts: upserts.length, deletes: deletes.length };
}

/** Removes rows processed more than `keepDays` ago. */
export async function pruneSearchOutbox(client: DbClient, now: Date, keepDays = 7) {
  return client.searchOutbox.deleteMany({ where: { processedAt: { lt: new Date(now.getTime() - keepDays * 86_400_000) } } });
}
