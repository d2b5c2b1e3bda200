import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, phoneSnapshot, signedInPage, waitForText } from "./helpers";

/**
 * Chairs without email (issue 13 item 12, decision 109), on a phone at 360 × 780 without JavaScript: a chair
 * signs her group up with only a mobile number, Dinas verifies the group, an MoU goes out for signature, the
 * signing link reaches her phone, she logs in with a one-time code and signs. The "phone" is the server's
 * local text outbox (MESSAGE_DIR, playwright.config.ts): no WhatsApp or SMS provider is configured in the e2e run.
 */
test.use({ viewport: { width: 360, height: 780 } });

const dbFile = path.resolve(process.env.E2E_DB ?? "tests/.tmp/e2e.db");

function sendMou(groupName: string): { mouId: string; number: string } {
  const out = execFileSync("npx", ["tsx", "tests/e2e/phone-fixture.ts", "send-mou", groupName], {
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, BERMITRA_JOBS: "off" },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop()!) as { mouId: string; number: string };
}

test("a chair with only a phone number signs up, logs in with a code and signs an MoU (no JavaScript)", async ({ browser }) => {
  test.setTimeout(180_000); // sign-up, verification, the fixture's MoU and the job that delivers the texts
  const digits = String(Date.now()).slice(-8);
  const typed = `0857-${digits.slice(0, 4)}-${digits.slice(4)}`; // as she types it
  const e164 = `+62857${digits}`; // as it is stored and sent to
  const groupName = `KPM Kenanga Uji ${digits}`;
  const chairName = "Sri Wahyuni";
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
  const page = await context.newPage();

  // Sign-up with a mobile number and no email; a landline is refused next to the field first.
  await page.goto("/signup");
  await page.getByLabel("Nama lengkap").fill(chairName);
  await page.getByLabel("Nomor HP (WhatsApp)").fill("0341-591234");
  await page.getByLabel("Kata sandi").fill("kenanga-sisir-9");
  await page.getByLabel("Jenis kelompok").selectOption("KPM");
  await page.getByLabel("Nama kelompok").fill(groupName);
  await page.getByLabel("Desa/kelurahan").selectOption({ label: "Sisir" });
  await page.getByLabel("Jenis usaha").selectOption("PRODUKSI");
  await page.getByLabel("Usaha kelompok").fill("Kue kering untuk hotel dan oleh-oleh");
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.locator("#f-phone-error")).toBeVisible();
  await expect(page.getByTestId("error-summary")).toBeInViewport();
  await expect(page.getByLabel("Nama kelompok")).toHaveValue(groupName);
  await page.getByLabel("Nomor HP (WhatsApp)").fill(typed);
  await page.getByLabel("Kata sandi").fill("kenanga-sisir-9");
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page).toHaveURL(/\/login\?signedUp=1(#.*)?$/);
  await expect(page.getByText(/^Pendaftaran diterima\./)).toBeVisible();

  // Dinas verifies the new group (a second look first, decision 115), on its own device.
  const dinas = await signedInPage(browser, "dinas@bermitra.id");
  await dinas.goto("/dinas/verification");
  await dinas.locator("li", { hasText: groupName }).getByRole("button", { name: "Verifikasi" }).click();
  await expect(dinas.getByTestId("confirm-panel")).toContainText(groupName);
  await dinas.getByTestId("confirm-yes").click();
  await expect(dinas.getByText("Pendaftaran diverifikasi.")).toBeVisible();
  await dinas.context().close();

  // An MoU with her group goes out for signature: the signing link reaches her phone, not an email.
  const beforeMou = await phoneSnapshot();
  const { mouId, number } = sendMou(groupName);
  await waitForText(e164, /\/sign\/[A-Za-z0-9_-]+/, beforeMou);

  // She logs in with a one-time code sent to her number.
  const beforeCode = await phoneSnapshot();
  await page.goto("/login");
  await page.getByRole("link", { name: "Masuk dengan kode lewat WhatsApp/SMS" }).click();
  await expect(page).toHaveURL(/\/login\/code/);
  await page.getByLabel("Nomor HP (WhatsApp)").fill(typed);
  await page.getByRole("button", { name: "Kirim kode" }).click();
  await expect(page.getByText("Jika nomor itu terdaftar, kode sudah dikirim.", { exact: false })).toBeVisible();
  const [, code] = await waitForText(e164, /kode masuk Bermitra Anda: (\d{6})/, beforeCode);
  // a wrong code first: refused next to the field, she stays on the page
  await page.getByLabel("Kode 6 angka").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Masuk", exact: true }).click();
  await expect(page.locator("#f-code-error")).toBeVisible();
  await page.getByLabel("Kode 6 angka").fill(code!);
  await page.getByRole("button", { name: "Masuk", exact: true }).click();
  await expect(page).toHaveURL(/\/group(\?|$|#)/);

  // She signs the MoU: her account's password, her typed name, the agreement box (no drawing without JavaScript).
  await page.goto(`/mou/${mouId}`);
  await expect(page.getByText(number).first()).toBeVisible();
  await page.getByTestId("sign-link").click();
  await expect(page.getByTestId("mou-summary")).toContainText("Kue kering nastar");
  const hint = await page.getByText(/^Persis seperti tertulis: /).textContent();
  await page.getByLabel(/Kata sandi akun Anda/).fill("kenanga-sisir-9");
  await page.getByLabel("Ketik nama lengkap Anda").fill(hint!.replace(/^Persis seperti tertulis: /, "").trim());
  await page.getByRole("checkbox").check();
  await page.getByTestId("sign-submit").click();
  await expect(page).toHaveURL(new RegExp(`/mou/${mouId}\\?signed=1`));
  await expect(page.getByText("Tanda tangan Anda tercatat. Terima kasih.")).toBeVisible();
  await context.close();
});

test("the seeded phone-only chair (README) logs in with her number and the demo password (no JavaScript)", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email atau nomor HP").fill("0812-7000-1001");
  await page.getByLabel(/Kata sandi|Password/).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /^(Masuk|Log in)$/ }).click();
  await expect(page).toHaveURL(/\/group(\?|$|#)/);
  await expect(page.getByRole("main").getByText("KPM Seruni Sisir", { exact: true })).toBeVisible();
  await context.close();
});
