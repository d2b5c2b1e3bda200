import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { logIn, phoneSnapshot, waitForText } from "./helpers";

/**
 * In-person signing (issue 13 item 10) at 360 × 780: the seeded coffee MoU of KUBE Sido Rukun Bumiaji (in
 * review) is sent for signature; the chair, Sutrisno Wibowo, signs on the officer's phone. First a Dinas
 * officer without JavaScript attests that he is present (her own password); then, after the MoU is withdrawn and
 * sent again, his facilitator sends a one-time code to his phone (read from the local outbox's files).
 */
test.use({ viewport: { width: 360, height: 780 } });

const CHAIR_PHONE = "+6285745939851";

function e2eDb() {
  return new Database(process.env.E2E_DB ?? "tests/.tmp/e2e.db", { readonly: true });
}

function chairSigner(mouId: string) {
  const db = e2eDb();
  try {
    return db
      .prepare(
        `SELECT s.status, s.witnessName, s.assistedMethod, v.versionNumber FROM MouSigner s JOIN MouVersion v ON v.id = s.versionId WHERE v.mouId = ? AND s.party = 'GROUP' ORDER BY v.versionNumber DESC LIMIT 1`,
      )
      .get(mouId) as { status: string; witnessName: string | null; assistedMethod: string | null; versionNumber: number };
  } finally {
    db.close();
  }
}

async function typedName(page: Page): Promise<string> {
  const hint = await page.getByText(/^Persis seperti tertulis: /).textContent();
  return hint!.replace(/^Persis seperti tertulis: /, "").trim();
}

let mouPath = "";

test.describe.serial("in-person signing", () => {
  test("without JavaScript: a Dinas officer attests that the chair is here; he signs on her phone", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
    const dinas = await context.newPage();
    await logIn(dinas, "dinas@bermitra.id");
    await dinas.goto("/mou?status=IN_REVIEW");
    await dinas.locator('[data-testid^="mou-row-"]', { hasText: "KUBE Sido Rukun" }).getByRole("link").first().click();
    mouPath = new URL(dinas.url()).pathname;
    await dinas.getByRole("button", { name: "Setujui dan kirim untuk tanda tangan" }).click();
    await expect(dinas.getByText("MoU dikirim untuk ditandatangani.", { exact: false })).toBeVisible();

    await dinas.getByTestId("assisted-link").click();
    await expect(dinas).toHaveURL(`${mouPath}/assisted`);
    await expect(dinas.getByRole("heading", { level: 1 })).toContainText("Tanda tangan didampingi");
    await expect(dinas.getByTestId("assisted-method")).toContainText("+62 857-****-9851");
    await dinas.getByTestId("choose-attest").click();
    const name = await typedName(dinas);
    await dinas.getByLabel(/Saya menyatakan bahwa/).check();
    await dinas.getByLabel("Kata sandi Anda (petugas)").fill("bukan-kata-sandinya");
    await dinas.getByLabel("Nama lengkap penanda tangan (ia ketik sendiri)").fill(name);
    await dinas.getByLabel(/telah membaca atau mendengar/).check();
    await dinas.getByTestId("assisted-sign-submit").click();
    // A wrong password: the summary is in view, the message next to the field, nothing signed.
    await expect(dinas.getByTestId("error-summary")).toBeInViewport();
    await expect(dinas.locator("#f-officerPassword-error")).toHaveText("Kata sandi Anda salah.");
    expect(chairSigner(mouPath.split("/")[2]!).status).toBe("NOTIFIED");

    await dinas.getByLabel(/Saya menyatakan bahwa/).check();
    await dinas.getByLabel("Kata sandi Anda (petugas)").fill("bermitra-demo");
    await dinas.getByLabel("Nama lengkap penanda tangan (ia ketik sendiri)").fill(name);
    await dinas.getByLabel(/telah membaca atau mendengar/).check();
    await dinas.getByTestId("assisted-sign-submit").click();
    await expect(dinas.getByText("Tanda tangan tercatat dengan Anda sebagai saksi.", { exact: false })).toBeVisible();
    const row = chairSigner(mouPath.split("/")[2]!);
    expect(row).toMatchObject({ status: "SIGNED", assistedMethod: "ATTESTED" });
    expect(row.witnessName).toBeTruthy();
    expect(await dinas.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });

  test("with JavaScript: the facilitator sends a one-time code to the chair's phone; he signs with it", async ({ browser }) => {
    // Dinas withdraws the MoU and sends it again: a new version, the chair's turn again.
    const dinasContext = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const dinas = await dinasContext.newPage();
    await logIn(dinas, "dinas@bermitra.id");
    await dinas.goto(mouPath);
    await dinas.getByLabel("Alasan menarik dari penandatanganan").fill("Uji penandatanganan dengan kode");
    await dinas.getByRole("button", { name: "Tarik untuk diperbaiki" }).click();
    await dinas.getByRole("button", { name: "Ajukan untuk diperiksa" }).click();
    await dinas.getByRole("button", { name: "Setujui dan kirim untuk tanda tangan" }).click();
    await expect(dinas.getByText("MoU dikirim untuk ditandatangani.", { exact: false })).toBeVisible();
    await dinasContext.close();

    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await logIn(page, "pendamping3@bermitra.id");
    await page.goto(mouPath);
    await page.getByTestId("assisted-link").click();
    const before = await phoneSnapshot();
    await page.getByTestId("send-code").click();
    await expect(page.getByText("Kode sudah dikirim ke +62 857-****-9851", { exact: false })).toBeVisible();
    const [, code] = await waitForText(CHAIR_PHONE, /\b(\d{6})\b/, before);
    const name = await typedName(page);
    await page.getByLabel("Kode 6 angka yang ia terima").fill(code === "000000" ? "111111" : "000000");
    await page.getByLabel("Nama lengkap penanda tangan (ia ketik sendiri)").fill(name);
    await page.getByLabel(/telah membaca atau mendengar/).check();
    await page.getByTestId("assisted-sign-submit").click();
    await expect(page.getByTestId("error-summary")).toBeInViewport();
    await expect(page.locator("#f-code-error")).toBeVisible();
    await page.getByLabel("Kode 6 angka yang ia terima").fill(code!);
    await page.getByLabel("Nama lengkap penanda tangan (ia ketik sendiri)").fill(name);
    if (!(await page.getByLabel(/telah membaca atau mendengar/).isChecked())) await page.getByLabel(/telah membaca atau mendengar/).check();
    await page.getByTestId("assisted-sign-submit").click();
    await expect(page.getByText("Tanda tangan tercatat dengan Anda sebagai saksi.", { exact: false })).toBeVisible();
    const row = chairSigner(mouPath.split("/")[2]!);
    expect(row).toMatchObject({ status: "SIGNED", assistedMethod: "CODE" });
    expect(row.versionNumber).toBeGreaterThan(1);
    await context.close();
  });
});
