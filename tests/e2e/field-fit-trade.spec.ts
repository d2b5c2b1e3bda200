import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { signedInPage } from "./helpers";

// Issue 13 items 5 and 7 at a cheap phone's size (360 × 780): where a group is paid, on the invoice.
test.use({ viewport: { width: 360, height: 780 } });

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  return (await page.getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join(" ");
}

test("bank details: entered by the chair, shown on the invoice and its PDF only once the facilitator confirmed them", async ({ browser }) => {
  const partner = await signedInPage(browser, "mitra@bermitra.id");
  await partner.setViewportSize({ width: 360, height: 780 });
  await partner.goto("/invoices");
  await partner.getByTestId("invoice-list").locator("li", { hasText: "KPM Melati Sisir" }).first().getByRole("link").click();
  const invoiceUrl = partner.url();
  await expect(partner.getByTestId("invoice-pay-to")).toContainText("belum punya rekening yang dikonfirmasi");

  const chair = await signedInPage(browser, "kelompok@bermitra.id");
  await chair.setViewportSize({ width: 360, height: 780 });
  await chair.goto(invoiceUrl);
  await chair.getByRole("link", { name: "Rekening pembayaran" }).click();
  await expect(chair).toHaveURL(/\/groups\/[^/]+\/payout$/);
  const payoutUrl = chair.url();
  await chair.getByLabel("Bank", { exact: true }).fill("BRI Unit Batu");
  await chair.getByLabel("Nomor rekening").fill("0123-4567-8901");
  await chair.getByLabel("Nama pemilik rekening").fill("KPM Melati Sisir");
  const png = await sharp({ create: { width: 120, height: 120, channels: 3, background: "#1f2937" } }).png().toBuffer();
  await chair.locator("#f-qris").setInputFiles({ name: "qris.png", mimeType: "image/png", buffer: png });
  await chair.getByTestId("payout-submit").click();
  await expect(chair.getByTestId("payout-pending")).toContainText("012345678901");
  await expect(chair.getByTestId("payout-pending")).toContainText("Menunggu konfirmasi pendamping");

  // not confirmed yet: the invoice still says so
  await partner.reload();
  await expect(partner.getByTestId("invoice-pay-to")).toContainText("belum punya rekening yang dikonfirmasi");

  const facilitator = await signedInPage(browser, "pendamping@bermitra.id");
  await facilitator.setViewportSize({ width: 360, height: 780 });
  await facilitator.goto(payoutUrl);
  await expect(facilitator.getByTestId("payout-pending")).toContainText("tampil di semua tagihan kelompok");
  await facilitator.getByTestId("payout-confirm").click();
  await expect(facilitator.getByTestId("payout-confirmed")).toContainText("BRI Unit Batu");

  await partner.reload();
  const payTo = partner.getByTestId("invoice-pay-to");
  await expect(payTo.getByTestId("payout-number")).toHaveText("012345678901");
  await expect(payTo.getByTestId("payout-holder")).toHaveText("KPM Melati Sisir");
  await expect(payTo.getByTestId("payout-qris")).toBeVisible();
  await payTo.getByTestId("payout-number-copy").scrollIntoViewIfNeeded();
  await expect(payTo.getByTestId("payout-number-copy")).toBeVisible();
  // nothing wider than the phone
  expect(await partner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  const pdf = await partner.request.get(`${invoiceUrl}/pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const text = await pdfText(await pdf.body());
  expect(text).toContain("012345678901");
  expect(text).toContain("BRI Unit Batu");

  // without JavaScript the number is plain selectable text and no copy button is offered
  const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 }, storageState: await partner.context().storageState() });
  const plain = await noJs.newPage();
  await plain.goto(invoiceUrl);
  await expect(plain.getByTestId("payout-number")).toHaveText("012345678901");
  await expect(plain.getByTestId("payout-number-copy")).toHaveCount(0);
  await noJs.close();
});
