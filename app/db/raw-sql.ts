import { databaseKind } from "./database-url";

/**
 * Raw SQL written once for both databases (issue 15 item 1): placeholders are written `?` (SQLite) and
 * numbered `$1, $2, …` for PostgreSQL. Only for statements without `?` inside string literals.
 */
export function portablePlaceholders(sql: string): string {
  if (databaseKind() !== "postgresql") return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** SQLite's `INDEXED BY` hint, or nothing on PostgreSQL (its planner takes no hints). */
export function indexHint(index: string): string {
  return databaseKind() === "postgresql" ? "" : ` INDEXED BY "${index}"`;
}

/**
 * The mark that sends a raw read to the SQLite read pool's worker threads (app/db/read-pool.server.ts, decision
 * 142); a comment, so PostgreSQL (and SQLite without the pool) run the statement as written.
 */
export const READ_POOL_HINT = "/* read-pool */";

/** A top-level raw read that may run on the read pool, beside the other reads of the same page. */
export const pooledRead = (sql: string) => `${READ_POOL_HINT} ${sql}`;
