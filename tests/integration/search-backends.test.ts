/**
 * One behaviour suite, every backend of the current database: the built-in index (SQLite FTS5, or
 * PostgreSQL full-text search when the suite runs on PostgreSQL) and the Meilisearch backend.
 * The Meilisearch backend talks to a LOOPBACK STAND-IN server (tests/helpers/meili-standin.ts), not to
 * Meilisearch: no Meilisearch server can run on our machines. Ranking details the stand-in does not
 * reproduce are asserted only for the built-in backend.
 */
import { databaseKind } from "~/db/database-url";
import { db } from "~/db/db.server";
import { createMeiliBackend, MEILI_SETTINGS } from "~/search/meilisearch.server";
import { PAGE_SIZE, type SearchQuery, type SearchResult } from "~/search/query";
import { createPostgresSearchBackend } from "~/search/postgres-search.server";
import { createFts5Backend } from "~/search/sqlite-fts5.server";
import type { SearchBackend } from "~/search/types";
import { startMeiliStandIn, type StandIn } from "../helpers/meili-standin";

const q = (partial: Partial<SearchQuery>): SearchQuery => ({ q: "", sort: "relevance", page: 1, pageSize: PAGE_SIZE, ...partial });
const names = (r: SearchResult) => r.items.map((i) => i.name.toLowerCase());

let standIn: StandIn;
const backends: Record<string, SearchBackend> = {};
/** The built-in backend of the database this run uses. */
const BUILT_IN = databaseKind() === "postgresql" ? "postgresql" : "sqlite-fts5";

beforeAll(async () => {
  standIn = await startMeiliStandIn();
  backends[BUILT_IN] = BUILT_IN === "postgresql" ? createPostgresSearchBackend(db) : createFts5Backend(db);
  const meili = createMeiliBackend({ url: standIn.url, index: "products", taskTimeoutMs: 2_000 }, db);
  await meili.ensureReady();
  await meili.rebuild();
  backends.meilisearch = meili;
});
afterAll(async () => {
  await standIn.close();
});

describe.each([BUILT_IN, "meilisearch"])("search behaviour: %s", (name) => {
  const search = (query: Partial<SearchQuery>) => backends[name].search(q(query));

  it("returns every public product for an empty query, newest first, with facet counts", async () => {
    const publicCount = await db.product.count({ where: { status: "ACTIVE", group: { verificationStatus: "VERIFIED", active: true } } });
    const r = await search({});
    expect(r.total).toBe(publicCount);
    expect(r.items).toHaveLength(PAGE_SIZE);
    const sumCategories = Object.values(r.facets.category).reduce((a, b) => a + b, 0);
    expect(sumCategories).toBe(publicCount);
    expect((r.facets.groupType.KPM ?? 0) + (r.facets.groupType.KUBE ?? 0)).toBe(publicCount);
    const times = r.items.map((i) => Date.parse(i.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("tolerates a typo: kopy finds kopi", async () => {
    const r = await search({ q: "kopy" });
    expect(r.total).toBeGreaterThan(0);
    expect(names(r).some((n) => n.includes("kopi"))).toBe(true);
  });

  it("forgives Indonesian spelling: telor asin finds telur asin", async () => {
    const r = await search({ q: "telor asin" });
    expect(names(r).filter((n) => n.includes("telur asin")).length).toBeGreaterThan(0);
    expect(r.items.every((i) => i.categorySlug === "telur-olahan")).toBe(true);
  });

  it("matches a prefix and a missing last letter: kue basa finds kue basah", async () => {
    const r = await search({ q: "kue basa" });
    expect(r.total).toBeGreaterThan(0);
    expect(r.items.filter((i) => i.categorySlug === "kue-basah").length).toBeGreaterThan(0);
    const p = await search({ q: "kop" });
    expect(names(p).some((n) => n.includes("kopi"))).toBe(true);
  });

  it("knows synonyms: jajanan pasar finds kue basah, kripik finds keripik", async () => {
    const r = await search({ q: "jajanan pasar" });
    expect(r.total).toBeGreaterThan(0);
    expect(r.facets.category["kue-basah"]).toBeGreaterThan(0);
    const k = await search({ q: "kripik" });
    expect(k.total).toBeGreaterThan(0);
    expect(names(k).some((n) => n.includes("keripik"))).toBe(true);
  });

  it("filters by category, certification, group type, kecamatan, price and capacity", async () => {
    const all = await search({});
    const cat = await search({ category: "telur-olahan", pageSize: 100 });
    expect(cat.total).toBe(all.facets.category["telur-olahan"]);
    expect(cat.items.every((i) => i.categorySlug === "telur-olahan")).toBe(true);
    const halal = await search({ cert: "HALAL", pageSize: 100 });
    expect(halal.total).toBe(all.facets.cert.HALAL);
    expect(halal.items.every((i) => i.certs.includes("HALAL"))).toBe(true);
    const kube = await search({ groupType: "KUBE", pageSize: 100 });
    expect(kube.total).toBe(all.facets.groupType.KUBE);
    expect(kube.items.every((i) => i.groupType === "KUBE")).toBe(true);
    const bumiaji = await search({ kecamatan: "Bumiaji" });
    expect(bumiaji.total).toBe(all.facets.kecamatan.Bumiaji);
    const priced = await search({ minPrice: 5_000, maxPrice: 20_000, pageSize: 100 });
    expect(priced.total).toBeGreaterThan(0);
    expect(priced.items.every((i) => i.priceRupiah >= 5_000 && i.priceRupiah <= 20_000)).toBe(true);
    const capacity = await search({ minCapacity: 500, pageSize: 100 });
    expect(capacity.items.every((i) => i.weeklyCapacity >= 500)).toBe(true);
    const combined = await search({ q: "keripik", category: "makanan-ringan", cert: "PIRT" });
    expect(combined.items.every((i) => i.categorySlug === "makanan-ringan" && i.certs.includes("PIRT"))).toBe(true);
  });

  it("sorts by price both ways and pages without overlap", async () => {
    const asc = await search({ sort: "price_asc" });
    const prices = asc.items.map((i) => i.priceRupiah);
    expect([...prices].sort((a, b) => a - b)).toEqual(prices);
    const desc = await search({ sort: "price_desc" });
    expect(desc.items[0].priceRupiah).toBeGreaterThanOrEqual(desc.items[desc.items.length - 1].priceRupiah);
    const page2 = await search({ sort: "price_asc", page: 2 });
    expect(page2.page).toBe(2);
    expect(page2.total).toBe(asc.total);
    const ids = new Set(asc.items.map((i) => i.id));
    expect(page2.items.some((i) => ids.has(i.id))).toBe(false);
  });

  it("finds nothing for nonsense", async () => {
    const r = await search({ q: "zzqxw" });
    expect(r.total).toBe(0);
    expect(r.items).toEqual([]);
  });
});

describe(`both backends agree (${BUILT_IN} and meilisearch)`, () => {
  it.each([{ category: "kue-basah" }, { cert: "PIRT" as const }, { groupType: "KPM" as const, kecamatan: "Batu" }, { minPrice: 10_000 }])(
    "same products and facets for %o",
    async (filter) => {
      const [a, b] = await Promise.all([backends[BUILT_IN].search(q({ ...filter, pageSize: 200 })), backends.meilisearch.search(q({ ...filter, pageSize: 200 }))]);
      expect(b.total).toBe(a.total);
      expect(b.items.map((i) => i.id).sort()).toEqual(a.items.map((i) => i.id).sort());
      expect(b.facets).toEqual(a.facets);
    },
  );
  it("typo queries find the same products", async () => {
    for (const text of ["kopy", "telor asin"]) {
      const [a, b] = await Promise.all([backends[BUILT_IN].search(q({ q: text, pageSize: 200 })), backends.meilisearch.search(q({ q: text, pageSize: 200 }))]);
      expect(b.items.map((i) => i.id).sort(), text).toEqual(a.items.map((i) => i.id).sort());
    }
  });
});

describe(`ranking rules (built-in backend: ${BUILT_IN})`, () => {
  it("puts products named with the exact word before typo and description matches", async () => {
    const r = await backends[BUILT_IN].search(q({ q: "kopi" }));
    const firstNonName = r.items.findIndex((i) => !i.name.toLowerCase().includes("kopi"));
    const lastName = r.items.map((i) => i.name.toLowerCase().includes("kopi")).lastIndexOf(true);
    if (firstNonName >= 0) expect(lastName).toBeLessThan(firstNonName);
  });

  it("applies the Meilisearch settings the backend declares", () => {
    const settings = standIn.indexes.get("products")!.settings;
    expect(settings.synonyms).toEqual(MEILI_SETTINGS.synonyms);
    expect(settings.typoTolerance).toEqual(MEILI_SETTINGS.typoTolerance);
    expect(MEILI_SETTINGS.filterableAttributes).toEqual(expect.arrayContaining(["categorySlug", "areas", "groupType", "certs", "priceRupiah", "weeklyCapacity"]));
  });
});
