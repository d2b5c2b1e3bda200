import { readFile, writeFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { mailboxSnapshot, signedInPage, waitForMail } from "./helpers";

/** yyyy-mm-dd in WIB, `days` from today. */
function day(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const as = signedInPage;

const TITLE = `Kue basah sarapan MoU ${Date.now()}`;
const DAHLIA = "KPM Dahlia Songgokerto";
const FLAMBOYAN = "KPM Flamboyan Temas";

async function offer(browser: Browser, email: string, price: string, quantity: string) {
  const page = await as(browser, email);
  await page.goto("/group/demands");
  await page.getByRole("link", { name: TITLE }).click();
  await page.getByLabel("Harga per satuan (Rp)").fill(price);
  await page.getByLabel("Sanggup per pengiriman").fill(quantity);
  await page.getByRole("button", { name: "Kirim penawaran" }).click();
  await expect(page.getByText("Penawaran terkirim.")).toBeVisible();
  await page.context().close();
}

/** Signs the MoU as the signed-in signer whose turn it is; draws on the canvas unless `typedOnly`. */
async function sign(page: Page, mouPath: string, typedOnly = false) {
  await page.goto(mouPath);
  await page.getByTestId("sign-link").click();
  await expect(page.getByTestId("mou-summary")).toBeVisible();
  const hint = await page.getByText(/^Persis seperti tertulis: /).textContent();
  const name = hint!.replace(/^Persis seperti tertulis: /, "").trim();
  await page.getByLabel(/Kata sandi akun Anda/).fill("bermitra-demo");
  await page.getByLabel("Ketik nama lengkap Anda").fill(name);
  if (!typedOnly) {
    const canvas = page.getByTestId("signature-canvas");
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + box.height / 2 + (i % 2 ? -20 : 20));
    await page.mouse.up();
    await expect(page.getByText("Tanda tangan tergambar.")).toBeVisible();
  }
  await page.getByRole("checkbox").check();
  await page.getByTestId("sign-submit").click();
  await expect(page).toHaveURL(new RegExp(`${mouPath}\\?signed=1`));
}

async function signAll(browser: Browser, mouPath: string) {
  const chair = await as(browser, "chair.kpm-dahlia-songgokerto@bermitra.id");
  await sign(chair, mouPath);
  await expect(chair.getByText("Tanda tangan Anda tercatat. Terima kasih.")).toBeVisible();
  await chair.context().close();
  const partner = await as(browser, "mitra@bermitra.id");
  await sign(partner, mouPath, true);
  await partner.context().close();
  // The Dinas countersigns with the head of division named in the MoU (dinas@), see the edit step.
  const dinasSigner = await as(browser, "dinas@bermitra.id");
  await sign(dinasSigner, mouPath);
  await expect(dinasSigner.getByText("Semua pihak sudah menandatangani. MoU berlaku dan PDF bersegel tersedia.")).toBeVisible();
  return dinasSigner;
}

test.describe("digital MoU", () => {
  test("seeded partnerships: eight active MoUs with sealed PDFs, one waiting for the hotel's signature", async ({ browser }) => {
    const dinas = await as(browser, "dinas@bermitra.id");
    await dinas.goto("/mou?status=ACTIVE");
    // the eight seeded partnerships (other specs sharing this database may add more)
    for (const group of ["KPM Melati Sisir", "KPM Kemuning Sidomulyo", "KPM Mawar Temas", "KPM Anggrek Oro-Oro Ombo", "KPM Krisan Punten", "KPM Teratai Pesanggrahan", "KPM Flamboyan Temas", "KPM Cempaka Ngaglik"]) {
      await expect(dinas.locator('[data-testid^="mou-row-"]', { hasText: group }).first()).toBeVisible();
    }
    await dinas.locator('[data-testid^="mou-row-"]', { hasText: "KPM Melati Sisir" }).filter({ hasText: "DINSOS-BATU" }).first().getByRole("link").first().click();
    await expect(dinas.getByTestId("mou-coaching")).toContainText("Standar kue basah hotel");
    await expect(dinas.getByTestId("download-pdf")).toBeVisible();
    const code = (await dinas.getByTestId("verification-code").textContent())!.trim();
    await dinas.goto(`/mou/verify?code=${code}`);
    await expect(dinas.getByTestId("verify-result")).toHaveAttribute("data-authentic", "true");
    const hotel = await as(browser, "mitra@bermitra.id");
    await hotel.goto("/mou?status=OUT_FOR_SIGNATURE");
    await hotel.locator('[data-testid^="mou-row-"]', { hasText: "KUBE Sumber Rejeki Sumberejo" }).first().getByRole("link").first().click();
    await expect(hotel.getByTestId("sign-link")).toBeVisible();
  });

  test("a split award becomes a three-party MoU: reviewed, signed in order, sealed, verified publicly, amended", async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    // The hotel posts a daily demand; two groups offer; the hotel accepts a split (the demand board).
    const hotel = await as(browser, "mitra@bermitra.id");
    await hotel.goto("/partner/demands/new");
    await hotel.getByLabel("Judul kebutuhan").fill(TITLE);
    await hotel.getByLabel("Kategori", { exact: true }).selectOption({ label: "Kue Basah" });
    await hotel.getByLabel("Spesifikasi").fill("Lemper dan nagasari untuk sarapan prasmanan.");
    await hotel.getByLabel("Jumlah per pengiriman").fill("200");
    await hotel.getByLabel("Frekuensi").selectOption("DAILY");
    await hotel.getByLabel("Kecamatan pengiriman").selectOption({ label: "Batu" });
    await hotel.getByLabel("Batas penawaran").fill(day(3));
    await hotel.getByLabel("Tanggal mulai").fill(day(7));
    await hotel.getByLabel("Tanggal selesai").fill(day(372));
    await hotel.getByRole("button", { name: "Simpan dan terbitkan" }).click();
    await expect(hotel.getByRole("heading", { name: TITLE })).toBeVisible();
    const demandPath = new URL(hotel.url()).pathname;
    await offer(browser, "chair.kpm-dahlia-songgokerto@bermitra.id", "2500", "120");
    await offer(browser, "chair.kpm-flamboyan-temas@bermitra.id", "2400", "100");
    await hotel.goto(demandPath);
    await hotel.getByLabel(new RegExp(`^${DAHLIA}`)).fill("110");
    await hotel.getByLabel(new RegExp(`^${FLAMBOYAN}`)).fill("90");
    await hotel.getByRole("button", { name: "Terima penawaran" }).click();
    await hotel.getByTestId("confirm-yes").click(); // the second look (decision 115)
    await expect(hotel.getByText("2 draf MoU dibuat (satu per kelompok) untuk ditinjau Dinas Sosial.")).toBeVisible();
    await hotel.context().close();

    // Dinas finds the Dahlia draft, pre-filled from the demand and the accepted offer.
    const dinas = await as(browser, "dinas@bermitra.id");
    await dinas.goto("/mou?status=DRAFT");
    await dinas.locator('[data-testid^="mou-row-"]', { hasText: DAHLIA }).filter({ hasText: TITLE }).getByRole("link").first().click();
    // The draft names the parties and the product lines (the demand's title stays on the MoU list's row).
    await expect(dinas.getByTestId("mou-document")).toContainText(DAHLIA);
    const mouPath = new URL(dinas.url()).pathname;
    const doc = dinas.getByTestId("mou-document");
    await expect(doc).toContainText("110 buah × Rp 2.500 per pengiriman");
    await expect(doc).toContainText("Peraturan Wali Kota Batu Nomor 26 Tahun 2015");
    await expect(doc).toContainText("musyawarah");
    // A stranger (another group) cannot see it.
    const stranger = await as(browser, "chair.kpm-kamboja-tulungrejo@bermitra.id");
    const denied = await stranger.goto(mouPath);
    expect(denied!.status()).toBe(404);
    await stranger.context().close();

    await dinas.getByRole("link", { name: "Ubah isi" }).click();
    // Bad input: the message sits next to the field and typed values are kept.
    await dinas.getByLabel("Topik").nth(2).fill("Pelatihan dekorasi kue untuk prasmanan");
    await dinas.getByLabel("Jumlah sesi").nth(2).fill("2");
    await dinas.getByLabel("Sesi pertama paling lambat").nth(2).fill(day(60));
    await dinas.getByLabel("Jam per sesi").nth(2).fill("2");
    await dinas.getByLabel("Tanggal berakhir").fill(day(3));
    await dinas.getByTestId("save-mou").click();
    await expect(dinas.locator(".field-error", { hasText: "Tanggal berakhir harus setelah tanggal mulai." })).toBeVisible();
    await dinas.getByLabel("Tanggal berakhir").fill(day(371));
    await dinas.getByLabel("Nama penanda tangan").nth(1).fill("Rina Kusumawati");
    await dinas.getByLabel("Jabatan").nth(1).fill("Kepala Bidang Pemberdayaan Sosial");
    await dinas.getByLabel("Email penanda tangan (opsional)").nth(2).fill("dinas@bermitra.id");
    await dinas.getByTestId("save-mou").click();
    await expect(dinas.getByText("Perubahan disimpan.")).toBeVisible();
    await expect(dinas.getByTestId("mou-coaching")).toContainText("Pelatihan dekorasi kue untuk prasmanan");
    await dinas.getByRole("button", { name: "Ajukan untuk diperiksa" }).click();
    await expect(dinas.getByText("MoU diajukan untuk diperiksa.")).toBeVisible();
    await dinas.getByRole("button", { name: "Setujui dan kirim untuk tanda tangan" }).click();
    await expect(dinas.getByText("MoU dikirim untuk ditandatangani.", { exact: false })).toBeVisible();
    await expect(dinas.getByTestId("mou-signers")).toContainText("Menunggu giliran");

    // The partner cannot sign before the group chair.
    const early = await as(browser, "mitra@bermitra.id");
    await early.goto(mouPath);
    await expect(early.getByTestId("sign-link")).toHaveCount(0);
    await early.context().close();

    // Group chair (drawn), partner (typed only), then Kepala Dinas.
    const dinasSigner = await signAll(browser, mouPath);
    await expect(dinasSigner.getByTestId("mou-signers")).not.toContainText("Menunggu");
    const code = (await dinasSigner.getByTestId("verification-code").textContent())!.trim();
    expect(code).toMatch(/^BMT-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    // Download the sealed PDF and verify it publicly (logged out).
    const downloadPromise = dinasSigner.waitForEvent("download");
    await dinasSigner.getByTestId("download-pdf").click();
    const download = await downloadPromise;
    const pdfFile = testInfo.outputPath("mou.pdf");
    await download.saveAs(pdfFile);
    const bytes = await readFile(pdfFile);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");

    const publicContext = await browser.newContext();
    const visitor = await publicContext.newPage();
    await visitor.goto("/mou/verify");
    await visitor.locator('input[type="file"]').setInputFiles(pdfFile);
    await visitor.getByRole("button", { name: "Periksa PDF" }).click();
    await expect(visitor.getByTestId("verify-result")).toHaveAttribute("data-authentic", "true");
    await expect(visitor.getByTestId("verify-result")).toContainText(DAHLIA);
    await expect(visitor.getByTestId("verify-in-force")).toHaveText("Sedang berlaku.");
    // One changed byte: not authentic, and no error page.
    const tampered = Buffer.from(bytes);
    tampered[Math.floor(tampered.length / 3)] ^= 0x20;
    const tamperedFile = testInfo.outputPath("tampered.pdf");
    await writeFile(tamperedFile, tampered);
    await visitor.goto("/mou/verify");
    await visitor.locator('input[type="file"]').setInputFiles(tamperedFile);
    await visitor.getByRole("button", { name: "Periksa PDF" }).click();
    await expect(visitor.getByTestId("verify-result")).toHaveAttribute("data-authentic", "false");
    await visitor.goto(`/mou/verify?code=${code.toLowerCase()}`);
    await expect(visitor.getByTestId("verify-result")).toHaveAttribute("data-authentic", "true");
    await visitor.goto("/mou/verify?code=BMT-ZZZZ-ZZZZ");
    await expect(visitor.getByTestId("verify-result")).toHaveAttribute("data-authentic", "false");
    // The PDF itself is for the parties only.
    const anonymous = await visitor.goto(`${mouPath}/pdf?v=1`);
    expect(new URL(visitor.url()).pathname).toBe("/login");
    expect(anonymous!.ok()).toBe(true);

    // Amendment after activation: a new version through review and signature; the old one stays readable.
    await dinas.goto(mouPath);
    await expect(dinas.getByTestId("mou-actions")).toBeVisible();
    await dinas.getByLabel("Ringkasan perubahan (adendum)").fill("Jumlah harian naik menjadi 130 buah");
    await dinas.getByRole("button", { name: "Mulai perubahan" }).click();
    await expect(dinas).toHaveURL(`${mouPath}/edit`);
    await dinas.getByLabel("Jumlah per pengiriman").first().fill("130");
    await dinas.getByTestId("save-mou").click();
    await expect(dinas.getByText("Versi yang sudah ditandatangani tetap berlaku", { exact: false })).toBeVisible();
    await dinas.getByRole("button", { name: "Ajukan untuk diperiksa" }).click();
    await dinas.getByRole("button", { name: "Setujui dan kirim untuk tanda tangan" }).click();
    await expect(dinas.getByText("MoU dikirim untuk ditandatangani.", { exact: false })).toBeVisible();
    await dinasSigner.context().close();
    const dinasSigner2 = await signAll(browser, mouPath);
    await expect(dinasSigner2.getByTestId("mou-document")).toContainText("130 buah");
    await expect(dinasSigner2.getByRole("link", { name: "Versi 2" })).toBeVisible();
    const code2 = (await dinasSigner2.getByTestId("verification-code").textContent())!.trim();
    expect(code2).not.toBe(code);
    await dinasSigner2.goto(`${mouPath}?v=1`);
    await expect(dinasSigner2.getByTestId("mou-document")).toContainText("110 buah");
    await visitor.goto(`/mou/verify?code=${code}`);
    await expect(visitor.getByTestId("verify-in-force")).toHaveText("Versi ini sudah digantikan oleh perubahan yang lebih baru.");
    await publicContext.close();
  });


  test("a signatory without an account signs by the emailed one-time link with a code, without JavaScript", async ({ browser }) => {
    test.setTimeout(120_000);
    const email = `direktur.${Date.now()}@flamboyan.test`;
    const dinas = await as(browser, "dinas@bermitra.id");
    await dinas.goto("/dinas/mou/new");
    await dinas.getByLabel("Mitra").selectOption({ label: "Hotel Bukit Flamboyan" });
    await dinas.getByLabel("Kelompok").selectOption({ label: "KPM · KPM Kamboja Tulungrejo" });
    await dinas.getByRole("button", { name: "Buat draf" }).click();
    await expect(dinas).toHaveURL(/\/edit$/);
    const mouPath = new URL(dinas.url()).pathname.replace(/\/edit$/, "");
    await dinas.getByLabel("Email penanda tangan (opsional)").first().fill(email);
    await dinas.getByTestId("save-mou").click();
    await dinas.getByRole("button", { name: "Ajukan untuk diperiksa" }).click();
    await dinas.getByRole("button", { name: "Setujui dan kirim untuk tanda tangan" }).click();
    await expect(dinas.getByTestId("mou-signers")).toContainText("Diminta tanda tangan");

    const chair = await as(browser, "chair.kpm-kamboja-tulungrejo@bermitra.id");
    const beforeLink = await mailboxSnapshot();
    await sign(chair, mouPath, true);
    await chair.context().close();

    // The partner's signatory gets the link by email; the admin outbox shows it redacted.
    const link = new URL((await waitForMail(email, /https?:\/\/\S+\/sign\/[A-Za-z0-9_-]+/, beforeLink))[0]).pathname;
    const admin = await as(browser, "admin@bermitra.id");
    await admin.goto(`/admin/emails?to=${encodeURIComponent(email)}`);
    const shown = await admin.locator("pre").first().textContent();
    expect(shown).toContain("/sign/[•••]");
    expect(shown).not.toContain(link);

    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const signer = await noJs.newPage();
    await signer.goto(link);
    await expect(signer.getByText("Nama lengkap yang Anda ketik akan menjadi tanda tangan Anda.")).toBeVisible();
    // served without client scripts (decision 135): no module script, the inline script's "listen" slot instead
    expect(await signer.locator('script[type="module"], link[rel="modulepreload"]').count()).toBe(0);
    await expect(signer.locator('[data-listen-for="mou-summary"][data-lang="id"]')).toHaveAttribute("data-listen", "Dengarkan ringkasan");
    const beforeCode = await mailboxSnapshot();
    await signer.getByRole("button", { name: "Kirim kode" }).click();
    await expect(signer.getByText(`Kode sudah dikirim ke ${email}`, { exact: false })).toBeVisible();
    const code = (await waitForMail(email, /Kode konfirmasi Anda[^\d]*(\d{6})/, beforeCode))[1]!;
    await admin.reload();
    expect(await admin.locator("pre", { hasText: "Kode konfirmasi Anda" }).first().textContent()).not.toContain(code);
    const hint = await signer.getByText(/^Persis seperti tertulis: /).textContent();
    const name = hint!.replace(/^Persis seperti tertulis: /, "").trim();

    await signer.getByLabel("Kode 6 angka").fill(code === "000000" ? "111111" : "000000");
    await signer.getByLabel("Ketik nama lengkap Anda").fill(name);
    await signer.getByRole("checkbox").check();
    await signer.getByRole("button", { name: "Tanda tangani" }).click();
    await expect(signer.locator(".field-error", { hasText: "Kode salah atau sudah kedaluwarsa." })).toBeVisible();
    await expect(signer.getByLabel("Ketik nama lengkap Anda")).toHaveValue(name);
    await signer.getByLabel("Kode 6 angka").fill(code);
    await signer.getByRole("checkbox").check();
    await signer.getByRole("button", { name: "Tanda tangani" }).click();
    await expect(signer.getByText("Tanda tangan Anda tercatat. Terima kasih.")).toBeVisible();
    // The link worked once.
    await signer.goto(link);
    await expect(signer.getByText("Tautan penandatanganan ini tidak berlaku", { exact: false })).toBeVisible();
    await noJs.close();

    await dinas.goto(mouPath);
    await expect(dinas.getByTestId("mou-signers")).toContainText(name);
    await expect(dinas.getByTestId("mou-signers").locator('[data-status="SIGNED"]')).toHaveCount(2);
  });

  test("an MoU ending within 30 days: Dinas sees the notice and starts a renewal pre-filled from it", async ({ browser }) => {
    const dinas = await as(browser, "dinas@bermitra.id");
    await dinas.goto("/mou?status=ACTIVE");
    await dinas.locator('[data-testid^="mou-row-"]', { hasText: "Museum Angkutan Nusantara" }).filter({ hasText: "DINSOS-BATU" }).first().getByRole("link").first().click();
    await expect(dinas.getByText("Dinas Sosial dapat memulai perpanjangan", { exact: false })).toBeVisible();
    const oldPath = new URL(dinas.url()).pathname;
    await dinas.getByRole("button", { name: "Mulai perpanjangan" }).click();
    await expect(dinas).toHaveURL(/\/mou\/[^/]+\/edit$/);
    expect(new URL(dinas.url()).pathname).not.toBe(`${oldPath}/edit`);
    await expect(dinas.getByLabel("Deskripsi").first()).toHaveValue("Kue kering dan roti manis untuk pojok oleh-oleh museum");
    await dinas.getByRole("link", { name: "← Kembali ke MoU" }).click();
    await expect(dinas.getByRole("link", { name: "Perpanjangan dari MoU sebelumnya" })).toBeVisible();
    await dinas.goto(oldPath);
    await expect(dinas.getByText("Diperpanjang dengan")).toBeVisible();
    await expect(dinas.getByRole("button", { name: "Mulai perpanjangan" })).toHaveCount(0);
  });
});
