import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ROLES } from "./main-pages";
import { logIn } from "./helpers";

/**
 * Axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every main page of every role at 360 × 780, the pages the
 * crawl visits (tests/e2e/crawl.spec.ts, detail pages reached through the first matching link): no serious
 * or critical violation. The report names each violation's rule and the first offending elements.
 */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

test.use({ viewport: { width: 360, height: 780 } });

async function audit(page: Page, path: string, found: string[]) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} status`).toBeLessThan(400);
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  for (const v of results.violations) {
    if (v.impact !== "serious" && v.impact !== "critical") continue;
    const targets = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ");
    found.push(`${path}: [${v.impact}] ${v.id} (${v.nodes.length}×) ${targets}`);
  }
}

for (const role of ROLES) {
  test(`accessibility: ${role.email ?? "visitor"} pages at 360 px`, async ({ page }) => {
    test.setTimeout(180_000);
    if (role.email) await logIn(page, role.email);
    const found: string[] = [];
    for (const path of role.pages) await audit(page, path, found);
    for (const detail of role.details ?? []) {
      await page.goto(detail.from);
      const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
      const target = hrefs.find((href) => detail.link.test(href));
      expect(target, `a link like ${detail.link} on ${detail.from}`).toBeTruthy();
      await audit(page, target!, found);
    }
    expect(found, "serious or critical axe violations").toEqual([]);
  });
}
