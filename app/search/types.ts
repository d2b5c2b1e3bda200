import type { SearchQuery, SearchResult } from "./query";

/**
 * One search interface, two backends: the built-in SQLite FTS5 index (default) and Meilisearch
 * (when MEILISEARCH_URL is set). Both take the same SearchQuery and return the same SearchResult.
 */
export interface SearchBackend {
  readonly name: "sqlite-fts5" | "meilisearch";
  search(query: SearchQuery): Promise<SearchResult>;
  /** rebuilds the whole index from the products table */
  rebuild(): Promise<{ count: number }>;
  /** creates/configures the index if needed (called at start) */
  ensureReady(): Promise<void>;
}
