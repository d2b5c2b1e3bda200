/**
 * ──────────────────────────────────────────────────────────────────────────
 *  POSTGRESQL-SPECIFIC SQL: the built-in search backend on PostgreSQL (issue 15 item 2, decision 130),
 *  the twin of sqlite-fts5.server.ts behind the same SearchBackend interface. Its tables live beside
 *  Prisma's, outside schema.prisma (created by app/db/postgres-specific.server.ts at start and by the seed):
 *    search_document  one row per searchable product: filter/sort columns, the normalised name, the result
 *                     card as JSON text, and a weighted tsvector ('simple' config over unaccent()ed text:
 *                     name A, category words B, description + group D) with a GIN index
 *    search_word      every indexed word, for typo tolerance (pg_trgm similarity orders the candidates)
 *    search_meta      the layout version and the group sync mark
 *  Kept current inside the transaction of each product change (`postgresUpsert`, through Prisma's
 *  transaction client): a search sees a product change exactly when the change commits.
 *  Language rules (normalisation, stop words, synonyms, allowed typos) come from language.ts, shared with
 *  the SQLite and Meilisearch backends.
 * ──────────────────────────────────────────────────────────────────────────
 */
import type { Db, DbClient } from "~/db/db.server";
import { allDocuments, loadDocument, PUBLIC_PRODUCT_WHERE, toHit, type ProductDocument } from "./documents.server";
import { allowedTypos, normalizeText, parseText, tokenize, type ParsedText, type Term } from "./language";
import { emptyFacets, type Facets, type SearchQuery, type SearchResult } from "./query";
import type { SearchBackend } from "./types";

/** Bump when the tables below change shape or content rules: the next start drops and rebuilds them. */
export const POSTGRES_SEARCH_LAYOUT = "1";
const CERT_KINDS = ["HALAL", "PIRT", "DINKES", "OWN_BRAND"];
/** Serialises DDL: the advisory lock of preparePostgresDatabase (concurrent CREATE EXTENSION races otherwise). */
const DDL_LOCK = 4242001;
/** Serialises rebuilds of several instances starting at once. */
const REBUILD_LOCK = 4242130;

async function createTables(client: Db, dropFirst: boolean): Promise<void> {
  await client.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${DDL_LOCK})`);
    if (dropFirst) for (const sql of DROP) await tx.$executeRawUnsafe(sql);
    for (const sql of POSTGRES_SEARCH_DDL) await tx.$executeRawUnsafe(sql);
  });
}

/** Idempotent DDL (also run by preparePostgresDatabase, under its advisory lock). */
export const POSTGRES_SEARCH_DDL = [
  // Debian's postgresql ships both as contrib; both are "trusted" extensions (a database owner may create them).
  `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
  `CREATE EXTENSION IF NOT EXISTS unaccent`,
  `CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS search_document (
     id TEXT PRIMARY KEY,
     category TEXT NOT NULL,
     group_type TEXT NOT NULL,
     areas TEXT[] NOT NULL,
     certs TEXT[] NOT NULL,
     price INTEGER NOT NULL,
     capacity INTEGER NOT NULL,
     created BIGINT NOT NULL,
     name TEXT NOT NULL,
     hit TEXT NOT NULL,
     tsv TSVECTOR NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS search_document_tsv ON search_document USING gin (tsv)`,
  `CREATE INDEX IF NOT EXISTS search_document_areas ON search_document USING gin (areas)`,
  `CREATE INDEX IF NOT EXISTS search_document_created ON search_document (created DESC, id DESC)`,
  `CREATE INDEX IF NOT EXISTS search_document_price ON search_document (price, created DESC)`,
  `CREATE INDEX IF NOT EXISTS search_document_category ON search_document (category, created DESC)`,
  `CREATE TABLE IF NOT EXISTS search_word (word TEXT PRIMARY KEY)`,
  // Typo candidates share the first letter and have a length within the allowed typos (see typoCandidates).
  `CREATE INDEX IF NOT EXISTS search_word_first_length ON search_word (left(word, 1), length(word))`,
];
/** Tables of this module (left out of the page cache's change notifications: product changes notify anyway). */
export const POSTGRES_SEARCH_TABLES = ["search_meta", "search_document", "search_word"];
const DROP = [`DROP TABLE IF EXISTS search_document`, `DROP TABLE IF EXISTS search_word`];

// ─── Documents → rows ───────────────────────────────────────────────────────

type DocumentRow = {
  id: string;
  category: string;
  group_type: string;
  areas: string[];
  certs: string[];
  price: number;
  capacity: number;
  created: number;
  name: string;
  hit: string;
  category_text: string;
  body: string;
};

function rowOf(d: ProductDocument): DocumentRow {
  return {
    id: d.id,
    category: d.categorySlug,
    group_type: d.groupType,
    areas: d.areas,
    certs: d.certs,
    price: d.priceRupiah,
    capacity: d.weeklyCapacity,
    created: d.createdAtMs,
    name: normalizeText(d.name),
    hit: JSON.stringify(toHit(d)),
    category_text: normalizeText(d.categoryText),
    body: normalizeText(`${d.description} ${d.groupName} ${d.village} ${d.kecamatan}`),
  };
}

/** The words typo tolerance may map a query word to (same rule as the SQLite backend's vocabulary). */
function wordsOf(d: ProductDocument): string[] {
  return [...new Set(tokenize(`${d.name} ${d.categoryText} ${d.description} ${d.groupName}`).filter((w) => w.length >= 3 && !/^\d+$/.test(w)))];
}

const UPSERT_SQL = `
  INSERT INTO search_document (id, category, group_type, areas, certs, price, capacity, created, name, hit, tsv)
  SELECT d.id, d.category, d.group_type, d.areas, d.certs, d.price, d.capacity, d.created, d.name, d.hit,
         setweight(to_tsvector('simple', unaccent(d.name)), 'A')
      || setweight(to_tsvector('simple', unaccent(d.category_text)), 'B')
      || setweight(to_tsvector('simple', unaccent(d.body)), 'D')
    FROM jsonb_to_recordset($1::jsonb) AS d(id text, category text, group_type text, areas text[], certs text[],
         price integer, capacity integer, created bigint, name text, hit text, category_text text, body text)
  ON CONFLICT (id) DO UPDATE SET category = excluded.category, group_type = excluded.group_type, areas = excluded.areas,
     certs = excluded.certs, price = excluded.price, capacity = excluded.capacity, created = excluded.created,
     name = excluded.name, hit = excluded.hit, tsv = excluded.tsv`;
// sorted, so that concurrent transactions take the unique-index locks in the same order
const WORDS_SQL = `
  INSERT INTO search_word (word)
  SELECT w FROM (SELECT DISTINCT jsonb_array_elements_text($1::jsonb) AS w) s ORDER BY w
  ON CONFLICT (word) DO NOTHING`;

async function writeDocuments(client: DbClient, docs: ProductDocument[]): Promise<void> {
  if (docs.length === 0) return;
  await client.$executeRawUnsafe(UPSERT_SQL, JSON.stringify(docs.map(rowOf)));
  const words = [...new Set(docs.flatMap(wordsOf))];
  if (words.length) await client.$executeRawUnsafe(WORDS_SQL, JSON.stringify(words));
}

/** Re-indexes one product in the caller's transaction (removes it when it is no longer public). */
export async function postgresUpsert(client: DbClient, productId: string): Promise<void> {
  const doc = await loadDocument(client, productId);
  if (doc) await writeDocuments(client, [doc]);
  else await client.$executeRawUnsafe(`DELETE FROM search_document WHERE id = $1`, productId);
}

// ─── Bookkeeping ────────────────────────────────────────────────────────────

export async function getPostgresSearchMeta(client: DbClient, key: string): Promise<string | null> {
  const rows = await client.$queryRawUnsafe<{ value: string }[]>(`SELECT value FROM search_meta WHERE key = $1`, key);
  return rows[0]?.value ?? null;
}

export async function setPostgresSearchMeta(client: DbClient, key: string, value: string): Promise<void> {
  await client.$executeRawUnsafe(
    `INSERT INTO search_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    key,
    value,
  );
}

/** Rebuilds the whole index from the products table in one transaction (searches see the old one until it commits). */
export async function rebuildPostgresSearch(client: Db): Promise<number> {
  const startedAt = new Date().toISOString();
  await createTables(client, false);
  return client.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${REBUILD_LOCK})`);
      await tx.$executeRawUnsafe(`DELETE FROM search_document`);
      await tx.$executeRawUnsafe(`DELETE FROM search_word`);
      let count = 0;
      for await (const batch of allDocuments(tx, 1_000)) {
        await writeDocuments(tx, batch);
        count += batch.length;
      }
      await setPostgresSearchMeta(tx, "layout", POSTGRES_SEARCH_LAYOUT);
      await setPostgresSearchMeta(tx, "groupsSyncedAt", startedAt);
      return count;
    },
    { maxWait: 30_000, timeout: 30 * 60_000 },
  );
}

/**
 * Creates the tables when missing and fills them when empty or built by an older layout.
 * Safe to call on every start.
 */
export async function ensurePostgresSearch(client: Db): Promise<{ rebuilt: boolean; count: number }> {
  await createTables(client, false);
  const layout = await getPostgresSearchMeta(client, "layout");
  if (layout !== null && layout !== POSTGRES_SEARCH_LAYOUT) await createTables(client, true);
  const [{ n }] = await client.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM search_document`);
  const state = { layout, indexed: n };
  if (state.layout === POSTGRES_SEARCH_LAYOUT && state.indexed > 0) return { rebuilt: false, count: state.indexed };
  const publicCount = await client.product.count({ where: PUBLIC_PRODUCT_WHERE });
  if (state.layout === POSTGRES_SEARCH_LAYOUT && publicCount === 0) return { rebuilt: false, count: 0 };
  return { rebuilt: true, count: await rebuildPostgresSearch(client) };
}

// ─── Search ─────────────────────────────────────────────────────────────────

/**
 * Words of the index that may stand for the query words: the same first letter and a length within the
 * allowed typos (an index range), closest by pg_trgm similarity first. parseText then keeps those within
 * the Damerau-Levenshtein distance of language.ts, exactly as the SQLite backend does.
 * (Trigram similarity alone would miss transpositions in short words: similarity('kpoi', 'kopi') = 0.11.)
 */
async function typoCandidates(tx: DbClient, text: string): Promise<string[]> {
  const words = [...new Set(tokenize(text))].filter((w) => allowedTypos(w) > 0);
  const out: string[] = [];
  for (const word of words) {
    const max = allowedTypos(word);
    const rows = await tx.$queryRawUnsafe<{ word: string }[]>(
      `SELECT word FROM search_word
        WHERE left(word, 1) = $1 AND length(word) BETWEEN $2 AND $3 AND word <> $4 AND left(word, length($4)) <> $4
        ORDER BY similarity(word, $4) DESC, word
        LIMIT 500`,
      word[0],
      word.length - max,
      word.length + max,
      word,
    );
    out.push(...rows.map((r) => r.word));
  }
  return out;
}

const MIN_WORD = 2;

/**
 * The tsquery of a parsed query: every term must occur as the start of a word or as one of its typo
 * words; synonym phrases (words in sequence) may stand in for the words they replace. The same rule as
 * sqlite-fts5's matchExpression. Words are normalised ([a-z0-9]) so they need no quoting.
 */
export function tsQueryOf(parsed: ParsedText): string | null {
  const searchable = parsed.terms.filter((t) => t.word.length >= MIN_WORD);
  const phrase = (p: string) => {
    const words = tokenize(p);
    return words.length === 1 ? words[0] : `(${words.join(" <-> ")})`;
  };
  const termExpr = (t: Term) => {
    const alts = [`${t.word}:*`, ...t.typos.map(phrase)];
    return alts.length === 1 ? alts[0] : `(${alts.join(" | ")})`;
  };
  const conj = (terms: Term[], extra: string[] = []) => {
    const parts = [...terms.map(termExpr), ...extra.map(phrase)];
    return parts.length === 0 ? null : parts.length === 1 ? parts[0] : `(${parts.join(" & ")})`;
  };
  const alternatives: string[] = [];
  const main = conj(searchable);
  if (main) alternatives.push(main);
  for (const { replaces, phrase: p } of parsed.synonymPhrases) {
    const replaced = new Set(replaces.split(" "));
    const alt = conj(searchable.filter((t) => !replaced.has(t.word)), [p]);
    if (alt) alternatives.push(alt);
  }
  if (alternatives.length === 0) return null;
  return alternatives.join(" | ");
}

class Params {
  readonly values: (string | number)[] = [];
  add(value: string | number): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function whereOf(query: SearchQuery, tsQuery: string | null, p: Params): string {
  const clauses: string[] = [];
  if (tsQuery) clauses.push(`d.tsv @@ to_tsquery('simple', unaccent(${p.add(tsQuery)}))`);
  if (query.category) clauses.push(`d.category = ${p.add(query.category)}`);
  if (query.kecamatan) clauses.push(`d.areas @> ARRAY[${p.add(query.kecamatan)}::text]`);
  if (query.groupType) clauses.push(`d.group_type = ${p.add(query.groupType)}`);
  if (query.cert) clauses.push(`d.certs @> ARRAY[${p.add(query.cert)}::text]`);
  if (query.minPrice !== undefined) clauses.push(`d.price >= ${p.add(query.minPrice)}`);
  if (query.maxPrice !== undefined) clauses.push(`d.price <= ${p.add(query.maxPrice)}`);
  if (query.minCapacity !== undefined) clauses.push(`d.capacity >= ${p.add(query.minCapacity)}`);
  return clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";
}

/**
 * Ranking rules for `sort=relevance` with a text query, in order (the SQLite backend's rules):
 *  1. more query words found as typed (a word of the name starts with it) first;
 *  2. more query words, or their typo variants, in the product name first;
 *  3. ts_rank with weights name 1.0, category words 0.4, description/group 0.1;
 *  4. newest first.
 */
function relevanceOrder(parsed: ParsedText, tsParam: string, p: Params): string {
  const terms = parsed.terms.filter((t) => t.word.length >= MIN_WORD);
  const starts = (w: string) => `(position(${p.add(` ${w}`)} in ' ' || d.name) > 0)`;
  const exact = terms.map((t) => `${starts(t.word)}::int`).join(" + ");
  const inName = terms.map((t) => `(${[t.word, ...t.typos].map(starts).join(" OR ")})::int`).join(" + ");
  return `(${exact}) DESC, (${inName}) DESC, ts_rank('{0.1, 0.1, 0.4, 1.0}', d.tsv, to_tsquery('simple', unaccent(${tsParam}))) DESC, d.created DESC, d.id DESC`;
}

type FacetRow = { dim: string; value: string; n: number };

function facetsOf(rows: FacetRow[], categories: string[], kecamatans: string[]): { total: number; facets: Facets } {
  const facets = emptyFacets();
  const counts = { category: new Map<string, number>(), kecamatan: new Map<string, number>(), groupType: new Map<string, number>(), cert: new Map<string, number>() };
  let total = 0;
  for (const r of rows) {
    if (r.dim === "total") total = r.n;
    else counts[r.dim as keyof Facets].set(r.value, r.n);
  }
  // in display order: categories by their sort order, kecamatan by name (as the SQLite backend fills them)
  const fill = (target: Record<string, number>, order: readonly string[], map: Map<string, number>) => {
    for (const v of order) if (map.get(v)) target[v] = map.get(v)!;
    for (const [v, n] of map) if (!(v in target) && n > 0) target[v] = n;
  };
  fill(facets.category, categories, counts.category);
  fill(facets.kecamatan, kecamatans, counts.kecamatan);
  fill(facets.groupType, ["KPM", "KUBE"], counts.groupType);
  fill(facets.cert, CERT_KINDS, counts.cert);
  return { total, facets };
}

/** One search: typo candidates, count + facets, and one page of hits, in one read-only snapshot. */
export async function postgresSearch(client: Db, query: SearchQuery): Promise<SearchResult> {
  return client.$transaction(
    async (tx) => {
      // one snapshot for the counts and the page (the client's type is SQLite's, which knows no isolation levels)
      await tx.$executeRawUnsafe(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`);
      const parsed = parseText(query.q, query.q ? await typoCandidates(tx, query.q) : []);
      const tsQuery = query.q ? tsQueryOf(parsed) : null;

      const fp = new Params();
      const where = whereOf(query, tsQuery, fp);
      const facetRows = await tx.$queryRawUnsafe<FacetRow[]>(
        `WITH m AS (SELECT d.category, d.group_type, d.areas, d.certs FROM search_document d ${where})
         SELECT 'total' AS dim, '' AS value, count(*)::int AS n FROM m
         UNION ALL SELECT 'category', category, count(*)::int FROM m GROUP BY category
         UNION ALL SELECT 'groupType', group_type, count(*)::int FROM m GROUP BY group_type
         UNION ALL SELECT 'kecamatan', a, count(*)::int FROM m, unnest(m.areas) a GROUP BY a
         UNION ALL SELECT 'cert', c, count(*)::int FROM m, unnest(m.certs) c GROUP BY c`,
        ...fp.values,
      );
      const categories = await tx.productCategory.findMany({ orderBy: { sortOrder: "asc" }, select: { slug: true } });
      const kecamatans = await tx.kecamatan.findMany({ orderBy: { name: "asc" }, select: { name: true } });
      const counted = facetsOf(facetRows, categories.map((c) => c.slug), kecamatans.map((k) => k.name));

      const offset = (query.page - 1) * query.pageSize;
      let items: SearchResult["items"] = [];
      if (counted.total > 0 && offset < counted.total) {
        const p = new Params();
        const w = whereOf(query, tsQuery, p);
        let order: string;
        switch (query.sort) {
          case "price_asc":
            order = `d.price ASC, d.created DESC, d.id DESC`;
            break;
          case "price_desc":
            order = `d.price DESC, d.created DESC, d.id DESC`;
            break;
          case "newest":
            order = `d.created DESC, d.id DESC`;
            break;
          default:
            // the tsquery is the first parameter of the WHERE clause when there is one
            order = tsQuery ? relevanceOrder(parsed, "$1", p) : `d.created DESC, d.id DESC`;
        }
        const rows = await tx.$queryRawUnsafe<{ hit: string }[]>(
          `SELECT d.hit FROM search_document d ${w} ORDER BY ${order} LIMIT ${p.add(query.pageSize)} OFFSET ${p.add(offset)}`,
          ...p.values,
        );
        items = rows.map((r) => JSON.parse(r.hit));
      }
      return { items, total: counted.total, facets: counted.facets, page: query.page, pageSize: query.pageSize };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}

/** The built-in backend on PostgreSQL. */
export function createPostgresSearchBackend(client: Db): SearchBackend {
  let ready: Promise<unknown> | null = null;
  const ensure = () => {
    ready ??= ensurePostgresSearch(client).catch((error: unknown) => {
      ready = null;
      throw error;
    });
    return ready;
  };
  return {
    name: "postgresql",
    async search(query) {
      await ensure();
      return postgresSearch(client, query);
    },
    async rebuild() {
      const count = await rebuildPostgresSearch(client);
      ready = Promise.resolve();
      return { count };
    },
    async ensureReady() {
      await ensure();
    },
  };
}
