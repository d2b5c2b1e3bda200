/**
 * The search contract shared by the catalogue page, the JSON API and both backends:
 * query parameters → SearchQuery (or the name of the bad parameter), and the result shape.
 */
import { readInteger } from "~/forms/values";

export const SORTS = ["relevance", "price_asc", "price_desc", "newest"] as const;
export type SearchSort = (typeof SORTS)[number];
export const GROUP_TYPES = ["KPM", "KUBE"] as const;
/** Certifications a buyer can filter on. */
export const CERT_FILTERS = ["HALAL", "PIRT"] as const;
export type CertFilter = (typeof CERT_FILTERS)[number];
export const PAGE_SIZE = 20;
export const MAX_PAGE = 500;
const MAX_Q = 100;
const MAX_AMOUNT = 1_000_000_000;

export type SearchQuery = {
  q: string;
  category?: string;
  kecamatan?: string;
  groupType?: (typeof GROUP_TYPES)[number];
  cert?: CertFilter;
  minPrice?: number;
  maxPrice?: number;
  minCapacity?: number;
  sort: SearchSort;
  page: number;
  pageSize: number;
};

/** One product as the search returns it (enough to draw a result card). */
export type SearchHit = {
  id: string;
  slug: string;
  name: string;
  categorySlug: string;
  groupName: string;
  groupSlug: string;
  groupType: "KPM" | "KUBE";
  kecamatan: string;
  village: string;
  priceRupiah: number;
  unit: string;
  minOrderQty: number;
  weeklyCapacity: number;
  certs: string[];
  photo: { key: string; width: number; height: number } | null;
  createdAt: string;
};

export type Facets = {
  category: Record<string, number>;
  kecamatan: Record<string, number>;
  groupType: Record<string, number>;
  cert: Record<string, number>;
};

export type SearchResult = { items: SearchHit[]; total: number; facets: Facets; page: number; pageSize: number };

export type ParseOutcome = { ok: true; query: SearchQuery } | { ok: false; param: string; message: string };

const SLUG = /^[a-z0-9-]{1,60}$/;
const NAME = /^[\p{L}0-9 .'-]{1,60}$/u;

/** An integer query parameter, read like every integer form field ("15.000" = 15000; see ~/forms/values). */
function intParam(value: string, min: number, max: number): number | null {
  const reading = readInteger(value);
  return reading.ok && reading.value >= min && reading.value <= max ? reading.value : null;
}

/** Reads and validates search parameters; empty values count as absent. */
export function parseSearchParams(params: URLSearchParams): ParseOutcome {
  const get = (name: string) => {
    const v = params.get(name);
    return v == null || v.trim() === "" ? undefined : v.trim();
  };
  const bad = (param: string, message: string): ParseOutcome => ({ ok: false, param, message });
  const query: SearchQuery = { q: "", sort: "relevance", page: 1, pageSize: PAGE_SIZE };

  const q = params.get("q") ?? "";
  if (q.length > MAX_Q) return bad("q", `q must be at most ${MAX_Q} characters`);
  query.q = q.trim();

  const category = get("category");
  if (category !== undefined) {
    if (!SLUG.test(category)) return bad("category", "category must be a category slug");
    query.category = category;
  }
  const kecamatan = get("kecamatan");
  if (kecamatan !== undefined) {
    if (!NAME.test(kecamatan)) return bad("kecamatan", "kecamatan must be a kecamatan name");
    query.kecamatan = kecamatan;
  }
  const groupType = get("groupType");
  if (groupType !== undefined) {
    const upper = groupType.toUpperCase();
    if (!(GROUP_TYPES as readonly string[]).includes(upper)) return bad("groupType", "groupType must be KPM or KUBE");
    query.groupType = upper as SearchQuery["groupType"];
  }
  const cert = get("cert");
  if (cert !== undefined) {
    const upper = cert.toUpperCase().replace(/[^A-Z]/g, "");
    if (!(CERT_FILTERS as readonly string[]).includes(upper)) return bad("cert", "cert must be HALAL or PIRT");
    query.cert = upper as CertFilter;
  }
  for (const name of ["minPrice", "maxPrice", "minCapacity"] as const) {
    const raw = get(name);
    if (raw === undefined) continue;
    const n = intParam(raw, 0, MAX_AMOUNT);
    if (n === null) return bad(name, `${name} must be a whole number from 0 to ${MAX_AMOUNT}`);
    query[name] = n;
  }
  if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
    return bad("maxPrice", "maxPrice must not be below minPrice");
  }
  const sort = get("sort");
  if (sort !== undefined) {
    if (!(SORTS as readonly string[]).includes(sort)) return bad("sort", `sort must be one of ${SORTS.join(", ")}`);
    query.sort = sort as SearchSort;
  }
  const page = get("page");
  if (page !== undefined) {
    const n = intParam(page, 1, MAX_PAGE);
    if (n === null) return bad("page", `page must be a whole number from 1 to ${MAX_PAGE}`);
    query.page = n;
  }
  return { ok: true, query };
}

/** The query as URL parameters (for pagination and facet links); defaults are left out. */
export function toSearchParams(query: Partial<SearchQuery>, overrides: Partial<Record<keyof SearchQuery, string | number | undefined>> = {}): string {
  const merged: Record<string, unknown> = { ...query, ...overrides };
  const out = new URLSearchParams();
  for (const key of ["q", "category", "kecamatan", "groupType", "cert", "minPrice", "maxPrice", "minCapacity", "sort", "page"]) {
    const v = merged[key];
    if (v === undefined || v === null || v === "") continue;
    if (key === "sort" && v === "relevance") continue;
    if (key === "page" && Number(v) === 1) continue;
    out.set(key, String(v));
  }
  const s = out.toString();
  return s ? `?${s}` : "";
}

export function emptyFacets(): Facets {
  return { category: {}, kecamatan: {}, groupType: {}, cert: {} };
}
