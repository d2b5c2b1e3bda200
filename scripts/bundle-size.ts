/**
 * First-load JavaScript per route, gzipped (issue 14 target 5, decision 113), computed from a client build:
 * the Remix manifest (`<assets>/manifest-*.js`) gives the entry module, the root and each route's module with
 * their chunk imports; every file's own static `import … from "./chunk-…"` statements are followed too.
 * A page's first load is the entry + root + every route of its match chain (layout parents) + all they import,
 * each file gzipped on its own (as the server sends it) and summed. A page served without client scripts
 * (decision 128) counts only its inline enhancement script.
 *
 * `npx tsx scripts/bundle-size.ts [assets dir]` prints the table (default: public/build); the vitest test
 * tests/unit/bundle-size.test.ts builds the app and fails when a page is over its limit.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { ENHANCE_SCRIPT } from "../app/components/enhance-script.server";

/** Pages anyone can open without signing in (limit 85 KB); every other page is a signed-in page (95 KB). */
export const PUBLIC_ROUTES = [
  "routes/_index",
  "routes/products._index",
  "routes/products.$slug",
  "routes/g.$slug",
  "routes/login",
  "routes/login_.code",
  "routes/signup",
  "routes/forgot-password",
  "routes/reset-password.$token",
  "routes/share.$token",
  "routes/mou.verify",
  "routes/sign.$token",
  "routes/sign.$token_.done",
  "routes/$",
];
export const PUBLIC_LIMIT_KB = 85;
export const SIGNED_IN_LIMIT_KB = 95;

type ManifestRoute = { id: string; parentId?: string; module: string; imports?: string[]; path?: string; index?: boolean };
type Manifest = { entry: { module: string; imports?: string[] }; routes: Record<string, ManifestRoute> };

export type RouteSize = {
  route: string;
  public: boolean;
  scripts: boolean;
  files: number;
  rawKB: number;
  gzipKB: number;
  limitKB: number;
  over: boolean;
  zod: boolean;
  i18next: boolean;
  /** files that are only the empty CommonJS module Remix puts in place of an app/*.server.ts import (decision 143) */
  serverStubs: number;
};

const ROUTES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../app/routes");

/**
 * Routes served without the client scripts (decision 128): their file says `export const handle = NO_SCRIPTS`
 * (app/components/scripts-policy.ts; the root layout then renders no module script, only ENHANCE_SCRIPT inline).
 */
export function scriptFreeRoutes(routesDir = ROUTES_DIR): Set<string> {
  const ids = new Set<string>();
  for (const file of readdirSync(routesDir)) {
    if (!file.endsWith(".tsx")) continue;
    if (/^export const handle = NO_SCRIPTS;/m.test(readFileSync(path.join(routesDir, file), "utf8"))) ids.add(`routes/${file.replace(/\.tsx$/, "")}`);
  }
  return ids;
}

export function readManifest(assetsDir: string): Manifest {
  const file = readdirSync(assetsDir).find((f) => /^manifest-[A-Z0-9]+\.js$/.test(f));
  if (!file) throw new Error(`no manifest-*.js in ${assetsDir} (run npx remix build)`);
  const text = readFileSync(path.join(assetsDir, file), "utf8");
  return JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as Manifest;
}

export function measureRoutes(assetsDir: string): RouteSize[] {
  const manifest = readManifest(assetsDir);
  const gz = new Map<string, { raw: number; gzip: number; text: string }>();
  const sizeOf = (url: string) => {
    let s = gz.get(url);
    if (!s) {
      const text = readFileSync(path.join(assetsDir, url.replace(/^\/build\//, "")), "utf8");
      s = { raw: Buffer.byteLength(text), gzip: gzipSync(text).length, text };
      gz.set(url, s);
    }
    return s;
  };
  /** a module and everything it imports statically (manifest imports + its own import statements) */
  const closure = (urls: string[], into: Set<string>) => {
    const stack = [...urls];
    while (stack.length) {
      const url = stack.pop()!;
      if (into.has(url)) continue;
      into.add(url);
      const { text } = sizeOf(url);
      for (const m of text.matchAll(/(?:import|export)\s*(?:[\w*${}\s,]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
        stack.push(path.posix.normalize(path.posix.join(path.posix.dirname(url), m[1])));
      }
    }
  };
  const rows: RouteSize[] = [];
  const scriptFree = scriptFreeRoutes();
  const inline = { raw: Buffer.byteLength(ENHANCE_SCRIPT), gzip: gzipSync(ENHANCE_SCRIPT).length };
  for (const route of Object.values(manifest.routes)) {
    if (route.id === "root") continue;
    const chain: ManifestRoute[] = [];
    for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) chain.push(r);
    const isPublic = PUBLIC_ROUTES.includes(route.id);
    const limitKB = isPublic ? PUBLIC_LIMIT_KB : SIGNED_IN_LIMIT_KB;
    if (chain.some((r) => scriptFree.has(r.id))) {
      // No module script at all: the browser runs only the inline enhancement script (counted here, gzipped, although it travels inside the HTML).
      const gzipKB = +(inline.gzip / 1024).toFixed(1);
      rows.push({ route: route.id, public: isPublic, scripts: false, files: 0, rawKB: +(inline.raw / 1024).toFixed(1), gzipKB, limitKB, over: gzipKB > limitKB, zod: false, i18next: false, serverStubs: 0 });
      continue;
    }
    const files = new Set<string>();
    closure([manifest.entry.module, ...(manifest.entry.imports ?? [])], files);
    for (const r of chain) closure([r.module, ...(r.imports ?? [])], files);
    let raw = 0;
    let gzip = 0;
    let zod = false;
    let i18next = false;
    let serverStubs = 0;
    for (const f of files) {
      const s = sizeOf(f);
      raw += s.raw;
      gzip += s.gzip;
      if (/ZodError|ZodIssueCode/.test(s.text)) zod = true;
      // i18next and react-i18next name themselves in their code (logger prefix, provider checks); decision 135
      if (/i18next/.test(s.text)) i18next = true;
      // esbuild's wrapper around `module.exports = {}`: var p=o((r,e)=>{e.exports={}});
      if (/^(import\{[^}]*\}from"[^"]+";)?var \w+=\w+\(\(\w+,(\w+)\)=>\{\2\.exports=\{\}\}\);/.test(s.text)) serverStubs++;
    }
    const gzipKB = +(gzip / 1024).toFixed(1);
    rows.push({ route: route.id, public: isPublic, scripts: true, files: files.size, rawKB: +(raw / 1024).toFixed(1), gzipKB, limitKB, over: gzipKB > limitKB, zod, i18next, serverStubs });
  }
  return rows.sort((a, b) => b.gzipKB - a.gzipKB);
}

export function formatTable(rows: RouteSize[]): string {
  const lines = [`${"route".padEnd(52)} ${"kind".padEnd(9)} files   raw KB  gzip KB  limit  zod  (files 0: no client scripts, the inline enhancement only)`];
  for (const r of rows) {
    lines.push(
      `${r.route.padEnd(52)} ${(r.public ? "public" : "signed-in").padEnd(9)} ${String(r.files).padStart(5)} ${String(r.rawKB).padStart(8)} ${String(r.gzipKB).padStart(8)} ${String(r.limitKB).padStart(6)}  ${r.zod ? "yes" : "no"}${r.over ? "  OVER" : ""}`,
    );
  }
  return lines.join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const rows = measureRoutes(path.resolve(process.argv[2] ?? "public/build"));
  console.error(formatTable(rows));
  const over = rows.filter((r) => r.over);
  console.log(JSON.stringify({ routes: rows.length, over: over.map((r) => r.route), maxPublicKB: Math.max(...rows.filter((r) => r.public).map((r) => r.gzipKB)), maxSignedInKB: Math.max(...rows.filter((r) => !r.public).map((r) => r.gzipKB)), zodRoutes: rows.filter((r) => r.zod).length, i18nextRoutes: rows.filter((r) => r.i18next).length }));
}
