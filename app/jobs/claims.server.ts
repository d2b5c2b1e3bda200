import { randomBytes } from "node:crypto";
import os from "node:os";
import { databaseKind } from "~/db/database-url";
import type { Db } from "~/db/db.server";
import { serializeOn } from "~/db/locks.server";

/**
 * Outbox claims (issue 15 item 3, decision 133). Before a sender hands a row of an outbox to SMTP, a text
 * provider or Meilisearch, it claims the row: `claimedBy` = a token no other run shares, `claimedUntil` =
 * now + ttl, in one atomic step. Only rows claimed by the run's own token are delivered, and every later
 * write to them is guarded by that token, so two senders (two workers of the cluster, two instances, or an
 * old job runner overlapping a takeover) never deliver the same row. A claim whose holder died expires and
 * is retaken by the next run.
 *
 * - PostgreSQL: `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED LIMIT n) RETURNING id`: senders on
 *   several instances claim disjoint batches at the same time without waiting for each other.
 * - SQLite: the same choice inside one write transaction (`BEGIN IMMEDIATE`, decision 070): the single
 *   writer makes the read-then-update atomic across processes.
 */

export type ClaimRequest = {
  /** from newClaimToken(): one per sender run */
  token: string;
  now: Date;
  limit: number;
  /** how long the claim lasts; a run that has not finished by then leaves the rest to the next claimer */
  ttlMs: number;
};

/** How long a claim lasts unless the sender says otherwise: far more than one batch takes. */
export const DEFAULT_CLAIM_TTL_MS = 10 * 60_000;

/** A name for one sender run: host, pid and a random part. */
export function newClaimToken(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(6).toString("hex")}`;
}

const onPostgres = () => databaseKind() === "postgresql";
/** A date as a PostgreSQL parameter: Prisma keeps DateTime as UTC in `timestamp(3)` (no zone). */
const pgTime = (d: Date) => d.toISOString();

type StatusOutbox = "EmailMessage" | "TextMessage";

/**
 * Claims up to `limit` rows of the email or text-message outbox, oldest first: PENDING ones, and SENDING ones
 * whose claim has expired (their sender died). They become SENDING, claimed by `token`. Returns their ids.
 */
export async function claimStatusOutbox(client: Db, table: StatusOutbox, { token, now, limit, ttlMs }: ClaimRequest): Promise<string[]> {
  const until = new Date(now.getTime() + ttlMs);
  if (onPostgres()) {
    const rows = await client.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE "${table}" SET status = 'SENDING', "claimedBy" = $1, "claimedUntil" = $2::timestamp(3)
       WHERE id IN (
         SELECT id FROM "${table}"
         WHERE status = 'PENDING' OR (status = 'SENDING' AND "claimedUntil" <= $3::timestamp(3))
         ORDER BY "createdAt", id
         LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      token,
      pgTime(until),
      pgTime(now),
      limit,
    );
    return rows.map((r) => r.id);
  }
  const due = { OR: [{ status: "PENDING" as const }, { status: "SENDING" as const, claimedUntil: { lte: now } }] };
  return client.$transaction(async (tx) => {
    const delegate = table === "EmailMessage" ? tx.emailMessage : tx.textMessage;
    const ids = (await (delegate as typeof tx.emailMessage).findMany({ where: due, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: limit, select: { id: true } })).map((r) => r.id);
    if (ids.length === 0) return [];
    await (delegate as typeof tx.emailMessage).updateMany({ where: { id: { in: ids }, ...due }, data: { status: "SENDING", claimedBy: token, claimedUntil: until } });
    return ids;
  });
}

/**
 * Gives back the rows of a run that it did not get to (it stopped before its claims ran out): they are
 * PENDING again at once instead of waiting for the claim to expire.
 */
export async function releaseStatusClaims(client: Db, table: StatusOutbox, token: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const where = { id: { in: ids }, claimedBy: token, status: "SENDING" as const };
  const data = { status: "PENDING" as const, claimedBy: null, claimedUntil: null };
  if (table === "EmailMessage") await client.emailMessage.updateMany({ where, data });
  else await client.textMessage.updateMany({ where, data });
}

/**
 * Claims due rows of the search outbox (not processed, past their backoff, not claimed by a live claim),
 * oldest first — but never a row of a product that another run's live claim already covers: that run
 * sends the product's state as it loaded it, and a second run sending a newer state first would be
 * overwritten by the older one. Claims of the search outbox therefore run one at a time (a transaction
 * advisory lock on PostgreSQL, the write lock on SQLite), so each sees the others' committed claims.
 */
export async function claimSearchOutbox(client: Db, { token, now, limit, ttlMs }: ClaimRequest): Promise<string[]> {
  const until = new Date(now.getTime() + ttlMs);
  if (onPostgres()) {
    return client.$transaction(async (tx) => {
      await serializeOn(tx, "search-outbox-claim");
      const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
        `UPDATE "SearchOutbox" SET "claimedBy" = $1, "claimedUntil" = $2::timestamp(3)
         WHERE id IN (
           SELECT o.id FROM "SearchOutbox" o
           WHERE o."processedAt" IS NULL AND o."nextAttemptAt" <= $3::timestamp(3)
             AND (o."claimedUntil" IS NULL OR o."claimedUntil" <= $3::timestamp(3))
             AND NOT EXISTS (
               SELECT 1 FROM "SearchOutbox" c
               WHERE c."productId" = o."productId" AND c."processedAt" IS NULL AND c."claimedUntil" > $3::timestamp(3))
           ORDER BY o."createdAt", o.id
           LIMIT $4
           FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        token,
        pgTime(until),
        pgTime(now),
        limit,
      );
      return rows.map((r) => r.id);
    });
  }
  return client.$transaction(async (tx) => {
    const busy = await tx.searchOutbox.findMany({ where: { processedAt: null, claimedUntil: { gt: now } }, select: { productId: true }, distinct: ["productId"] });
    const rows = await tx.searchOutbox.findMany({
      where: {
        processedAt: null,
        nextAttemptAt: { lte: now },
        OR: [{ claimedUntil: null }, { claimedUntil: { lte: now } }],
        productId: { notIn: busy.map((b) => b.productId) },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select: { id: true },
    });
    const ids = rows.map((r) => r.id);
    if (ids.length) await tx.searchOutbox.updateMany({ where: { id: { in: ids } }, data: { claimedBy: token, claimedUntil: until } });
    return ids;
  });
}
