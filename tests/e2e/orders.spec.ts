import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { logIn, logOut } from "./helpers";

/**
 * Orders and payments, end to end: an ACTIVE MoU (created by a fixture script in the e2e database, which
 * also runs the standing-order job function) generates standing orders; the group accepts and ships one,
 * the partner records the handover with a partial rejection, the group invoices it, the partner pays by
 * bank transfer with a proof image, the group confirms, and the ledger shows it.
 */
const dbFile = path.resolve(process.env.E2E_DB ?? "tests/.tmp/e2e.db");

function fixture() {
  const out = execFileSync("npx", ["tsx", "tests/e2e/orders-fixture.ts"], {
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, BERMITRA_JOBS: "off" },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop()!) as {
    orderId: string;
    orderNumber: string;
    lineId: string;
    quantity: number;
    unitPrice: number;
    groupEmail: string;
    generated: number;
  };
}

const rupiah = (n: number) => `Rp ${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".")}`;

// 1×1 PNG: the transfer proof
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

test.describe.configure({ mode: "serial" });

test("standing order from an MoU: accept, ship, receive with rejection, invoice, pay by transfer, confirm, ledger", async ({ page }) => {
  test.setTimeout(180_000);
  const f = fixture();
  expect(f.generated).toBe(7);
  const rejected = 3;
  const amount = (f.quantity - rejected) * f.unitPrice;

  // The group sees the generated standing order in its list and accepts it, then ships it.
  await logIn(page, f.groupEmail);
  await page.goto("/orders");
  await expect(page.getByTestId(`order-${f.orderNumber}`)).toBeVisible();
  await page.goto("/orders/plan");
  await expect(page.getByTestId("production-plan")).toContainText(f.orderNumber);
  await page.goto(`/orders/${f.orderId}`);
  await expect(page.getByTestId("order-status")).toHaveText(/Dipesan|Placed/);
  await page.getByTestId("order-accept").click();
  // the second look (decision 127): what the group promises, then confirm
  await expect(page.getByTestId("confirm-panel")).toBeVisible();
  await page.getByTestId("confirm-yes").click();
  await expect(page.getByTestId("order-status")).toHaveText(/Diterima kelompok|Accepted/);
  await page.getByTestId("order-ship").click();
  await expect(page.getByTestId("order-status")).toHaveText(/Dikirim|Shipped/);
  await logOut(page);

  // The partner records the handover (BAST) with 3 rejected.
  await logIn(page, "mitra@bermitra.id");
  await page.goto(`/orders/${f.orderId}`);
  await page.getByLabel(/^(Nama penerima|Received by)$/).fill("Bu Wulan (pastry)");
  await page.locator(`input[name="accepted-${f.lineId}"]`).fill(String(f.quantity - rejected));
  await page.locator(`input[name="reason-${f.lineId}"]`).fill("Tiga bungkus penyok");
  await page.getByTestId("order-receive").click();
  await expect(page.getByTestId("order-status")).toHaveText(/Diterima mitra|Received/);
  await expect(page.getByTestId("bast")).toContainText("Tiga bungkus penyok");
  await logOut(page);

  // The group issues the invoice: accepted quantity × price.
  await logIn(page, f.groupEmail);
  await page.goto(`/orders/${f.orderId}`);
  await page.getByTestId("order-invoice").click();
  await expect(page).toHaveURL(/\/invoices\//);
  await expect(page.getByTestId("invoice-amount")).toHaveText(rupiah(amount));
  const invoiceUrl = page.url();
  const pdf = await page.request.get(`${invoiceUrl}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  await logOut(page);

  // The partner records a bank transfer with a proof image.
  await logIn(page, "mitra@bermitra.id");
  await page.goto(invoiceUrl);
  await page.getByLabel(/^(Nomor referensi transfer|Transfer reference)$/).fill("TRF20261124BRI0042");
  await page.locator('input[name="proof"]').setInputFiles({ name: "bukti.png", mimeType: "image/png", buffer: PNG });
  await page.getByTestId("transfer-submit").click();
  await expect(page.getByTestId("payment-BANK_TRANSFER")).toContainText(/Menunggu|Pending/);
  await logOut(page);

  // The group confirms it; the invoice and the order are paid; the ledger shows the revenue.
  await logIn(page, f.groupEmail);
  await page.goto(invoiceUrl);
  await page.getByTestId("payment-confirm").click();
  await expect(page.getByTestId("confirm-panel")).toBeVisible(); // the second look (decision 115)
  await page.getByTestId("confirm-yes").click();
  await expect(page.getByTestId("invoice-status")).toContainText(/Lunas|Paid/);
  await page.goto(`/orders/${f.orderId}`);
  await expect(page.getByTestId("order-status")).toHaveText(/Lunas|Paid/);
  await page.goto("/ledger");
  await expect(page.getByTestId(`ledger-row-${f.orderNumber}`)).toContainText(rupiah(amount));
  const csv = await page.request.get("/ledger/csv");
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(f.orderNumber);
});
