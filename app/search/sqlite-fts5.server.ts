/**
 * ──────────────────────────────────────────────────────────────────────────
 *  SQLITE-SPECIFIC SQL: the built-in search backend (SQLite FTS5, unicode61
 *  tokenizer with prefix indexes). Its tables live beside Prisma's, outside schema.prisma:
 *    search_product      one compact row per searchable product (filter/sort columns, normalised name)
 *    search_hit          the result card of each product as JSON (read only for the page shown)
 *    search_product_fts  FTS5 over name / category words / description + group
 *    search_vocab        every indexed word, for typo tolerance
 *    search_meta         the layout version (a change rebuilds the index)
 *  Created and filled at startup (`ensureFts5Index`) and by the seed; kept up to date inside the
 *  transaction of each product change (`fts5Upsert`, through the Prisma transaction client).
 *  A PostgreSQL port replaces this module (e.g. with pg_trgm) behind the same SearchBackend interface.
 * ──────────────────────────────────────────────────────────────────────────
 */
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { sqliteFilePath } from "~/db/database-url";
import type { DbClient } from "~/db/db.server";
import { loadDocument, PUBLIC_PRODUCT_WHERE, toDocument, toHit, type ProductDocument } from "./documents.server";
import { normalizeText, parseText, tokenize, type ParsedText } from "./language";
import { emptyFacets, type Facets, type SearchQuery, type SearchResult } from "./query";
import { MemoryIndex, type MatchPlan, type MemoryAnswer } from "./memory-index.server";
import type { SearchBackend } from "./types";

const LAYOUT_VERSION = "4";
const CERT_KINDS = ["HALAL", "PIRT", "DINKES", "OWN_BRAND"];

const DDL = [
  `CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS search_product (
     rowid INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     category TEXT NOT NULL,
     group_type TEXT NOT NULL,
     areas TEXT NOT NULL,
     certs TEXT NOT NULL,
     price INTEGER NOT NULL,
     capacity INTEGER NOT NULL,
     created INTEGER NOT NULL,
     slug TEXT NOT NULL,
     name TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS search_hit (rowid INTEGER PRIMARY KEY, hit TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS search_product_created ON search_product (created DESC)`,
  `CREATE INDEX IF NOT EXISTS search_product_price ON search_product (price)`,
  `CREATE INDEX IF NOT EXISTS search_product_category ON search_product (category, created DESC)`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS search_product_fts USING fts5(name, category, body, tokenize = 'unicode61', prefix = '2 3 4')`,
  `CREATE TABLE IF NOT EXISTS search_vocab (word TEXT PRIMARY KEY)`,
  // rowids touched by each index write, for the other processes' in-memory indexes (memory-index.server.ts)
  `CREATE TABLE IF NOT EXISTS search_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, rid INTEGER NOT NULL)`,
];
const DROP = [
  `DROP TABLE IF EXISTS search_product_fts`,
  `DROP TABLE IF EXISTS search_product`,
  `DROP TABLE IF EXISTS search_hit`,
  `DROP TABLE IF EXISTS search_vocab`,
  `DROP TABLE IF EXISTS search_meta`,
  `DROP TABLE IF EXISTS search_log`,
];

/** The row values of one document. */
function rowOf(d: ProductDocument) {
  return {
    id: d.id,
    category: d.categorySlug,
    groupType: d.groupType,
    areas: `|${d.areas.join("|")}|`,
    certs: `|${d.certs.join("|")}|`,
    price: d.priceRupiah,
    capacity: d.weeklyCapacity,
    created: d.createdAtMs,
    slug: d.slug,
    hit: JSON.stringify(toHit(d)),
    ftsName: normalizeText(d.name),
    ftsCategory: normalizeText(d.categoryText),
    ftsBody: normalizeText(`${d.description} ${d.groupName} ${d.village} ${d.kecamatan}`),
  };
}

function wordsOf(d: ProductDocument): string[] {
  return [...new Set(tokenize(`${d.name} ${d.categoryText} ${d.description} ${d.groupName}`).filter((w) => w.length >= 3 && !/^\d+$/.test(w)))];
}

// ─── Writes through Prisma (inside the caller's transaction) ────────────────

let ddlDone = false;
async function ensureTablesVia(client: DbClient): Promise<void> {
  if (ddlDone) return;
  for (const sql of DDL) await client.$executeRawUnsafe(sql);
  ddlDone = true;
}

/** Re-indexes one product in the caller's transaction (removes it when it is no longer public). */
export async function fts5Upsert(client: DbClient, productId: string): Promise<void> {
  await ensureTablesVia(client);
  const doc = await loadDocument(client, productId);
  await client.$executeRawUnsafe(`INSERT INTO search_log (rid) SELECT rowid FROM search_product WHERE id = ?`, productId);
  await client.$executeRawUnsafe(`DELETE FROM search_product_fts WHERE rowid IN (SELECT rowid FROM search_product WHERE id = ?)`, productId);
  await client.$executeRawUnsafe(`DELETE FROM search_hit WHERE rowid IN (SELECT rowid FROM search_product WHERE id = ?)`, productId);
  await client.$executeRawUnsafe(`DELETE FROM search_product WHERE id = ?`, productId);
  if (!doc) return;
  const r = rowOf(doc);
  await client.$executeRawUnsafe(
    `INSERT INTO search_product (id, category, group_type, areas, certs, price, capacity, created, slug, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    r.id, r.category, r.groupType, r.areas, r.certs, r.price, r.capacity, r.created, r.slug, r.ftsName,
  );
  await client.$executeRawUnsafe(`INSERT INTO search_hit (rowid, hit) SELECT rowid, ? FROM search_product WHERE id = ?`, r.hit, r.id);
  await client.$executeRawUnsafe(
    `INSERT INTO search_product_fts (rowid, name, category, body) SELECT rowid, ?, ?, ? FROM search_product WHERE id = ?`,
    r.ftsName, r.ftsCategory, r.ftsBody, r.id,
  );
  await client.$executeRawUnsafe(`INSERT INTO search_log (rid) SELECT rowid FROM search_product WHERE id = ?`, r.id);
  const words = wordsOf(doc);
  if (words.length) {
    await client.$executeRawUnsafe(`INSERT OR IGNORE INTO search_vocab (word) VALUES ${words.map(() => "(?)").join(",")}`, ...words);
  }
}

// ─── Direct connection (reads, bulk rebuild) ────────────────────────────────

type Conn = { db: Database.Database; file: string };
let conn: Conn | null = null;

function connection(): Database.Database {
  const file = sqliteFilePath();
  if (conn && conn.file === file) return conn.db;
  conn?.db.close();
  const db = new Database(file, { fileMustExist: true, timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  // The search reads a lot of small rows: keep them in memory.
  db.pragma("cache_size = -131072");
  // No memory-mapped I/O: an I/O fault on a mapped file kills node with SIGBUS (docs/decisions/072).
  db.pragma("mmap_size = 0");
  db.pragma("temp_store = MEMORY");
  // the change log the in-memory index reads (a database indexed before it existed gets it here)
  db.exec(DDL[0]);
  db.exec(DDL[DDL.length - 1]);
  conn = { db, file };
  cache.clear();
  results.clear();
  memory = null;
  vocab = { words: [], maxRowid: 0 };
  return db;
}

/** A bookkeeping value of the built-in index (e.g. `groupsSyncedAt`), or null. */
export function getFts5Meta(key: string): string | null {
  const db = connection();
  for (const sql of DDL.slice(0, 1)) db.exec(sql);
  return (db.prepare(`SELECT value FROM search_meta WHERE key = ?`).pluck().get(key) as string | undefined) ?? null;
}

export function setFts5Meta(key: string, value: string): void {
  const db = connection();
  for (const sql of DDL.slice(0, 1)) db.exec(sql);
  db.prepare(`INSERT OR REPLACE INTO search_meta (key, value) VALUES (?, ?)`).run(key, value);
}

/**
 * Drops old rows of the change log, keeping the last `keep` (a process further behind than that reloads
 * its in-memory index in full, which it would do past 2,000 changes anyway). Called by the search job.
 */
export function pruneFts5Log(keep = 10_000): number {
  const db = connection();
  return db.prepare(`DELETE FROM search_log WHERE seq <= (SELECT max(seq) FROM search_log) - ?`).run(keep).changes;
}

export function closeFts5(): void {
  conn?.db.close();
  conn = null;
}

/**
 * Creates the tables when missing and fills them when empty or built by an older layout.
 * Safe to call on every start.
 */
export async function ensureFts5Index(client: DbClient): Promise<{ rebuilt: boolean; count: number }> {
  const db = connection();
  const version = (() => {
    try {
      return (db.prepare(`SELECT value FROM search_meta WHERE key = 'layout'`).get() as { value: string } | undefined)?.value;
    } catch {
      return undefined;
    }
  })();
  if (version !== LAYOUT_VERSION) {
    for (const sql of DROP) db.exec(sql);
    ddlDone = false;
  }
  for (const sql of DDL) db.exec(sql);
  const indexed = (db.prepare(`SELECT count(*) AS n FROM search_product`).get() as { n: number }).n;
  if (version === LAYOUT_VERSION && indexed > 0) return { rebuilt: false, count: indexed };
  const publicCount = await client.product.count({ where: PUBLIC_PRODUCT_WHERE });
  if (version === LAYOUT_VERSION && publicCount === 0) return { rebuilt: false, count: 0 };
  const count = await rebuildFts5(client);
  return { rebuilt: true, count };
}

/** All public products as documents, read with one SQL query (much faster than nested Prisma reads for 100k rows). */
function readAllDocuments(db: Database.Database): ProductDocument[] {
  const rows = db
    .prepare(
      `SELECT p.id, p.slug, p.name, p.description, p.unit, p."priceRupiah", p."minOrderQty", p."weeklyCapacity", p."createdAt",
              c.slug AS cslug, c."nameId", c."nameEn", c.keywords,
              g.name AS gname, g.slug AS gslug, g.type AS gtype, k.name AS kname, v.name AS vname
         FROM "Product" p
         JOIN "ProductCategory" c ON c.id = p."categoryId"
         JOIN "Group" g ON g.id = p."groupId"
         JOIN "Kecamatan" k ON k.id = g."kecamatanId"
         JOIN "Village" v ON v.id = g."villageId"
        WHERE p.status = 'ACTIVE' AND g."verificationStatus" = 'VERIFIED' AND g.active = 1`,
    )
    .all() as Record<string, string | number | null>[];
  // One pass over each child table (ProductCertification has no productId index: no correlated subqueries).
  const areas = new Map<string, { kecamatan: { name: string } }[]>();
  for (const [productId, name] of db.prepare(`SELECT a."productId", k.name FROM "ProductDeliveryArea" a JOIN "Kecamatan" k ON k.id = a."kecamatanId"`).raw().all() as [string, string][]) {
    const list = areas.get(productId) ?? [];
    list.push({ kecamatan: { name } });
    areas.set(productId, list);
  }
  const certs = new Map<string, { kind: string; expiresAt: Date | null }[]>();
  for (const [productId, kind, expiresAt] of db.prepare(`SELECT "productId", kind, "expiresAt" FROM "ProductCertification"`).raw().all() as [string, string, string | null][]) {
    const list = certs.get(productId) ?? [];
    list.push({ kind, expiresAt: expiresAt ? new Date(expiresAt) : null });
    certs.set(productId, list);
  }
  const photos = new Map<string, { fileKey: string; width: number; height: number }>();
  for (const [productId, fileKey, width, height] of db
    .prepare(`SELECT "productId", "fileKey", width, height FROM "ProductPhoto" ORDER BY "productId", "sortOrder" DESC`)
    .raw()
    .all() as [string, string, number, number][]) {
    photos.set(productId, { fileKey, width, height });
  }
  const now = new Date();
  return rows.map((r) => {
    const photo = photos.get(String(r.id));
    return toDocument(
      {
        id: String(r.id),
        slug: String(r.slug),
        name: String(r.name),
        description: String(r.description),
        unit: String(r.unit),
        priceRupiah: Number(r.priceRupiah),
        minOrderQty: Number(r.minOrderQty),
        weeklyCapacity: Number(r.weeklyCapacity),
        createdAt: new Date(String(r.createdAt)),
        category: { slug: String(r.cslug), nameId: String(r.nameId), nameEn: String(r.nameEn), keywords: String(r.keywords ?? "") },
        group: { name: String(r.gname), slug: String(r.gslug), type: r.gtype as "KPM" | "KUBE", kecamatan: { name: String(r.kname) }, village: { name: String(r.vname) } },
        deliveryAreas: areas.get(String(r.id)) ?? [],
        certifications: certs.get(String(r.id)) ?? [],
        photos: photo ? [photo] : [],
      },
      now,
    );
  });
}

/** Rebuilds the whole built-in index from the products table, in one transaction. */
export async function rebuildFts5(client: DbClient): Promise<number> {
  const db = connection();
  for (const sql of DDL) db.exec(sql);
  void client;
  const startedAt = new Date().toISOString();
  const docs = readAllDocuments(db);
  const insert = db.prepare(
    `INSERT INTO search_product (id, category, group_type, areas, certs, price, capacity, created, slug, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertHit = db.prepare(`INSERT INTO search_hit (rowid, hit) VALUES (?, ?)`);
  const insertFts = db.prepare(`INSERT INTO search_product_fts (rowid, name, category, body) VALUES (?, ?, ?, ?)`);
  const insertWord = db.prepare(`INSERT OR IGNORE INTO search_vocab (word) VALUES (?)`);
  db.transaction(() => {
    db.exec(`DELETE FROM search_product_fts; DELETE FROM search_product; DELETE FROM search_hit; DELETE FROM search_vocab; DELETE FROM search_log;`);
    const words = new Set<string>();
    for (const d of docs) {
      const r = rowOf(d);
      const info = insert.run(r.id, r.category, r.groupType, r.areas, r.certs, r.price, r.capacity, r.created, r.slug, r.ftsName);
      insertHit.run(info.lastInsertRowid, r.hit);
      insertFts.run(info.lastInsertRowid, r.ftsName, r.ftsCategory, r.ftsBody);
      for (const w of wordsOf(d)) words.add(w);
    }
    for (const w of words) insertWord.run(w);
    db.prepare(`INSERT OR REPLACE INTO search_meta (key, value) VALUES ('layout', ?)`).run(LAYOUT_VERSION);
    db.prepare(`INSERT OR REPLACE INTO search_meta (key, value) VALUES ('groupsSyncedAt', ?)`).run(startedAt);
    // every process's in-memory index reloads when it sees a new generation
    db.prepare(`INSERT OR REPLACE INTO search_meta (key, value) VALUES ('generation', ?)`).run(`${startedAt} ${randomUUID()}`);
  })();
  db.exec(`INSERT INTO search_product_fts (search_product_fts) VALUES ('optimize')`);
  cache.clear();
  results.clear();
  memory?.reset();
  return docs.length;
}

// ─── Search ─────────────────────────────────────────────────────────────────

let vocab: { words: string[]; maxRowid: number } = { words: [], maxRowid: 0 };

function vocabulary(db: Database.Database): string[] {
  const max = (db.prepare(`SELECT max(rowid) AS m FROM search_vocab`).get() as { m: number | null }).m ?? 0;
  if (max !== vocab.maxRowid) {
    const rows = db.prepare(`SELECT word FROM search_vocab WHERE rowid > ?`).all(vocab.maxRowid) as { word: string }[];
    vocab = { words: max < vocab.maxRowid ? rows.map((r) => r.word) : [...vocab.words, ...rows.map((r) => r.word)], maxRowid: max };
  }
  return vocab.words;
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
/** Shortest word the built-in backend searches for (the prefix index starts at two letters). */
const MIN_WORD = 2;

/**
 * Builds the FTS5 MATCH expression: every term must occur as a word or the start of a word ("kopi"
 * finds "kopi", "kopy" finds "kopi" through its typo variant), synonym phrases may stand in.
 */
export function matchExpression(parsed: ParsedText): string | null {
  const searchable = parsed.terms.filter((t) => t.word.length >= MIN_WORD);
  const termExpr = (t: (typeof searchable)[number]) => {
    const alts = [`${quote(t.word)}*`, ...t.typos.map(quote)];
    return alts.length === 1 ? alts[0] : `(${alts.join(" OR ")})`;
  };
  const conj = (terms: typeof searchable, extra: string[] = []) => {
    const parts = [...terms.map(termExpr), ...extra.map(quote)];
    return parts.length === 0 ? null : parts.length === 1 ? parts[0] : `(${parts.join(" AND ")})`;
  };
  const alternatives: string[] = [];
  const main = conj(searchable);
  if (main) alternatives.push(main);
  for (const { replaces, phrase } of parsed.synonymPhrases) {
    const replaced = new Set(replaces.split(" "));
    const rest = searchable.filter((t) => !replaced.has(t.word));
    const alt = conj(rest, [phrase]);
    if (alt) alternatives.push(alt);
  }
  if (alternatives.length === 0) return null;
  return alternatives.length === 1 ? alternatives[0] : alternatives.join(" OR ");
}

/**
 * The MATCH expression of `matchExpression` as data for the in-memory index: alternatives of clauses of
 * phrases, in the order FTS5 numbers the phrases (bm25 sums over them in that order).
 */
export function matchPlan(parsed: ParsedText): MatchPlan | null {
  const searchable = parsed.terms.filter((t) => t.word.length >= MIN_WORD);
  const termClause = (t: (typeof searchable)[number]) => [{ tokens: [t.word], prefix: true }, ...t.typos.map((w) => ({ tokens: tokenize(w), prefix: false }))];
  const conj = (terms: typeof searchable, extra: string[] = []) => [...terms.map(termClause), ...extra.map((p) => [{ tokens: tokenize(p), prefix: false }])];
  const alternatives: MatchPlan = [];
  if (searchable.length) alternatives.push(conj(searchable));
  for (const { replaces, phrase } of parsed.synonymPhrases) {
    const replaced = new Set(replaces.split(" "));
    const alt = conj(searchable.filter((t) => !replaced.has(t.word)), [phrase]);
    if (alt.length) alternatives.push(alt);
  }
  return alternatives.length ? alternatives : null;
}

type Where = { sql: string; params: (string | number)[]; joinFts: boolean };

function filters(query: SearchQuery, match: string | null): Where {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (match) {
    clauses.push(`search_product_fts MATCH ?`);
    params.push(match);
  }
  if (query.category) {
    clauses.push(`p.category = ?`);
    params.push(query.category);
  }
  if (query.kecamatan) {
    clauses.push(`instr(p.areas, ?) > 0`);
    params.push(`|${query.kecamatan}|`);
  }
  if (query.groupType) {
    clauses.push(`p.group_type = ?`);
    params.push(query.groupType);
  }
  if (query.cert) {
    clauses.push(`instr(p.certs, ?) > 0`);
    params.push(`|${query.cert}|`);
  }
  if (query.minPrice !== undefined) {
    clauses.push(`p.price >= ?`);
    params.push(query.minPrice);
  }
  if (query.maxPrice !== undefined) {
    clauses.push(`p.price <= ?`);
    params.push(query.maxPrice);
  }
  if (query.minCapacity !== undefined) {
    clauses.push(`p.capacity >= ?`);
    params.push(query.minCapacity);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params, joinFts: !!match };
}

/**
 * Ranking rules for `sort=relevance` with a text query, in order:
 *  1. more query words found as typed (a word of the name starts with it) first;
 *  2. more query words, or their typo variants, in the product name first;
 *  3. FTS5 bm25 with column weights name 10, category words 4, description/group 1;
 *  4. newest first.
 */
export function relevanceOrder(parsed: ParsedText): { sql: string; params: string[] } {
  const terms = parsed.terms.filter((t) => t.word.length >= MIN_WORD);
  if (terms.length === 0) return { sql: `p.created DESC, p.rowid DESC`, params: [] };
  const exact = terms.map(() => `(instr(' ' || p.name, ?) > 0)`).join(" + ");
  const inName = terms.map((t) => `(${[t.word, ...t.typos].map(() => `instr(' ' || p.name, ?) > 0`).join(" OR ")})`).join(" + ");
  return {
    sql: `(${exact}) DESC, (${inName}) DESC, bm25(search_product_fts, 10.0, 4.0, 1.0) ASC, p.created DESC, p.rowid DESC`,
    params: [...terms.map((t) => ` ${t.word}`), ...terms.flatMap((t) => [t.word, ...t.typos].map((w) => ` ${w}`))],
  };
}

function facetSql(db: Database.Database): { columns: string; params: string[]; keys: [keyof Facets, string][] } {
  const categories = (db.prepare(`SELECT slug FROM "ProductCategory" ORDER BY "sortOrder"`).all() as { slug: string }[]).map((r) => r.slug);
  const kecamatans = (db.prepare(`SELECT name FROM "Kecamatan" ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  const cols: string[] = [];
  const params: string[] = [];
  const keys: [keyof Facets, string][] = [];
  for (const c of categories) {
    cols.push(`sum(p.category = ?)`);
    params.push(c);
    keys.push(["category", c]);
  }
  for (const k of kecamatans) {
    cols.push(`sum(instr(p.areas, ?) > 0)`);
    params.push(`|${k}|`);
    keys.push(["kecamatan", k]);
  }
  for (const g of ["KPM", "KUBE"]) {
    cols.push(`sum(p.group_type = ?)`);
    params.push(g);
    keys.push(["groupType", g]);
  }
  for (const c of CERT_KINDS) {
    cols.push(`sum(instr(p.certs, ?) > 0)`);
    params.push(`|${c}|`);
    keys.push(["cert", c]);
  }
  return { columns: cols.join(", "), params, keys };
}

/**
 * Caches, both emptied whenever the database changes (SQLite's data_version moves when another
 * connection — the app's Prisma client, a script — commits):
 *  - facet counts and totals per filter set (they do not depend on sort or page);
 *  - whole results per query.
 * SEARCH_RESULT_CACHE=0 turns both off (benchmarks of the uncached path, issue 14).
 */
const cache = new Map<string, { total: number; facets: Facets }>();
const results = new Map<string, SearchResult>();
let cacheVersion = -1;
const RESULT_CACHE_SIZE = 2_000;

function dataVersion(db: Database.Database): number {
  return db.pragma("data_version", { simple: true }) as number;
}

let memory: MemoryIndex | null = null;
let memoryVersion = -1;
let facetLists: { version: number; categories: string[]; kecamatans: string[] } | null = null;

/** The facet values in display order (category order, kecamatan by name), re-read when the database changed. */
function facetValues(db: Database.Database, version: number) {
  if (!facetLists || facetLists.version !== version) {
    facetLists = {
      version,
      categories: db.prepare(`SELECT slug FROM "ProductCategory" ORDER BY "sortOrder"`).pluck().all() as string[],
      kecamatans: db.prepare(`SELECT name FROM "Kecamatan" ORDER BY name`).pluck().all() as string[],
    };
  }
  return facetLists;
}

function facetsOf(answer: MemoryAnswer, lists: { categories: string[]; kecamatans: string[] }): Facets {
  const facets = emptyFacets();
  const fill = (target: Record<string, number>, values: readonly string[], counts: Map<string, number>) => {
    for (const v of values) {
      const n = counts.get(v);
      if (n) target[v] = n;
    }
  };
  fill(facets.category, lists.categories, answer.category);
  fill(facets.kecamatan, lists.kecamatans, answer.kecamatan);
  fill(facets.groupType, ["KPM", "KUBE"], answer.groupType);
  fill(facets.cert, CERT_KINDS, answer.cert);
  return facets;
}

function readHits(db: Database.Database, rowids: number[]): SearchResult["items"] {
  const hits = rowids.length
    ? new Map(db.prepare(`SELECT rowid, hit FROM search_hit WHERE rowid IN (${rowids.map(() => "?").join(",")})`).raw().all(...rowids) as [number, string][])
    : new Map<number, string>();
  return rowids.map((id) => JSON.parse(hits.get(id)!));
}

/**
 * One search of the built-in backend: answered by this process's in-memory index (decision 112), or with
 * SEARCH_MEMORY_INDEX=0 by SQL over the FTS5 tables (`fts5SearchSql`, the reference the index is tested against).
 */
export function fts5Search(query: SearchQuery): SearchResult {
  if (process.env.SEARCH_MEMORY_INDEX === "0") return fts5SearchSql(query);
  const db = connection();
  const version = dataVersion(db);
  if (version !== cacheVersion) {
    cache.clear();
    results.clear();
    cacheVersion = version;
  }
  const resultKey = JSON.stringify(query);
  const useResultCache = process.env.SEARCH_RESULT_CACHE !== "0";
  const cached = useResultCache ? results.get(resultKey) : undefined;
  if (cached) {
    results.delete(resultKey);
    results.set(resultKey, cached);
    return cached;
  }
  memory ??= new MemoryIndex(db);
  if (memoryVersion !== version) {
    memory.refresh();
    memoryVersion = version;
  }
  const parsed = parseText(query.q, query.q ? vocabulary(db) : []);
  const plan = query.q ? matchPlan(parsed) : null;
  const offset = (query.page - 1) * query.pageSize;
  const answer = memory.search({
    plan,
    terms: parsed.terms.filter((t) => t.word.length >= MIN_WORD),
    category: query.category,
    kecamatan: query.kecamatan,
    groupType: query.groupType,
    cert: query.cert,
    minPrice: query.minPrice,
    maxPrice: query.maxPrice,
    minCapacity: query.minCapacity,
    sort: query.sort,
    limit: offset + query.pageSize,
  });
  const result: SearchResult = {
    items: readHits(db, answer.rowids.slice(offset)),
    total: answer.total,
    facets: facetsOf(answer, facetValues(db, version)),
    page: query.page,
    pageSize: query.pageSize,
  };
  if (useResultCache) {
    if (results.size >= RESULT_CACHE_SIZE) results.delete(results.keys().next().value!);
    results.set(resultKey, result);
  }
  return result;
}

/** How often this process loaded its in-memory index in full, and whether a delta segment is in use (tests). */
export function memoryIndexStats(): { loads: number; delta: number } {
  return { loads: memory?.loads ?? 0, delta: memory?.deltaSize ?? 0 };
}

/** The same search in SQL over the FTS5 tables (ranks and counts every match: slow at 100,000 products). */
export function fts5SearchSql(query: SearchQuery): SearchResult {
  const db = connection();
  const version = dataVersion(db);
  if (version !== cacheVersion) {
    cache.clear();
    results.clear();
    cacheVersion = version;
  }
  const resultKey = `sql:${JSON.stringify(query)}`;
  const useResultCache = process.env.SEARCH_RESULT_CACHE !== "0";
  const cached = useResultCache ? results.get(resultKey) : undefined;
  if (cached) {
    // refresh its place in the LRU order
    results.delete(resultKey);
    results.set(resultKey, cached);
    return cached;
  }

  const parsed = parseText(query.q, query.q ? vocabulary(db) : []);
  const match = query.q ? matchExpression(parsed) : null;
  const where = filters(query, match);
  // CROSS JOIN keeps the FTS match as the outer loop (SQLite would otherwise scan search_product).
  const from = where.joinFts ? `search_product_fts CROSS JOIN search_product p ON p.rowid = search_product_fts.rowid` : `search_product p`;

  const key = `${where.sql}|${JSON.stringify(where.params)}`;
  let counted = useResultCache ? cache.get(key) : undefined;
  if (!counted) {
    const f = facetSql(db);
    const row = db.prepare(`SELECT count(*) AS total, ${f.columns} FROM ${from} ${where.sql}`).raw().get(...f.params, ...where.params) as (number | null)[];
    const facets = emptyFacets();
    f.keys.forEach(([dim, value], i) => {
      const n = row[i + 1] ?? 0;
      if (n > 0) facets[dim][value] = n;
    });
    counted = { total: row[0] ?? 0, facets };
    if (cache.size > 500) cache.clear();
    cache.set(key, counted);
  }

  let order: { sql: string; params: string[] };
  switch (query.sort) {
    case "price_asc":
      order = { sql: `p.price ASC, p.created DESC, p.rowid DESC`, params: [] };
      break;
    case "price_desc":
      order = { sql: `p.price DESC, p.created DESC, p.rowid DESC`, params: [] };
      break;
    case "newest":
      order = { sql: `p.created DESC, p.rowid DESC`, params: [] };
      break;
    default:
      order = match ? relevanceOrder(parsed) : { sql: `p.created DESC, p.rowid DESC`, params: [] };
  }
  const offset = (query.page - 1) * query.pageSize;
  const rowids = counted.total === 0 || offset >= counted.total
    ? []
    : (db.prepare(`SELECT p.rowid FROM ${from} ${where.sql} ORDER BY ${order.sql} LIMIT ? OFFSET ?`).pluck().all(...where.params, ...order.params, query.pageSize, offset) as number[]);
  const hits = rowids.length
    ? new Map((db.prepare(`SELECT rowid, hit FROM search_hit WHERE rowid IN (${rowids.map(() => "?").join(",")})`).raw().all(...rowids) as [number, string][]))
    : new Map<number, string>();
  const result: SearchResult = {
    items: rowids.map((id) => JSON.parse(hits.get(id)!)),
    total: counted.total,
    facets: counted.facets,
    page: query.page,
    pageSize: query.pageSize,
  };
  if (useResultCache) {
    if (results.size >= RESULT_CACHE_SIZE) results.delete(results.keys().next().value!);
    results.set(resultKey, result);
  }
  return result;
}

/** The built-in backend. */
export function createFts5Backend(client: DbClient): SearchBackend {
  let ready: Promise<unknown> | null = null;
  return {
    name: "sqlite-fts5",
    async search(query) {
      ready ??= ensureFts5Index(client);
      await ready;
      return fts5Search(query);
    },
    async rebuild() {
      const count = await rebuildFts5(client);
      ready = Promise.resolve();
      return { count };
    },
    async ensureReady() {
      ready ??= ensureFts5Index(client);
      await ready;
    },
  };
}
