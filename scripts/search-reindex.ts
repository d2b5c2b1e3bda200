/**
 * `npm run search:reindex` — rebuilds the search indexes from the products table.
 * The built-in index (SQLite FTS5, or PostgreSQL full-text search when DATABASE_URL is postgresql://) is always rebuilt; with MEILISEARCH_URL set, a new Meilisearch index
 * is built beside the live one, filled, swapped in atomically and the old one dropped.
 */
import { databaseKind } from "../app/db/database-url";
import { createPrismaClient } from "../app/db/db.server";
import { createMeiliBackend, meiliConfigFromEnv } from "../app/search/meilisearch.server";
import { rebuildPostgresSearch } from "../app/search/postgres-search.server";
import { closeFts5, rebuildFts5 } from "../app/search/sqlite-fts5.server";

const db = createPrismaClient();
try {
  const t0 = Date.now();
  if (databaseKind() === "postgresql") {
    const count = await rebuildPostgresSearch(db);
    console.log(`search:reindex built-in (PostgreSQL full-text): ${count} products in ${Date.now() - t0} ms`);
  } else {
    const count = await rebuildFts5(db);
    closeFts5();
    console.log(`search:reindex built-in (SQLite FTS5): ${count} products in ${Date.now() - t0} ms`);
  }
  const config = meiliConfigFromEnv();
  if (config) {
    const t1 = Date.now();
    const meili = createMeiliBackend({ ...config, taskTimeoutMs: 10 * 60_000 }, db);
    const result = await meili.rebuild();
    console.log(`search:reindex Meilisearch ${config.url} index "${config.index}": ${result.count} products in ${Date.now() - t1} ms (swapped)`);
  } else {
    console.log("search:reindex MEILISEARCH_URL is not set: Meilisearch skipped");
  }
} finally {
  await db.$disconnect();
}
