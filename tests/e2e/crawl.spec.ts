import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./helpers";

/**
 * Every main page of every role, in Bahasa Indonesia and in English: it answers without an error and
 * shows no untranslated key ("namespace:some.key"), which would mean a translation is missing.
 * Detail pages are reached by following the first matching link on their list page.
 */
const UNTRANSLATED = /\b[a-z][a-zA-Z]*:[a-zA-Z]+\.[a-zA-Z0-9_.]+\b/;

const ROLES: { email: string | null; pages: string[]; details?: { from: string; link: RegExp }[] }[] = [
  { email: null, pages: ["/", "/products", "/products?q=kopy", "/g/kpm-melati-sisir", "/mou/verify", "/login", "/signup", "/signup?as=partner", "/forgot-password"], details: [{ from: "/products", link: /^\/products\/[^/?]+$/ }] },
  { email: "admin@bermitra.id", pages: ["/admin", "/admin/users", "/admin/emails", "/audit"] },
  {
    email: "dinas@bermitra.id",
    pages: ["/dinas", "/dinas/verification", "/dinas/groups", "/dinas/demands", "/dinas/coaching", "/dinas/mou/new", "/mou", "/orders", "/invoices", "/audit", "/notifications", "/account"],
    details: [
      { from: "/mou", link: /^\/mou\/[a-z0-9]+$/ },
      { from: "/dinas/demands", link: /^\/dinas\/demands\/[a-z0-9]+$/ },
      { from: "/dinas/groups", link: /^\/groups\/[a-z0-9]+$/ },
    ],
  },
  // The second office (Kota Malang): its Dinas and facilitator pages answer too.
  { email: "dinas.malang@bermitra.id", pages: ["/dinas", "/dinas/verification", "/dinas/groups", "/dinas/demands", "/dinas/coaching", "/mou", "/orders", "/invoices", "/audit"], details: [{ from: "/mou", link: /^\/mou\/[a-z0-9]+$/ }] },
  { email: "pendamping.malang@bermitra.id", pages: ["/facilitator", "/facilitator/demands", "/orders"], details: [{ from: "/facilitator", link: /^\/groups\/[a-z0-9]+\/visits$/ }] },
  { email: "pendamping@bermitra.id", pages: ["/facilitator", "/facilitator/demands", "/orders"], details: [{ from: "/facilitator", link: /^\/groups\/[a-z0-9]+\/visits$/ }] },
  {
    email: "kelompok@bermitra.id",
    pages: ["/group", "/group/demands", "/group/products", "/group/coaching", "/orders", "/orders/plan", "/invoices", "/ledger", "/mou"],
    details: [
      { from: "/orders", link: /^\/orders\/[a-z0-9]+$/ },
      { from: "/invoices", link: /^\/invoices\/[a-z0-9]+$/ },
      { from: "/group/coaching", link: /^\/coaching\/[a-z0-9]+$/ },
    ],
  },
  {
    email: "mitra@bermitra.id",
    pages: ["/partner", "/partner/demands", "/partner/demands/new", "/partner/coaching", "/orders", "/invoices", "/mou", "/partner/orders/new?product=lemper-ayam-kpm-melati-sisir"],
    details: [{ from: "/partner/demands", link: /^\/partner\/demands\/[a-z0-9]+$/ }],
  },
];

async function check(page: Page, path: string, language: "id" | "en") {
  const response = await page.goto(path);
  expect(response?.status(), `${path} status`).toBeLessThan(400);
  await expect(page.locator("html")).toHaveAttribute("lang", language);
  const text = await page.locator("body").innerText();
  expect(text.match(UNTRANSLATED)?.[0] ?? null, `${path} shows an untranslated key`).toBeNull();
}

for (const language of ["id", "en"] as const) {
  for (const role of ROLES) {
    test(`${role.email ?? "visitor"} pages in ${language}`, async ({ page, context, baseURL }) => {
      test.setTimeout(120_000);
      // The Content-Security-Policy (nonces, no inline scripts) must not block anything on any page.
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
      });
      if (role.email) await logIn(page, role.email);
      // The language cookie as Remix writes it (base64 JSON); set directly so no user's saved language changes.
      const value = encodeURIComponent(Buffer.from(JSON.stringify(language)).toString("base64"));
      await context.addCookies([{ name: "bermitra_lng", value, url: baseURL! }]);
      for (const path of role.pages) await check(page, path, language);
      for (const detail of role.details ?? []) {
        await page.goto(detail.from);
        const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
        const target = hrefs.find((href) => detail.link.test(href));
        expect(target, `a link like ${detail.link} on ${detail.from}`).toBeTruthy();
        await check(page, target!, language);
      }
      expect(violations, "CSP violations").toEqual([]);
    });
  }
}
