import { databaseKind } from "../../app/db/database-url";
import type { PrismaClient } from "../../app/generated/prisma/client";
import { rebuildPostgresSearch } from "../../app/search/postgres-search.server";
import { closeFts5, rebuildFts5 } from "../../app/search/sqlite-fts5.server";

/**
 * Refills the built-in search index from the seeded products (SQLite's FTS5 tables, or the PostgreSQL
 * full-text index of decision 130): the number indexed.
 */
export async function rebuildSeedSearchIndex(db: PrismaClient): Promise<number> {
  if (databaseKind() === "postgresql") return rebuildPostgresSearch(db);
  const indexed = await rebuildFts5(db);
  closeFts5();
  return indexed;
}
