import { Meilisearch, type Settings } from "meilisearch";
import type { DbClient } from "~/db/db.server";
import { allDocuments, toHit, type ProductDocument } from "./documents.server";
import { STOP_WORDS, synonymMap, TYPO_MIN_ONE, TYPO_MIN_TWO } from "./language";
import { emptyFacets, type Facets, type SearchQuery, type SearchResult } from "./query";
import type { SearchBackend } from "./types";

/** Meilisearch backend: used when MEILISEARCH_URL is set (key in MEILISEARCH_KEY). */
export type MeiliConfig = { url: string; apiKey?: string; index: string; taskTimeoutMs?: number };

export function meiliConfigFromEnv(env = process.env): MeiliConfig | null {
  if (!env.MEILISEARCH_URL) return null;
  return {
    url: env.MEILISEARCH_URL,
    apiKey: env.MEILISEARCH_KEY || env.MEILISEARCH_API_KEY || undefined,
    index: env.MEILISEARCH_INDEX || "products",
  };
}

/** Index settings, applied on start and to every rebuilt index. */
export const MEILI_SETTINGS: Settings = {
  searchableAttributes: ["name", "categoryText", "description", "groupName", "village", "kecamatan"],
  filterableAttributes: ["categorySlug", "areas", "groupType", "certs", "priceRupiah", "weeklyCapacity"],
  sortableAttributes: ["priceRupiah", "createdAtMs"],
  // "sort" first: an explicit sort (price, newest) wins; otherwise relevance, newest last.
  rankingRules: ["sort", "words", "typo", "attribute", "proximity", "exactness", "createdAtMs:desc"],
  synonyms: synonymMap(),
  stopWords: STOP_WORDS,
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: TYPO_MIN_ONE, twoTypos: TYPO_MIN_TWO } },
  faceting: { maxValuesPerFacet: 100 },
  pagination: { maxTotalHits: 10_000 },
};

const FACET_ATTRIBUTES: Record<string, keyof Facets> = { categorySlug: "category", areas: "kecamatan", groupType: "groupType", certs: "cert" };

const str = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** The filter expressions for a query (Meilisearch filter syntax, ANDed as an array). */
export function meiliFilter(query: SearchQuery): string[] {
  const f: string[] = [];
  if (query.category) f.push(`categorySlug = ${str(query.category)}`);
  if (query.kecamatan) f.push(`areas = ${str(query.kecamatan)}`);
  if (query.groupType) f.push(`groupType = ${str(query.groupType)}`);
  if (query.cert) f.push(`certs = ${str(query.cert)}`);
  if (query.minPrice !== undefined) f.push(`priceRupiah >= ${query.minPrice}`);
  if (query.maxPrice !== undefined) f.push(`priceRupiah <= ${query.maxPrice}`);
  if (query.minCapacity !== undefined) f.push(`weeklyCapacity >= ${query.minCapacity}`);
  return f;
}

export function meiliSort(query: SearchQuery): string[] | undefined {
  switch (query.sort) {
    case "price_asc":
      return ["priceRupiah:asc", "createdAtMs:desc"];
    case "price_desc":
      return ["priceRupiah:desc", "createdAtMs:desc"];
    case "newest":
      return ["createdAtMs:desc"];
    default:
      return query.q.trim() ? undefined : ["createdAtMs:desc"];
  }
}

export type MeiliBackend = SearchBackend & {
  client: Meilisearch;
  config: MeiliConfig;
  /** adds/replaces documents and removes ids; waits until Meilisearch has applied them */
  apply(upserts: ProductDocument[], deletes: string[]): Promise<void>;
};

export function createMeiliBackend(config: MeiliConfig, db: DbClient): MeiliBackend {
  const client = new Meilisearch({ host: config.url, apiKey: config.apiKey });
  const timeout = config.taskTimeoutMs ?? 30_000;
  const wait = async (p: ReturnType<Meilisearch["createIndex"]>) => {
    const task = await p.waitTask({ timeout });
    if (task.status === "failed") throw new Error(`Meilisearch task ${task.uid} failed: ${task.error?.message ?? "unknown"}`);
    return task;
  };
  const indexExists = async (uid: string) => {
    try {
      await client.getIndex(uid);
      return true;
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code === "index_not_found") return false;
      throw error;
    }
  };

  const backend: MeiliBackend = {
    name: "meilisearch",
    client,
    config,
    async ensureReady() {
      if (!(await indexExists(config.index))) await wait(client.createIndex(config.index, { primaryKey: "id" }));
      await wait(client.index(config.index).updateSettings(MEILI_SETTINGS));
    },
    async search(query) {
      const response = await client.index<ProductDocument>(config.index).search(query.q, {
        filter: meiliFilter(query),
        sort: meiliSort(query),
        facets: Object.keys(FACET_ATTRIBUTES),
        page: query.page,
        hitsPerPage: query.pageSize,
        matchingStrategy: "all",
      });
      const facets = emptyFacets();
      for (const [attribute, counts] of Object.entries(response.facetDistribution ?? {})) {
        const dim = FACET_ATTRIBUTES[attribute];
        if (!dim) continue;
        for (const [value, n] of Object.entries(counts)) if (n > 0) facets[dim][value] = n;
      }
      const result: SearchResult = {
        items: response.hits.map((h) => toHit(h as ProductDocument)),
        total: (response as { totalHits?: number }).totalHits ?? response.hits.length,
        facets,
        page: query.page,
        pageSize: query.pageSize,
      };
      return result;
    },
    async apply(upserts, deletes) {
      const index = client.index(config.index);
      if (upserts.length) await wait(index.addDocuments(upserts, { primaryKey: "id" }));
      if (deletes.length) await wait(index.deleteDocuments(deletes));
    },
    /** Builds a new index beside the live one, fills it, swaps it in and drops the old one. */
    async rebuild() {
      const fresh = `${config.index}_${Date.now()}`;
      await wait(client.createIndex(fresh, { primaryKey: "id" }));
      try {
        await wait(client.index(fresh).updateSettings(MEILI_SETTINGS));
        let count = 0;
        for await (const batch of allDocuments(db, 5_000)) {
          await wait(client.index(fresh).addDocuments(batch, { primaryKey: "id" }));
          count += batch.length;
        }
        if (!(await indexExists(config.index))) await wait(client.createIndex(config.index, { primaryKey: "id" }));
        await wait(client.swapIndexes([{ indexes: [config.index, fresh], rename: false }]));
        // after the swap `fresh` names the old documents
        await wait(client.deleteIndex(fresh));
        return { count };
      } catch (error) {
        await client.deleteIndexIfExists(fresh).catch(() => false);
        throw error;
      }
    },
  };
  return backend;
}
