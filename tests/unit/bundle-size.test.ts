/**
 * First-load JavaScript per page, gzipped, from a real client build (issue 14 target 5, decision 113):
 * entry + root + every route of the page's match chain + all the chunks they import (scripts/bundle-size.ts).
 * Limits: 85 KB on public pages, 95 KB on signed-in pages. Prints the table.
 *
 * Builds the app into .builds/bundle-size (about 10–30 s), unless BUNDLE_ASSETS_DIR names a fresh client
 * build (scripts/test-all.sh builds before Vitest and passes public/build).
 *
 * Pages served without client scripts (`export const handle = NO_SCRIPTS`, decision 128) load no module
 * script: they count the inline enhancement script only (tests/e2e/foundation.spec.ts checks the HTML).
 *
 * KNOWN_OVER: pages over their limit today, each with the size it may not grow past. The list may only shrink:
 * a listed page that grows fails, and a listed page that comes under its limit fails too (remove it then).
 * No page may be over its limit without being listed, and no page may ship zod.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { formatTable, measureRoutes, type RouteSize } from "../../scripts/bundle-size";

const ROOT = path.resolve(__dirname, "../..");

/**
 * route id → gzipped KB it may not exceed (today's size rounded up, 2026-12-01, after zod left the client;
 * five raised by ≤ 0.5 KB when the root layout learned to serve pages without scripts, decision 128)
 */
const KNOWN_OVER: Record<string, number> = {
  "routes/dinas.monitoring._index": 126,
  "routes/dinas.partners.$partnerId": 126, // +0.7 KB: the Pagers of its keyset-paged session and invoice lists (decision 122)
  "routes/dinas.partners._index": 124.5,
  "routes/coaching.$sessionId": 114.5, // +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/partner.demands.$demandId": 115.5, // +0.1–0.3 KB: dates through useDates (decision 123)
  "routes/mou.$id": 115, // +0.7 KB: the second look before ending an MoU (decision 127); +0.1–0.3 KB: dates through useDates (decision 123); +0.2–0.4 KB root (decision 128)
  "routes/orders.$orderId": 113.5, // +0.9 KB: the second look before accepting an order (decision 127); +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/groups.$groupId_.products.$productId": 112.5, // +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/groups.$groupId_.demands.$demandId": 112, // +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/mou.$id_.sign": 112.5, // +0.1–0.3 KB: dates through useDates (decision 123); +0.2–0.4 KB root (decision 128)
  "routes/sign.$token": 112, // +0.1–0.3 KB: dates through useDates (decision 123)
  "routes/dinas.demands.$demandId": 111.5, // +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/invoices.$invoiceId": 111.5, // +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/groups.$groupId_.demands._index": 110,
  "routes/groups.$groupId_.products.new": 110,
  "routes/groups.$groupId._index": 110, // +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/groups.$groupId_.visits": 109.5,
  "routes/dinas.demands._index": 109.5, // +0.1–0.3 KB: dates through useDates (decision 123)
  "routes/groups.$groupId_.products._index": 109.5, // +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/partner.demands.$demandId_.edit": 109.5, // +0.1–0.3 KB: dates through useDates (decision 123)
  "routes/partner.demands._index": 109.5, // +0.1–0.3 KB: dates through useDates (decision 123)
  "routes/partner.demands.new": 109.5, // +0.1–0.3 KB: dates through useDates (decision 123)
  "routes/dinas.warnings": 109.5, // +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/dinas.aid": 109,
  "routes/group._index": 109, // +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/groups.$groupId_.payout": 109, // +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/partner._index": 109, // +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/mou.$id_.edit": 108.5,
  "routes/dinas.monitoring.records": 108.5, // +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/mou._index": 109.5, // +0.1–0.3 KB: dates through useDates (decision 123); + the Pager of the keyset-paged list (decision 121); + root 0.1–0.2 KB (decision 128)
  "routes/groups.$groupId.edit": 108,
  "routes/dinas.monitoring.share": 108,
  "routes/dinas.verification": 108.5, // +0.1–0.3 KB: dates through useDates (decision 123)
  "routes/dinas.mou.new": 107.5, // +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/partner.orders.new": 107,
  "routes/groups.$groupId_.coaching": 108.5, // +0.5 KB: the Pagers of its two keyset-paged lists (decision 122)
  "routes/account": 108, // +0.5–0.7 KB: the channel choice per kind of message (decision 109)
  "routes/partner.coaching": 107.5, // +0.4 KB: the Pager of the keyset-paged list (decision 122)
  "routes/audit": 107.5, // +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/orders._index": 107,
  "routes/facilitator._index": 106.5,
  "routes/invoices._index": 106.5,
  "routes/ledger": 107, // +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/dinas.coaching": 106.5, // +0.3 KB: the Pager of the keyset-paged performance table (decision 122)
  "routes/dinas.groups": 106,
  "routes/dinas._index": 106,
  "routes/orders.plan": 106,
  "routes/admin.emails": 105.5,
  "routes/dinas.reports._index": 105.5,
  "routes/admin.users": 105.5,
  "routes/admin._index": 105.5,
  "routes/notifications": 105.5,
  "routes/facilitator.demands": 105.5,
  "routes/mou.$id_.assisted": 112.5, // +0.2–0.4 KB: root handles script-free pages (decision 128)
  "routes/orders.calendar": 107.5,
  "routes/admin.messages": 106, // the text outbox (decision 109), dates through useDates (decision 123)
};

/** route files that render a page (a default export); resource routes (PDF, CSV, JSON, files) load no JavaScript */
function pageRouteIds(): Set<string> {
  const dir = path.join(ROOT, "app/routes");
  return new Set(
    readdirSync(dir)
      .filter((f) => f.endsWith(".tsx") && /export default/.test(readFileSync(path.join(dir, f), "utf8")))
      .map((f) => `routes/${f.replace(/\.tsx$/, "")}`),
  );
}

let rows: RouteSize[];

beforeAll(() => {
  let assets = process.env.BUNDLE_ASSETS_DIR ? path.resolve(ROOT, process.env.BUNDLE_ASSETS_DIR) : "";
  if (!assets) {
    execFileSync("npx", ["remix", "build"], { cwd: ROOT, env: { ...process.env, BUILD_DIR: "bundle-size", NODE_ENV: "production" }, stdio: "pipe" });
    assets = path.join(ROOT, ".builds/bundle-size/public/build");
  }
  const pages = pageRouteIds();
  rows = measureRoutes(assets).filter((r) => pages.has(r.route));
  console.log(formatTable(rows));
}, 300_000);

describe("first-load JavaScript per page (gzipped)", () => {
  it("measures every page of the app", () => {
    expect(rows.length).toBe(pageRouteIds().size);
    // the floor every page with client scripts pays (entry + root): a sanity check that the measurement reads real files
    expect(Math.min(...rows.filter((r) => r.scripts).map((r) => r.gzipKB))).toBeGreaterThan(50);
  });

  it("public pages that work without JavaScript are served without client scripts (decision 128)", () => {
    const free = rows.filter((r) => !r.scripts).map((r) => r.route);
    expect(free).toEqual(expect.arrayContaining(["routes/_index", "routes/products._index", "routes/products.$slug", "routes/login", "routes/signup"]));
    // only public pages: a signed-in page keeps React (its forms and widgets rely on it)
    expect(rows.filter((r) => !r.scripts && !r.public).map((r) => r.route)).toEqual([]);
  });

  it("no page ships zod (validation runs on the server)", () => {
    expect(rows.filter((r) => r.zod).map((r) => r.route)).toEqual([]);
  });

  it("every page is within its limit (85 KB public, 95 KB signed in), or listed and not growing", () => {
    const problems: string[] = [];
    for (const r of rows) {
      const cap = KNOWN_OVER[r.route];
      if (cap === undefined && r.over) problems.push(`${r.route}: ${r.gzipKB} KB > ${r.limitKB} KB`);
      if (cap !== undefined && r.gzipKB > cap) problems.push(`${r.route}: grew to ${r.gzipKB} KB (listed at ${cap} KB, limit ${r.limitKB} KB)`);
      if (cap !== undefined && !r.over) problems.push(`${r.route}: now ${r.gzipKB} KB, within ${r.limitKB} KB: remove it from KNOWN_OVER`);
    }
    for (const route of Object.keys(KNOWN_OVER)) if (!rows.some((r) => r.route === route)) problems.push(`${route}: listed but no such page`);
    expect(problems).toEqual([]);
  });
});
