import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./helpers";
import { ROLES } from "./main-pages";

/**
 * Every main page of every role, in Bahasa Indonesia and in English: it answers without an error and
 * shows no untranslated key ("namespace:some.key"), which would mean a translation is missing.
 * Detail pages are reached by following the first matching link on their list page. A page that hydrates
 * must hydrate without a mismatch (the server and the browser translate with the same function, decision 135).
 */
const UNTRANSLATED = /\b[a-z][a-zA-Z]*:[a-zA-Z]+\.[a-zA-Z0-9_.]+\b/;
/** React 18's production hydration errors (#418 text/markup mismatch, #423 recovered by client render, #425 text content) */
const HYDRATION = /Minified React error #(418|419|422|423|425)|Hydration failed|did not match|hydrating/i;

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
      const hydration: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
        if (message.type() === "error" && HYDRATION.test(message.text())) hydration.push(`${page.url()}: ${message.text().slice(0, 200)}`);
      });
      page.on("pageerror", (error) => {
        if (HYDRATION.test(error.message)) hydration.push(`${page.url()}: ${error.message.slice(0, 200)}`);
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
      expect(hydration, "hydration mismatches").toEqual([]);
    });
  }
}
