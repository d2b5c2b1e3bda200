import type { SearchQuery, SearchResult } from "./query";

/**
 * One search interface, three backends: the built-in index — SQLite FTS5 (default) or PostgreSQL
 * full-text search (when DATABASE_URL is postgresql://) — and Meilisearch (when MEILISEARCH_URL is set).
 * All take the same SearchQuery and return the same SearchResult.
 */
export interface SearchBackend {
  readonly name: "sqlite-fts5" | "postgresql" | "meilisearch";
  search(query: SearchQuery): Promise<SearchResult>;
  /** rebuilds the whole index from the products table */
  rebuild(): Promise<{ count: number }>;
  /** creates/configures the index if needed (called at start) */
  ensureReady(): Promise<void>;
}
