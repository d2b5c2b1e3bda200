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
