import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { logIn } from "./helpers";

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const NAME = "Keripik Talas Ungu Melati";

test("a group chair lists a product with a photo on a phone; buyers find it by a typo; pausing hides it", async ({ page }) => {
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 120, g: 60, b: 160 } } }).jpeg().toBuffer();

  await logIn(page, "kelompok@bermitra.id");
  await page.goto("/group");
  await page.getByTestId("manage-products").click();
  await expect(page).toHaveURL(/\/groups\/[^/]+\/products$/);
  await page.getByTestId("new-product").click();

  await page.getByLabel("Nama produk").fill(NAME);
  await page.getByLabel("Kategori", { exact: true }).selectOption({ label: "Makanan Ringan & Keripik" });
  await page.getByLabel("Deskripsi").fill("Keripik talas ungu tipis dan renyah, tanpa pengawet, kemasan 200 g.");
  await page.getByLabel("Harga per satuan (Rp)").fill("14000");
  await page.getByLabel("Satuan", { exact: true }).selectOption("PACK");
  await page.getByLabel("Pesanan minimum").fill("10");
  await page.getByLabel("Kapasitas produksi per minggu").fill("150");
  await page.getByLabel("Bumiaji", { exact: true }).check();
  await page.getByLabel("P-IRT", { exact: true }).fill("2063579010555-28");
  await page.locator("#f-photos").setInputFiles({ name: "talas.jpg", mimeType: "image/jpeg", buffer: photo });
  // The page must not scroll sideways on a 360 px phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.getByRole("button", { name: "Simpan produk" }).click();
  await expect(page.getByText("Produk disimpan dan tampil di katalog.")).toBeVisible();
  const row = page.locator('[data-testid^="manage-keripik-talas-ungu-melati"]');
  await expect(row).toBeVisible();

  // A buyer (no login needed) searches with a typo: "kripik talaz".
  await page.goto("/");
  await page.locator("#home-q").fill("kripik talaz");
  await page.locator("#home-q").press("Enter");
  await expect(page).toHaveURL(/\/products\?q=kripik\+talaz/);
  const card = page.getByTestId("product-card").filter({ hasText: NAME });
  await expect(card).toBeVisible();
  await card.getByRole("link", { name: NAME }).click();

  await expect(page.getByTestId("product-name")).toHaveText(NAME);
  await expect(page.getByText("Rp 14.000 / bungkus").first()).toBeVisible();
  const img = page.getByRole("img", { name: NAME });
  await expect(img).toBeVisible();
  expect(await img.getAttribute("width")).toBeTruthy();
  expect(await img.getAttribute("height")).toBeTruthy();
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
  const wa = await page.getByTestId("share-whatsapp").getAttribute("href");
  expect(wa).toMatch(/^https:\/\/wa\.me\/\?text=/);
  expect(decodeURIComponent(wa!)).toContain(NAME);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /\/media\/products\/[a-f0-9]{24}-lg\.webp$/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", NAME);

  // The chair pauses it: it disappears from search.
  await page.goto("/group/products");
  await page.locator('[data-testid^="pause-keripik-talas-ungu-melati"]').click();
  await expect(page.getByText("Produk dijeda: tidak tampil lagi di katalog.")).toBeVisible();
  await page.goto("/products?q=kripik+talaz");
  await expect(page.getByTestId("product-card").filter({ hasText: NAME })).toHaveCount(0);
  await expect(page.getByText("Tidak ada produk yang cocok.", { exact: false })).toBeVisible();
});

test("the catalogue filters work without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto("/products");
  await page.getByText("Filter dan urutan").click();
  await page.locator("#s-category").selectOption("telur-olahan");
  await page.locator("#s-sort").selectOption("price_asc");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/category=telur-olahan/);
  await expect(page.getByTestId("result-count")).toContainText("Telur & Olahan");
  const cards = page.getByTestId("product-card");
  expect(await cards.count()).toBeGreaterThan(0);
  await context.close();
});

test("with JavaScript, results follow the typing (prefix search)", async ({ page }) => {
  await page.goto("/products");
  await page.locator("#s-q").pressSequentially("telur as", { delay: 30 });
  await expect(page).toHaveURL(/\/products\?q=telur\+as$/);
  const cards = page.getByTestId("product-card");
  await expect(cards.first()).toContainText("Telur Asin");
});
