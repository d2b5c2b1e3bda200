import { z } from "zod";
import { DEFAULT_PAGE_PARAMS, type PageParamNames } from "./page-href";

/**
 * Keyset paging for the lists that grow without bound (decisions 101 and 121). A list has a sort key, a
 * tuple of its rows' values ending in a unique one (the id), and a page is "the next `take` rows after the
 * key of the last row shown" (or "the `take` rows just before the first row shown"). The key of that row
 * travels in the URL as an opaque cursor: `?after=<cursor>` for the next page, `?before=<cursor>` for the
 * previous one, plain links that work without JavaScript. No OFFSET and no count: a page costs the same at
 * the end of a long list as at its start, and a row inserted between two page loads shifts nothing.
 *
 * A plain module (no server imports), but it uses zod, which no page ships: the Pager component takes its
 * hrefs from ./page-href.
 */

/** Rows per page of a keyset-paged list. */
export const PAGE_SIZE = 25;

/** One value of a sort key. Dates travel as milliseconds since the epoch. */
export type KeyValue = string | number | Date;

export type KeyType = "string" | "int" | "date";

/**
 * One field of a list's sort key, in order. `path` names a column of the listed model or, with dots, of a
 * to-one relation ("partner.displayName"). The last field must be unique (the id) so that the key orders
 * every row.
 */
export type KeyField = {
  path: string;
  type: KeyType;
  direction: "asc" | "desc";
  /** for an enum column: its values (a cursor with any other value is malformed, not a database error) */
  values?: readonly [string, ...string[]];
};

export type KeySpec = readonly KeyField[];

/** Which page to show: after a cursor (the next page), before one (the previous page), or the first. */
export type PageRequest = { after?: KeyValue[]; before?: KeyValue[] };

/** A page of rows and the cursors of its neighbours (null where there is none). */
export type KeysetPage<T> = { rows: T[]; next: string | null; previous: string | null };

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

/** The cursor of a row's key, as it travels in a URL. */
export function encodeCursor(values: readonly KeyValue[]): string {
  return toBase64Url(JSON.stringify(values.map((v) => (v instanceof Date ? v.getTime() : v))));
}

const MAX_CURSOR_LENGTH = 1024;

const valueSchemas: Record<KeyType, z.ZodType<KeyValue>> = {
  string: z.string().max(500),
  int: z.number().int().safe(),
  date: z
    .number()
    .int()
    .min(-8.64e15)
    .max(8.64e15)
    .transform((ms) => new Date(ms)),
};

/**
 * The key a cursor carries, checked against the list's key spec (count and type of every value); anything
 * malformed, from another list or tampered with is `undefined`: the list shows its first page, never an error.
 */
export function decodeCursor(text: string | null | undefined, spec: KeySpec): KeyValue[] | undefined {
  if (!text || text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(fromBase64Url(text));
  } catch {
    return undefined;
  }
  const schema = z.tuple(spec.map((f) => (f.values ? z.enum(f.values) : valueSchemas[f.type])) as [z.ZodType<KeyValue>, ...z.ZodType<KeyValue>[]]);
  const parsed = schema.safeParse(raw);
  return parsed.success ? (parsed.data as KeyValue[]) : undefined;
}

/** The URL parameters of a keyset-paged list (the other parameters of the page are left alone). */
export const pageParamsSchema = z.object({
  after: z.string().max(MAX_CURSOR_LENGTH).optional().catch(undefined),
  before: z.string().max(MAX_CURSOR_LENGTH).optional().catch(undefined),
});

/**
 * Which page a URL asks for. A malformed cursor is ignored (the first page); when both are given, `after` wins.
 */
export function parsePageParams(search: URLSearchParams, spec: KeySpec, names: PageParamNames = DEFAULT_PAGE_PARAMS): PageRequest {
  const { after, before } = pageParamsSchema.parse({ after: search.get(names.next) ?? undefined, before: search.get(names.previous) ?? undefined });
  const afterKey = decodeCursor(after, spec);
  if (afterKey) return { after: afterKey };
  const beforeKey = decodeCursor(before, spec);
  return beforeKey ? { before: beforeKey } : {};
}

export { DEFAULT_PAGE_PARAMS, pageHref, type PageParamNames } from "./page-href";
