import { expect, test, type Browser, type Page } from "@playwright/test";
import { logIn } from "./helpers";

/**
 * Issue 13 item 8 (decision 115) at 360 × 780 and without JavaScript: verifying a partner, accepting offers
 * and confirming a payment each show what will happen first (the award with its totals per group and in all),
 * and only the second tap does it; "back" changes nothing.
 */
async function phoneWithoutJs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  await logIn(page, email);
  return page;
}

test("verifying a partner: a second look, back changes nothing, yes verifies", async ({ browser }) => {
  const page = await phoneWithoutJs(browser, "dinas@bermitra.id");
  await page.goto("/dinas/verification");
  await page.locator("li", { hasText: "Swalayan Segar Batu" }).getByRole("button", { name: "Verifikasi" }).click();
  const panel = page.getByTestId("confirm-panel");
  await expect(panel).toBeInViewport();
  await expect(panel.getByRole("heading", { level: 1 })).toHaveText("Verifikasi mitra Swalayan Segar Batu?");
  await expect(panel).toContainText("dapat menerbitkan permintaan");
  await page.getByTestId("confirm-cancel").click();
  await expect(page).toHaveURL("/dinas/verification");
  await expect(page.locator("li", { hasText: "Swalayan Segar Batu" })).toHaveCount(1);

  await page.locator("li", { hasText: "Kafe Alun-Alun Batu" }).getByRole("button", { name: "Verifikasi" }).click();
  await expect(panel.getByRole("heading", { level: 1 })).toHaveText("Verifikasi mitra Kafe Alun-Alun Batu?");
  await page.getByRole("button", { name: "Ya, verifikasi" }).click();
  await expect(page.getByText("Pendaftaran diverifikasi.")).toBeVisible();
  await expect(page.locator("li", { hasText: "Kafe Alun-Alun Batu" })).toHaveCount(0);
  await expect(page.locator("li", { hasText: "Swalayan Segar Batu" })).toHaveCount(1);
  await page.context().close();
});

test("accepting offers: the totals per group and in all, then two orders", async ({ browser }) => {
  const page = await phoneWithoutJs(browser, "staf.toko-oleh-oleh-brantas-jaya@bermitra.id");
  await page.goto("/partner/demands");
  await page.getByRole("link", { name: /Keripik usus untuk rak oleh-oleh/ }).first().click();
  const demandUrl = page.url();
  await page.getByLabel(/^KPM Mawar Temas/).fill("200");
  await page.getByLabel(/^KPM Bougenvil Pandanrejo/).fill("100");
  await page.getByRole("button", { name: "Terima penawaran" }).click();
  const panel = page.getByTestId("confirm-panel");
  await expect(panel).toBeInViewport();
  const lines = panel.getByTestId("accept-confirm-line");
  await expect(lines).toHaveCount(2);
  const mawar = lines.filter({ hasText: "KPM Mawar Temas" });
  await expect(mawar).toContainText("Rp 15.000");
  await expect(mawar).toContainText("Rp 3.000.000");
  await expect(lines.filter({ hasText: "KPM Bougenvil Pandanrejo" })).toContainText("Rp 1.450.000");
  await expect(panel.getByTestId("accept-confirm-total")).toHaveText("Rp 4.450.000");
  await expect(panel.getByTestId("accept-confirm-total-quantity")).toContainText("300");
  await expect(panel).toContainText("2 pesanan dibuat");
  // the table scrolls inside its own box on a phone: the page does not
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
  // nothing accepted yet
  await page.goto(demandUrl);
  await expect(page.getByTestId("demand-results")).toHaveCount(0);
  await page.getByLabel(/^KPM Mawar Temas/).fill("200");
  await page.getByLabel(/^KPM Bougenvil Pandanrejo/).fill("100");
  await page.getByRole("button", { name: "Terima penawaran" }).click();
  await page.getByRole("button", { name: "Ya, terima 2 penawaran ini" }).click();
  await expect(page.getByText("Penawaran diterima.")).toBeVisible();
  await expect(page.getByTestId("demand-results")).toContainText("KPM Mawar Temas");
  await expect(page.getByTestId("demand-results")).toContainText("KPM Bougenvil Pandanrejo");
  await page.context().close();
});

test("confirming a payment: amount and what is owed after, then paid", async ({ browser }) => {
  const page = await phoneWithoutJs(browser, "kelompok@bermitra.id");
  await page.goto("/invoices");
  await page.getByRole("link", { name: "INV/KPM-MELATI-SISIR/2026/0020" }).click();
  const amount = (await page.getByTestId("invoice-amount").innerText()).trim();
  await page.getByTestId("payment-confirm").click();
  const panel = page.getByTestId("confirm-panel");
  await expect(panel).toBeInViewport();
  await expect(panel.getByRole("heading", { level: 1 })).toHaveText(`Konfirmasi ${amount} diterima untuk tagihan INV/KPM-MELATI-SISIR/2026/0020?`);
  await expect(panel.getByTestId("confirm-owed")).toHaveText(`Sisa tagihan: ${amount} sekarang, Rp 0 setelah konfirmasi.`);
  await expect(panel).toContainText("Tagihan menjadi lunas");
  await expect(page.getByTestId("invoice-status")).toHaveCount(0);
  await page.getByRole("button", { name: `Ya, ${amount} sudah diterima` }).click();
  await expect(page.getByText("Pembayaran dikonfirmasi.")).toBeVisible();
  await expect(page.getByTestId("invoice-status")).toContainText("Lunas");
  await page.context().close();
});
