/**
 * Remembers which routes an address matches (issue 14, signed-in page time and the uncached search page).
 *
 * `matchRoutes` of @remix-run/router flattens the whole route tree (≈ 120 routes here), ranks every branch
 * and compiles a regular expression per branch it tries, on every call; Remix calls it through the module's
 * exports twice per request (server-runtime's `matchServerRoutes`, and react-router's `useRoutes` while
 * rendering), and a CPU profile of `/products?q=…` spends ≈ 18 % of the request there. The answer depends
 * only on the tree's shape (ids, paths, index and case flags) and the address, so this wraps the exported
 * function: per tree shape, an LRU of address → matched route ids with their params. A hit rebuilds the
 * result with the route objects of the tree it was called with (Remix builds a new tree for each render),
 * so callers get exactly what the original returns. Trees whose routes lack ids are passed straight through.
 *
 * Installed once per process by the web server before the build is loaded (production only). The library's
 * own function stays the reference: tests/unit/route-match-memo.test.ts checks equal answers for every route
 * of the build.
 */
import { createRequire } from "node:module";

type RouteLike = { id?: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: RouteLike[] };
type Match = { params: Record<string, string | undefined>; pathname: string; pathnameBase: string; route: RouteLike };
type MatchRoutes = (routes: RouteLike[], location: string | { pathname?: string }, basename?: string) => Match[] | null;
type RememberedMatch = { id: string; params: Record<string, string | undefined>; pathname: string; pathnameBase: string };
type Shape = { signature: string; byId: Map<string, RouteLike> } | null;

const MEMO_MARK = Symbol.for("bermitra.routeMatchMemo");

/** The tree's shape (null when a route has no id) and its routes by id; computed once per tree object. */
function shapeOf(routes: RouteLike[], cache: WeakMap<object, Shape>): Shape {
  const known = cache.get(routes);
  if (known !== undefined) return known;
  const byId = new Map<string, RouteLike>();
  const parts: string[] = [];
  let complete = true;
  const walk = (list: RouteLike[], depth: number) => {
    for (const route of list) {
      if (typeof route.id !== "string" || byId.has(route.id)) complete = false;
      else byId.set(route.id, route);
      parts.push(`${depth}:${route.id}:${route.path ?? ""}:${route.index ? 1 : 0}:${route.caseSensitive ? 1 : 0}`);
      if (route.children?.length) walk(route.children, depth + 1);
    }
  };
  walk(routes, 0);
  const shape = complete ? { signature: parts.join("|"), byId } : null;
  cache.set(routes, shape);
  return shape;
}

export function memoizeMatchRoutes(original: MatchRoutes, { maxEntries = 2_000 } = {}): MatchRoutes {
  const shapes = new WeakMap<object, Shape>();
  const remembered = new Map<string, Map<string, RememberedMatch[] | null>>();
  const memo: MatchRoutes = (routes, location, basename = "/") => {
    const shape = Array.isArray(routes) ? shapeOf(routes, shapes) : null;
    if (!shape) return original(routes, location, basename);
    const address = typeof location === "string" ? location : location?.pathname;
    if (typeof address !== "string") return original(routes, location, basename);
    let entries = remembered.get(shape.signature);
    if (!entries) remembered.set(shape.signature, (entries = new Map()));
    const key = `${basename}\u0000${address}`;
    let hit = entries.get(key);
    if (hit === undefined) {
      const matches = original(routes, location, basename);
      hit = matches === null ? null : matches.map((m) => ({ id: m.route.id!, params: { ...m.params }, pathname: m.pathname, pathnameBase: m.pathnameBase }));
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, hit);
      return matches;
    }
    // least recently used first out: move the hit to the end
    entries.delete(key);
    entries.set(key, hit);
    if (hit === null) return null;
    return hit.map((m) => ({ params: { ...m.params }, pathname: m.pathname, pathnameBase: m.pathnameBase, route: shape.byId.get(m.id)! }));
  };
  return memo;
}

/** Wraps the exported `matchRoutes` of the process's one @remix-run/router (idempotent). */
export function installRouteMatchMemo(): void {
  const router = createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: MatchRoutes & { [MEMO_MARK]?: true } };
  if (router.matchRoutes[MEMO_MARK]) return;
  const memo = Object.assign(memoizeMatchRoutes(router.matchRoutes), { [MEMO_MARK]: true as const });
  router.matchRoutes = memo;
}
