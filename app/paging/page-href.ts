/**
 * The links of a keyset-paged list (decision 121), for the Pager component: no zod and no server code here,
 * so the browser bundle stays small. The cursors themselves are made and checked in ./page-params.
 */

/** Names of the two cursor parameters; /audit keeps its own ("before" = older = its next page). */
export type PageParamNames = { next: string; previous: string };
export const DEFAULT_PAGE_PARAMS: PageParamNames = { next: "after", previous: "before" };

/**
 * The href of a neighbouring page: the current query string with the cursor parameters replaced (every other
 * parameter, a filter or the chosen group, kept), or null when there is no such page; the cursor "" is the
 * first page.
 */
export function pageHref(search: URLSearchParams | string, which: "next" | "previous", cursor: string | null, names: PageParamNames = DEFAULT_PAGE_PARAMS): string | null {
  if (cursor === null) return null;
  const params = new URLSearchParams(search);
  params.delete(names.next);
  params.delete(names.previous);
  // "" is the first page (the way back from past the end of a list)
  if (cursor !== "") params.set(which === "next" ? names.next : names.previous, cursor);
  return `?${params.toString()}`;
}
