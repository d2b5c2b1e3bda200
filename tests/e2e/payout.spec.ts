import { expect, test } from "@playwright/test";
import { pdfPageTexts } from "../helpers/pdf-text";
import { signedInPage } from "./helpers";

/**
 * Issue 13 item 5 at 360 px: the group enters where it is paid, Dinas confirms it (never the person who
 * entered it), and then the invoice page (bank, number with a copy button, holder) and the invoice PDF
 * (text read back with pdfjs-dist) show the confirmed account to the paying partner.
 */
const PHONE = { width: 360, height: 780 };
const BANK = "Bank Jatim";
const NUMBER = "0123456789012";
const HOLDER = "Siti Aminah (KPM Melati)";

test("bank details on the invoice page and in its PDF after confirmation, with a copy button", async ({ browser }) => {
  test.setTimeout(120_000);
  const group = await signedInPage(browser, "kelompok@bermitra.id");
  await group.setViewportSize(PHONE);
  await group.goto("/invoices");
  const invoiceHref = await group.locator("a[href^='/invoices/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? "").find((h) => /^\/invoices\/[a-z0-9]+$/.test(h)));
  expect(invoiceHref).toBeTruthy();
  await group.goto(invoiceHref!);
  // before: no confirmed account, the invoice says so
  await expect(group.getByTestId("invoice-pay-to")).toContainText("belum punya rekening yang dikonfirmasi");
  await group.getByTestId("invoice-pay-to").getByRole("link", { name: "Rekening pembayaran" }).click();
  await expect(group).toHaveURL(/\/groups\/[a-z0-9]+\/payout$/);
  const payoutPath = new URL(group.url()).pathname;
  await group.getByLabel("Bank", { exact: true }).fill(BANK);
  await group.getByLabel("Nomor rekening").fill(NUMBER);
  await group.getByLabel("Nama pemilik rekening").fill(HOLDER);
  await group.getByTestId("payout-submit").click();
  await expect(group.getByText("Perubahan terkirim")).toBeVisible();
  await expect(group.getByTestId("payout-pending")).toContainText(NUMBER);
  // the group cannot confirm its own entry; the invoice still shows no account
  await expect(group.getByTestId("payout-confirm")).toHaveCount(0);
  await group.goto(invoiceHref!);
  await expect(group.getByTestId("invoice-pay-to")).not.toContainText(NUMBER);

  const dinas = await signedInPage(browser, "dinas@bermitra.id");
  await dinas.setViewportSize(PHONE);
  await dinas.goto(payoutPath);
  await expect(dinas.getByTestId("payout-pending")).toContainText(HOLDER);
  await dinas.getByTestId("payout-confirm").click();
  await expect(dinas.getByText("Rekening dikonfirmasi")).toBeVisible();

  // the paying partner (Hotel Taman Sari Batu, the seed's partner of every KPM Melati invoice) opens it
  const reader = await signedInPage(browser, "mitra@bermitra.id");
  await reader.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await reader.setViewportSize(PHONE);
  expect((await reader.goto(invoiceHref!))?.status()).toBe(200);
  const payTo = reader.getByTestId("invoice-pay-to");
  await expect(payTo.getByTestId("payout-bank")).toHaveText(BANK);
  await expect(payTo.getByTestId("payout-number")).toHaveText(NUMBER);
  await expect(payTo.getByTestId("payout-holder")).toHaveText(HOLDER);
  // the number fits the phone's width whole (no wrapping, no clipping)
  await payTo.scrollIntoViewIfNeeded();
  await expect(payTo.getByTestId("payout-number")).toBeInViewport({ ratio: 1 });
  const copy = payTo.getByTestId("payout-number-copy");
  await expect(copy).toHaveText("Salin nomor");
  await copy.click();
  await expect(copy).toHaveText("Nomor tersalin");
  expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe(NUMBER);

  const pdf = await reader.request.get(`${invoiceHref}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  const text = (await pdfPageTexts(new Uint8Array(await pdf.body()))).join("\n");
  expect(text).toContain("Bayar ke");
  expect(text).toContain(`Bank: ${BANK}`);
  expect(text).toContain(`Nomor rekening: ${NUMBER}`);
  expect(text).toContain(`Atas nama: ${HOLDER}`);
  expect(text).not.toContain("rekening belum dikonfirmasi");
});
