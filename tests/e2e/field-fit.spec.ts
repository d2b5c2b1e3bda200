import { expect, test } from "@playwright/test";

// Issue 13 (field fit), at a cheap phone's size: 360 × 780.
test.use({ viewport: { width: 360, height: 780 } });

test.describe("failed submits on a phone", () => {
  test("with JavaScript: the error summary comes into view, its links lead to the fields", async ({ page }) => {
    await page.goto("/signup?as=partner");
    await page.waitForLoadState("networkidle");
    const submit = page.getByRole("button", { name: "Daftar", exact: true });
    await submit.scrollIntoViewIfNeeded();
    await submit.click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toBeInViewport();
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("Ada yang perlu diperbaiki");
    // No English browser bubble: the messages are the app's, in Indonesian.
    const links = summary.getByRole("link");
    expect(await links.count()).toBeGreaterThanOrEqual(3);
    await links.first().click();
    await expect(page.locator("#f-name")).toBeFocused();
  });

  test("without JavaScript: the browser lands on the summary", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await page.goto("/signup?as=partner");
    await page.getByLabel("Email").fill("bukan-email");
    await page.getByRole("button", { name: "Daftar", exact: true }).click();
    await expect(page).toHaveURL(/#form-errors$/);
    const summary = page.getByTestId("error-summary");
    await expect(summary).toBeInViewport();
    await expect(summary.getByRole("link").first()).toBeVisible();
    await context.close();
  });
});

test.describe("finding one's way", () => {
  test("every page has a title; the first Tab reaches a skip link to the content", async ({ page }) => {
    await page.goto("/signup");
    await expect(page).toHaveTitle("Daftar di Bermitra · Bermitra");
    await page.goto("/mou/verify");
    await expect(page).toHaveTitle(/Periksa keaslian MoU/);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Langsung ke isi halaman" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await skip.press("Enter");
    await expect(page.locator("#main")).toBeFocused();
  });
});
