import { databaseKind } from "../../app/db/database-url";
import type { PrismaClient } from "../../app/generated/prisma/client";
import { closeFts5, rebuildFts5 } from "../../app/search/sqlite-fts5.server";

/**
 * Refills the built-in search index from the seeded products: the number indexed, or null on PostgreSQL,
 * where the built-in index (SQLite's FTS5) does not exist; its PostgreSQL twin is issue 15 item 2.
 */
export async function rebuildSeedSearchIndex(db: PrismaClient): Promise<number | null> {
  if (databaseKind() === "postgresql") return null;
  const indexed = await rebuildFts5(db);
  closeFts5();
  return indexed;
}
