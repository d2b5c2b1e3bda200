/**
 * Test files that do not run on PostgreSQL (TEST_POSTGRES_URL), each with the reason. Everything else in
 * tests/ runs on both databases. An entry leaves this list when the file has a PostgreSQL twin.
 */
export const SQLITE_ONLY_TESTS: Record<string, string> = {
  // SQLite's own machinery: PostgreSQL has the server's locks, MVCC and WAL instead
  "tests/integration/db-discipline.test.ts": "the one-writer SQLite adapter (decision 070); PostgreSQL transactions run side by side and are covered by the race tests",
  "tests/integration/db-faults.test.ts": "holds SQLite's write lock from a second process (busy timeout)",
  "tests/integration/db-faults-files.test.ts": "makes the SQLite files read-only / caps max_page_count",
  "tests/integration/db-read-pool.test.ts": "the SQLite read pool's worker threads and query_only connections (decision 142); on PostgreSQL the server runs reads side by side and the mark is a comment",
  "tests/integration/db-disk-full.test.ts": "fills a size-capped SQLite file",
  "tests/integration/crash.test.ts": "SIGKILL under load, then SQLite's integrity_check; its PostgreSQL twin is tests/integration/crash-postgres.test.ts (app SIGKILL + pg_ctl -m immediate, amcheck)",
  "tests/integration/backup.test.ts": "SQLite's online backup API; PostgreSQL is backed up with pg_dump / base backups (docs/deploying.md)",
  "tests/integration/query-plans.test.ts": "SQLite's EXPLAIN QUERY PLAN",
  "tests/integration/search-memory-index.test.ts": "the in-memory index reads SQLite's FTS5 tables and data_version",
};
