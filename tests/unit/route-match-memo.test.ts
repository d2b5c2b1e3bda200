/**
 * The remembered route matching (app/http/route-match-memo.server.ts) answers exactly what @remix-run/router's
 * own `matchRoutes` answers: for the app's real route tree (read from app/routes with Remix's own flat-routes
 * convention, as the compiler does), for an address of every route plus addresses that match nothing, on the
 * first call and on remembered calls, with the route objects of the tree it is called with.
 */
import path from "node:path";
import { createRequire } from "node:module";
import { matchRoutes as libraryMatchRoutes } from "@remix-run/router";
import { memoizeMatchRoutes } from "~/http/route-match-memo.server";

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
type ManifestEntry = { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean };

type MatchRoutes = (routes: unknown, location: string | { pathname: string }, basename?: string) => ReturnType<typeof libraryMatchRoutes>;
/** the library's own function, typed for the plain route trees of this test */
const matchRoutes = libraryMatchRoutes as unknown as MatchRoutes;
const require = createRequire(import.meta.url);
const { flatRoutes } = require("@remix-run/dev/dist/config/flat-routes.js") as {
  flatRoutes: (appDirectory: string) => Record<string, ManifestEntry>;
};

/** The app's route tree as Remix builds it (root + app/routes), fresh objects on every call. */
function appRouteTree(): Route[] {
  const manifest: Record<string, ManifestEntry> = { root: { id: "root", path: "" }, ...flatRoutes(path.resolve("app")) };
  const build = (parentId: string | undefined): Route[] =>
    Object.values(manifest)
      .filter((entry) => (entry.id === "root" ? parentId === undefined : (entry.parentId ?? "root") === parentId))
      .map((entry) => {
        const children = build(entry.id);
        return { id: entry.id, path: entry.path, index: entry.index, caseSensitive: entry.caseSensitive, ...(children.length ? { children } : {}) };
      });
  return build(undefined);
}

/** One concrete address per route: every ":param" filled in, optional segments kept, splats given two segments. */
function addressesOf(routes: Route[], prefix = ""): string[] {
  const out: string[] = [];
  for (const route of routes) {
    const own = (route.path ?? "")
      .split("/")
      .filter(Boolean)
      .map((segment) => (segment === "*" ? "a/b" : segment.replace(/^:(\w+)\??$/, "x-$1").replace(/\?$/, "")))
      .join("/");
    const full = [prefix, own].filter(Boolean).join("/");
    out.push(`/${full}`);
    if (route.children) out.push(...addressesOf(route.children, full));
  }
  return out;
}

const summary = (matches: ReturnType<typeof matchRoutes>) =>
  matches?.map((m) => ({ id: (m.route as Route).id, params: m.params, pathname: m.pathname, pathnameBase: m.pathnameBase })) ?? null;

describe("remembered route matching", () => {
  const addresses = [...new Set([...addressesOf(appRouteTree()), "/", "/nope/nothing/here", "/products/", "/PRODUCTS", "/orders/123/../x", "/%E2%82%AC"])];

  it("reads the real route tree", () => {
    expect(addresses.length).toBeGreaterThan(80);
  });

  it("answers as the library does for every route's address, first and remembered, on a new tree of the same shape", () => {
    const memo = memoizeMatchRoutes(matchRoutes as never);
    for (const round of [1, 2, 3]) {
      const tree = appRouteTree(); // a new tree each round, as Remix renders with
      for (const address of addresses) {
        const expected = matchRoutes(tree, address);
        const got = (memo as unknown as MatchRoutes)(tree, address);
        expect(summary(got), `round ${round}: ${address}`).toEqual(summary(expected));
        // the very route objects of the tree passed in, never those of an earlier tree
        got?.forEach((m, i) => expect(m.route).toBe(expected![i]!.route));
        expect((memo as unknown as MatchRoutes)(tree, { pathname: address })?.length ?? null).toBe(expected?.length ?? null);
      }
    }
  });

  it("gives each caller its own params object, honours the basename and stays within its size", () => {
    const memo = memoizeMatchRoutes(matchRoutes as never, { maxEntries: 3 }) as unknown as MatchRoutes;
    const tree = appRouteTree();
    const address = addresses.find((a) => /x-\w+/.test(a) && matchRoutes(tree, a) !== null)!;
    const first = memo(tree, address)!;
    (first[first.length - 1]!.params as Record<string, string>).injected = "yes";
    expect(memo(tree, address)![first.length - 1]!.params.injected).toBeUndefined();
    expect(summary(memo(tree, `/base${address}`, "/base"))).toEqual(summary(matchRoutes(tree, `/base${address}`, "/base")));
    expect(memo(tree, address, "/other")).toBeNull();
    for (const a of addresses.slice(0, 20)) expect(summary(memo(tree, a))).toEqual(summary(matchRoutes(tree, a)));
  });

  it("passes trees without route ids straight to the library", () => {
    let calls = 0;
    const counting = ((...args: Parameters<MatchRoutes>) => (calls++, matchRoutes(...args))) as never;
    const memo = memoizeMatchRoutes(counting) as unknown as MatchRoutes;
    const tree = [{ path: "/a" }, { path: "/b/:id" }];
    memo(tree, "/b/1");
    memo(tree, "/b/1");
    expect(calls).toBe(2);
    const withIds = [{ id: "a", path: "/a" }];
    memo(withIds, "/a");
    memo(withIds, "/a");
    expect(calls).toBe(3);
  });
});
