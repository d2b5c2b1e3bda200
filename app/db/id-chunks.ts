/**
 * Queries over a long id list (`WHERE x IN (…)`), run in chunks. Prisma's SQLite engine binds at most 999
 * values in one statement for a groupBy and refuses more (P2029, "the query parameter limit supported by your
 * database is exceeded"); PostgreSQL allows 65,535. A chunk of ID_CHUNK ids leaves room for the other
 * parameters of the statement (decisions 106, 125, 141).
 */
export const ID_CHUNK = 500;

/** Runs `query` on consecutive slices of at most ID_CHUNK ids, one after the other, and concatenates the rows. */
export async function inChunks<T>(ids: readonly string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) out.push(...(await query(ids.slice(i, i + ID_CHUNK))));
  return out;
}
