import { randomBytes } from "node:crypto";
import os from "node:os";
import type { DbClient } from "~/db/db.server";

/**
 * Leases: "this process runs job X until T". Several processes (the workers of the cluster, or a second
 * instance on the same database) race for a lease; exactly one holds it at a time. The holder renews it
 * well before it expires; when the holder dies, another process takes the lease over once it has expired.
 * Decision 100.
 *
 * Each step is one statement, so the database's write lock makes it atomic across processes: an insert
 * that only one process can win (primary key), or an update guarded by "still mine, or already expired".
 */

/** A name for this process that no other process shares: host, pid and a random part. */
export function newLeaseHolder(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

export type LeaseRequest = {
  name: string;
  holder: string;
  ttlMs: number;
  now: Date;
};

/** Takes or renews the lease; true when `holder` holds it until now + ttl. */
export async function tryAcquireLease(
  client: DbClient,
  { name, holder, ttlMs, now }: LeaseRequest
): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const renewed = await client.jobLease.updateMany({
    where: { name, holder },
    data: { expiresAt },
  });
  if (renewed.count === 1) return true;
  const takenOver = await client.jobLease.updateMany({
    where: { name, expiresAt: { lte: now } },
    data: { holder, acquiredAt: now, expiresAt },
  });
  if (takenOver.count === 1) return true;
  try {
    await client.jobLease.create({
      data: { name, holder, acquiredAt: now, expiresAt },
    });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false; // another process holds it
    throw error;
  }
}

/** Gives the lease up (on shutdown), so another process need not wait for it to expire. */
export async function releaseLease(
  client: DbClient,
  name: string,
  holder: string
): Promise<void> {
  await client.jobLease.deleteMany({ where: { name, holder } });
}

export async function currentLease(client: DbClient, name: string) {
  return client.jobLease.findUnique({ where: { name } });
}
