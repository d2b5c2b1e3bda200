import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./helpers";
import { ROLES } from "./main-pages";

/**
 * Issue 13 item 7: at a cheap phone's width (360 px) no main page of any role scrolls sideways as a whole.
 * Wide tables scroll inside their own container (`.table-scroll`), never the page. The report names each
 * page that overflows, by how much, and the widest elements that stick out past the viewport.
 */
test.use({ viewport: { width: 360, height: 780 } });

async function overflowOf(page: Page, path: string, found: string[]) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} status`).toBeLessThan(400);
  const result = await page.evaluate(() => {
    const width = document.scrollingElement!.scrollWidth;
    const culprits: string[] = [];
    if (width > 360) {
      for (const el of Array.from(document.body.querySelectorAll("*"))) {
        const rect = el.getBoundingClientRect();
        if (rect.right <= 361) continue;
        // only the outermost element that sticks out, not every child of it
        const parent = el.parentElement;
        if (parent && parent.getBoundingClientRect().right > 361) continue;
        culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(/\s+/).slice(0, 3).join(".")}` : ""} → ${Math.round(rect.right)}px`);
        if (culprits.length >= 3) break;
      }
    }
    // every table lives in a container that scrolls on its own (or fits)
    const tables = Array.from(document.querySelectorAll("table")).filter((table) => {
      if (table.getBoundingClientRect().width <= 360) return false;
      let el: HTMLElement | null = table.parentElement;
      while (el && el !== document.body) {
        const style = getComputedStyle(el);
        if (style.overflowX === "auto" || style.overflowX === "scroll") return false;
        el = el.parentElement;
      }
      return true;
    });
    return { width, culprits, loose: tables.length };
  });
  if (result.width > 360) found.push(`${path}: page is ${result.width}px wide (${result.culprits.join("; ")})`);
  if (result.loose > 0) found.push(`${path}: ${result.loose} wide table(s) outside a scrolling container`);
}

for (const role of ROLES) {
  test(`no sideways page scroll at 360 px: ${role.email ?? "visitor"}`, async ({ page }) => {
    test.setTimeout(180_000);
    if (role.email) await logIn(page, role.email);
    const found: string[] = [];
    for (const path of role.pages) await overflowOf(page, path, found);
    for (const detail of role.details ?? []) {
      await page.goto(detail.from);
      const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
      const target = hrefs.find((href) => detail.link.test(href));
      expect(target, `a link like ${detail.link} on ${detail.from}`).toBeTruthy();
      await overflowOf(page, target!, found);
    }
    expect(found, "pages wider than 360 px").toEqual([]);
  });
}
