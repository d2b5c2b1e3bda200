/**
 * ──────────────────────────────────────────────────────────────────────────
 *  SQLITE-SPECIFIC SQL: the built-in search backend (SQLite FTS5, trigram
 *  tokenizer). Its tables live beside Prisma's, outside schema.prisma:
 *    search_product      one row per searchable product (filter/sort columns + the hit as JSON)
 *    search_product_fts  FTS5 (trigram) over name / category words / description + group
 *    search_vocab        every indexed word, for typo tolerance
 *    search_meta         the layout version (a change rebuilds the index)
 *  Created and filled at startup (`ensureFts5Index`) and by the seed; kept up to date inside the
 *  transaction of each product change (`fts5Upsert`, through the Prisma transaction client).
 *  A PostgreSQL port replaces this module (e.g. with pg_trgm) behind the same SearchBackend interface.
 * ──────────────────────────────────────────────────────────────────────────
 */
import Database from "better-sqlite3";
import { sqliteFilePath } from "~/db/database-url";
import type { DbClient } from "~/db/db.server";
import { allDocuments, loadDocument, PUBLIC_PRODUCT_WHERE, toHit, type ProductDocument } from "./documents.server";
import { normalizeText, parseText, tokenize, type ParsedText } from "./language";
import { emptyFacets, type Facets, type SearchQuery, type SearchResult } from "./query";
import type { SearchBackend } from "./types";

const LAYOUT_VERSION = "3";
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
     hit TEXT NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS search_product_created ON search_product (created DESC)`,
  `CREATE INDEX IF NOT EXISTS search_product_price ON search_product (price)`,
  `CREATE INDEX IF NOT EXISTS search_product_category ON search_product (category, created DESC)`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS search_product_fts USING fts5(name, category, body, tokenize = 'trigram')`,
  `CREATE TABLE IF NOT EXISTS search_vocab (word TEXT PRIMARY KEY)`,
];
const DROP = [
  `DROP TABLE IF EXISTS search_product_fts`,
  `DROP TABLE IF EXISTS search_product`,
  `DROP TABLE IF EXISTS search_vocab`,
  `DROP TABLE IF EXISTS search_meta`,
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
  await client.$executeRawUnsafe(`DELETE FROM search_product_fts WHERE rowid IN (SELECT rowid FROM search_product WHERE id = ?)`, productId);
  await client.$executeRawUnsafe(`DELETE FROM search_product WHERE id = ?`, productId);
  if (!doc) return;
  const r = rowOf(doc);
  await client.$executeRawUnsafe(
    `INSERT INTO search_product (id, category, group_type, areas, certs, price, capacity, created, slug, hit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    r.id, r.category, r.groupType, r.areas, r.certs, r.price, r.capacity, r.created, r.slug, r.hit,
  );
  await client.$executeRawUnsafe(
    `INSERT INTO search_product_fts (rowid, name, category, body) SELECT rowid, ?, ?, ? FROM search_product WHERE id = ?`,
    r.ftsName, r.ftsCategory, r.ftsBody, r.id,
  );
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
  conn = { db, file };
  cache.clear();
  vocab = { words: [], maxRowid: 0 };
  return db;
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

/** Rebuilds the whole built-in index from the products table, in one transaction. */
export async function rebuildFts5(client: DbClient): Promise<number> {
  const db = connection();
  for (const sql of DDL) db.exec(sql);
  const docs: ProductDocument[] = [];
  for await (const batch of allDocuments(client)) docs.push(...batch);
  const insert = db.prepare(
    `INSERT INTO search_product (id, category, group_type, areas, certs, price, capacity, created, slug, hit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFts = db.prepare(`INSERT INTO search_product_fts (rowid, name, category, body) VALUES (?, ?, ?, ?)`);
  const insertWord = db.prepare(`INSERT OR IGNORE INTO search_vocab (word) VALUES (?)`);
  db.transaction(() => {
    db.exec(`DELETE FROM search_product_fts; DELETE FROM search_product; DELETE FROM search_vocab;`);
    const words = new Set<string>();
    for (const d of docs) {
      const r = rowOf(d);
      const info = insert.run(r.id, r.category, r.groupType, r.areas, r.certs, r.price, r.capacity, r.created, r.slug, r.hit);
      insertFts.run(info.lastInsertRowid, r.ftsName, r.ftsCategory, r.ftsBody);
      for (const w of wordsOf(d)) words.add(w);
    }
    for (const w of words) insertWord.run(w);
    db.prepare(`INSERT OR REPLACE INTO search_meta (key, value) VALUES ('layout', ?)`).run(LAYOUT_VERSION);
  })();
  db.exec(`INSERT INTO search_product_fts (search_product_fts) VALUES ('optimize')`);
  cache.clear();
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

/** Builds the FTS5 MATCH expression: every term (or one of its typo variants) must occur; synonym phrases may stand in. */
export function matchExpression(parsed: ParsedText): string | null {
  const searchable = parsed.terms.filter((t) => t.word.length >= 3);
  const termExpr = (words: string[]) => (words.length === 1 ? quote(words[0]) : `(${words.map(quote).join(" OR ")})`);
  const conj = (terms: typeof searchable, extra: string[] = []) => {
    const parts = [...terms.map((t) => termExpr([t.word, ...t.typos])), ...extra.map(quote)];
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
 *  1. more query words found as typed (without typo) first;
 *  2. more query words (or their typo variants) in the product name first;
 *  3. FTS5 bm25 with column weights name 10, category words 4, description/group 1;
 *  4. newest first.
 */
function relevanceOrder(parsed: ParsedText): { sql: string; params: string[] } {
  const terms = parsed.terms.filter((t) => t.word.length >= 3);
  if (terms.length === 0) return { sql: `p.created DESC, p.rowid DESC`, params: [] };
  const exact = terms.map(() => `(instr(search_product_fts.name || ' ' || search_product_fts.category || ' ' || search_product_fts.body, ?) > 0)`).join(" + ");
  const inName = terms.map((t) => `(${[t.word, ...t.typos].map(() => `instr(search_product_fts.name, ?) > 0`).join(" OR ")})`).join(" + ");
  return {
    sql: `(${exact}) DESC, (${inName}) DESC, bm25(search_product_fts, 10.0, 4.0, 1.0) ASC, p.created DESC, p.rowid DESC`,
    params: [...terms.map((t) => t.word), ...terms.flatMap((t) => [t.word, ...t.typos])],
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

/** Facet counts and totals depend only on the filters and text, not on sort/page: cached until the database changes. */
const cache = new Map<string, { total: number; facets: Facets }>();
let cacheVersion = -1;

function dataVersion(db: Database.Database): number {
  return db.pragma("data_version", { simple: true }) as number;
}

export function fts5Search(query: SearchQuery): SearchResult {
  const db = connection();
  const version = dataVersion(db);
  if (version !== cacheVersion) {
    cache.clear();
    cacheVersion = version;
  }
  const parsed = parseText(query.q, query.q ? vocabulary(db) : []);
  const match = query.q ? matchExpression(parsed) : null;
  const where = filters(query, match);
  const from = where.joinFts ? `search_product_fts JOIN search_product p ON p.rowid = search_product_fts.rowid` : `search_product p`;

  const key = `${where.sql}|${JSON.stringify(where.params)}`;
  let counted = cache.get(key);
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
  const rows = db
    .prepare(`SELECT p.hit FROM ${from} ${where.sql} ORDER BY ${order.sql} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...where.params, ...order.params, query.pageSize, offset) as string[];
  return { items: rows.map((r) => JSON.parse(r)), total: counted.total, facets: counted.facets, page: query.page, pageSize: query.pageSize };
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
