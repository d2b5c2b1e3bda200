/**
 * The built-in search's in-memory index (decision 112) answers exactly like the SQL over the FTS5 tables
 * (`fts5SearchSql`, the reference): same total, same facets, same hits in the same order, for text, typo,
 * synonym, filtered, sorted and paged queries; and it follows writes made through another connection
 * (the app's Prisma client, another web process) without a full reload, and reloads after a rebuild.
 * SQLite only: on PostgreSQL the built-in index is postgres-search.server.ts (search-backends.test.ts).
 */
import Database from "better-sqlite3";
import { databaseKind, sqliteFilePath } from "~/db/database-url";
import { db } from "~/db/db.server";
import { PAGE_SIZE, type SearchQuery } from "~/search/query";
import { indexProductChange } from "~/search/search.server";
import { ensureFts5Index, fts5Search, fts5SearchSql, memoryIndexStats } from "~/search/sqlite-fts5.server";

const q = (partial: Partial<SearchQuery>): SearchQuery => ({ q: "", sort: "relevance", page: 1, pageSize: PAGE_SIZE, ...partial });
const answer = (r: ReturnType<typeof fts5Search>) => ({ total: r.total, facets: r.facets, ids: r.items.map((i) => i.id) });

const onSqlite = databaseKind() === "sqlite";

beforeAll(async () => {
  process.env.SEARCH_RESULT_CACHE = "0";
  if (onSqlite) await ensureFts5Index(db);
});
afterAll(() => {
  delete process.env.SEARCH_RESULT_CACHE;
});

const QUERIES: Partial<SearchQuery>[] = [
  {},
  { q: "kopi" },
  { q: "kopy" },
  { q: "kop" },
  { q: "telor asin" },
  { q: "kue basa" },
  { q: "jajanan pasar" },
  { q: "kripik" },
  { q: "keripik singkong" },
  { q: "bawang merah" },
  { q: "sabun", sort: "price_desc" },
  { q: "kopi", sort: "price_asc" },
  { q: "telur", sort: "newest" },
  { q: "zzqxw" },
  { q: "ke" },
  { q: "keripik", category: "makanan-ringan", cert: "PIRT" },
  { q: "kue", groupType: "KUBE" },
  { q: "telur", minPrice: 5_000, maxPrice: 40_000 },
  { category: "kue-basah" },
  { cert: "HALAL", sort: "price_asc" },
  { groupType: "KPM", kecamatan: "Batu" },
  { kecamatan: "Bumiaji", sort: "price_desc" },
  { minCapacity: 100 },
  { category: "no-such-category" },
  { kecamatan: "Nowhere" },
  { sort: "price_asc", page: 2 },
  { q: "kue", page: 2, pageSize: 5 },
  { pageSize: 200 },
];

describe.runIf(onSqlite)("in-memory index = SQL over FTS5", () => {
  it.each(QUERIES)("same answer for %o", (partial) => {
    const query = q(partial);
    const memory = fts5Search(query);
    const sql = fts5SearchSql(query);
    expect(answer(memory)).toEqual(answer(sql));
    expect(JSON.stringify(memory.facets)).toBe(JSON.stringify(sql.facets)); // same key order too (the page lists them in it)
    expect(memory.items).toEqual(sql.items);
  });

  it("finds real things (the comparison is not of two empty answers)", () => {
    expect(fts5Search(q({ q: "kopy" })).total).toBeGreaterThan(0);
    expect(fts5Search(q({ q: "jajanan pasar" })).facets.category["kue-basah"]).toBeGreaterThan(0);
    expect(fts5Search(q({})).items).toHaveLength(PAGE_SIZE);
  });
});

describe.runIf(onSqlite)("kept current", () => {
  it("follows a product change committed through the Prisma connection with a delta, not a reload", async () => {
    fts5Search(q({ q: "kopi" }));
    const loads = memoryIndexStats().loads;
    const product = await db.product.findFirstOrThrow({ where: { status: "ACTIVE", group: { verificationStatus: "VERIFIED", active: true } } });
    await db.$transaction(async (tx) => {
      await tx.product.update({ where: { id: product.id }, data: { name: "Dodol Zirkonia Istimewa", priceRupiah: 77_777 } });
      await indexProductChange(tx, product.id);
    });
    const found = fts5Search(q({ q: "zirkonia" }));
    expect(found.items.map((i) => i.id)).toEqual([product.id]);
    expect(found.items[0].priceRupiah).toBe(77_777);
    expect(memoryIndexStats()).toEqual({ loads, delta: 1 });
    // its old version is masked in the main segment: every answer still equals the SQL one
    expect(answer(fts5Search(q({ q: product.name, pageSize: 200 })))).toEqual(answer(fts5SearchSql(q({ q: product.name, pageSize: 200 }))));
    for (const partial of QUERIES) expect(answer(fts5Search(q(partial))), JSON.stringify(partial)).toEqual(answer(fts5SearchSql(q(partial))));

    // archived: leaves the index
    await db.$transaction(async (tx) => {
      await tx.product.update({ where: { id: product.id }, data: { status: "ARCHIVED" } });
      await indexProductChange(tx, product.id);
    });
    expect(fts5Search(q({ q: "zirkonia" })).total).toBe(0);
    expect(fts5Search(q({})).total).toBe(fts5SearchSql(q({})).total);
    expect(memoryIndexStats().loads).toBe(loads);
  });

  it("reloads when another process rebuilt the index (new generation)", () => {
    fts5Search(q({ q: "kopi" }));
    const loads = memoryIndexStats().loads;
    const other = new Database(sqliteFilePath());
    other.prepare(`INSERT OR REPLACE INTO search_meta (key, value) VALUES ('generation', 'rebuilt elsewhere')`).run();
    other.close();
    expect(answer(fts5Search(q({ q: "kopi" })))).toEqual(answer(fts5SearchSql(q({ q: "kopi" }))));
    expect(memoryIndexStats()).toEqual({ loads: loads + 1, delta: 0 });
  });
});
