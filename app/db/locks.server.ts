/**
 * Locks that keep concurrent writers apart, on both databases (issue 15 item 1, decision 131).
 *
 * SQLite: every transaction already runs alone on the one writer connection (decision 070), so these are
 * no-ops. PostgreSQL: transactions on several connections (and several app instances) run side by side
 * under READ COMMITTED, so a check-then-write (capacity left, the next number) must first take a lock that
 * a racing transaction waits on; the statement after the lock then sees what the other one committed.
 */
import { databaseKind } from "./database-url";
import type { DbClient } from "./db.server";

const onPostgres = () => databaseKind() === "postgresql";

/** Tables whose rows are locked by id. Quoted as Prisma names them (the model name). */
export type LockableTable = "Product" | "Demand" | "DinasOffice" | "Group";

/**
 * `SELECT … FOR UPDATE` on the given rows, in id order (two transactions locking the same set never deadlock),
 * held until the transaction ends. Call inside `db.$transaction`.
 */
export async function lockRowsForUpdate(tx: DbClient, table: LockableTable, ids: readonly string[]): Promise<void> {
  if (!onPostgres() || ids.length === 0) return;
  const sorted = [...new Set(ids)].sort();
  await tx.$executeRawUnsafe(`SELECT id FROM "${table}" WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, sorted);
}

/**
 * A transaction-scoped advisory lock on a named key (e.g. `invoice-number:<group>:2026`): transactions that
 * serialise on the same key run one after another. For work that has no single row to lock.
 */
export async function serializeOn(tx: DbClient, key: string): Promise<void> {
  if (!onPostgres()) return;
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, key);
}
