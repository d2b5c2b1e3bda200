import { expect, test, type Browser } from "@playwright/test";
import { logIn, signedInPage } from "./helpers";

/** yyyy-mm-dd in WIB, `days` from today. */
function day(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const as = signedInPage;

const TITLE = `Kue basah harian sarapan ${Date.now()}`;
const DAHLIA = "KPM Dahlia Songgokerto";
const FLAMBOYAN = "KPM Flamboyan Temas";
const KAMBOJA = "KPM Kamboja Tulungrejo";

async function offer(browser: Browser, email: string, price: string, quantity: string) {
  const page = await as(browser, email);
  await page.goto("/group/demands");
  await page.getByRole("link", { name: TITLE }).click();
  await page.getByLabel("Harga per satuan (Rp)").fill(price);
  await page.getByLabel("Sanggup per pengiriman").fill(quantity);
  await page.getByLabel("Catatan").fill("Dikirim sebelum pukul 06.00.");
  await page.getByRole("button", { name: "Kirim penawaran" }).click();
  await expect(page.getByText("Penawaran terkirim.")).toBeVisible();
  await expect(page.getByTestId("my-offer").getByTestId("offer-status")).toHaveText("Terkirim");
  return page;
}

test.describe("demand board", () => {
  test("a hotel's daily demand for 300 wet cakes is split between two groups after Dinas invites a third", async ({ browser }) => {
    // The hotel posts the demand; bad input first: messages next to the fields, values kept.
    const hotel = await as(browser, "mitra@bermitra.id");
    await hotel.goto("/partner/demands");
    await hotel.getByRole("link", { name: "Pasang kebutuhan" }).click();
    await hotel.getByLabel("Judul kebutuhan").fill(TITLE);
    await hotel.getByLabel("Kategori", { exact: true }).selectOption({ label: "Kue Basah" });
    await hotel.getByLabel("Spesifikasi").fill("Lemper, nagasari dan kue lumpur untuk sarapan prasmanan.");
    await hotel.getByLabel("Jumlah per pengiriman").fill("0");
    await hotel.getByLabel("Frekuensi").selectOption("DAILY");
    await hotel.getByLabel("Kecamatan pengiriman").selectOption({ label: "Batu" });
    await hotel.getByLabel("Batas penawaran").fill(day(3));
    await hotel.getByLabel("Tanggal mulai").fill(day(7));
    await hotel.getByLabel("Tanggal selesai").fill(day(5));
    await hotel.getByRole("button", { name: "Simpan dan terbitkan" }).click();
    await expect(hotel.locator(".field-error", { hasText: "Minimal 1." })).toBeVisible();
    await expect(hotel.locator(".field-error", { hasText: "Tanggal selesai harus setelah tanggal mulai." })).toBeVisible();
    await expect(hotel.getByLabel("Judul kebutuhan")).toHaveValue(TITLE);
    await hotel.getByLabel("Jumlah per pengiriman").fill("300");
    await hotel.getByLabel("Tanggal selesai").fill(day(97));
    await hotel.getByLabel("Harga terendah per satuan (Rp)").fill("2000");
    await hotel.getByLabel("Harga tertinggi per satuan (Rp)").fill("3000");
    await hotel.getByRole("button", { name: "Simpan dan terbitkan" }).click();
    await expect(hotel.getByRole("heading", { name: TITLE })).toBeVisible();
    await expect(hotel.getByTestId("demand-status")).toHaveText("Terbuka");
    const demandUrl = new URL(hotel.url()).pathname;
    const demandId = demandUrl.split("/").pop()!;

    // Two kue-basah groups offer.
    const dahlia = await offer(browser, "chair.kpm-dahlia-songgokerto@bermitra.id", "2500", "200");
    const flamboyan = await offer(browser, "chair.kpm-flamboyan-temas@bermitra.id", "2400", "150");

    // Dinas sees ranked suggestions with reasons and invites a third group.
    const dinas = await as(browser, "dinas@bermitra.id");
    await dinas.goto("/dinas/demands");
    await dinas.getByRole("link", { name: TITLE }).first().click();
    await expect(dinas).toHaveURL(`/dinas/demands/${demandId}`);
    const candidates = dinas.getByTestId("candidate");
    await expect(candidates.first()).toContainText("Cocok kategori");
    const kamboja = dinas.locator(`[data-testid="candidate"][data-group="${KAMBOJA}"]`);
    await expect(kamboja).toContainText("Beban saat ini");
    await expect(dinas.locator(`[data-testid="candidate"][data-group="${DAHLIA}"]`)).toContainText("Sudah menawar");
    await kamboja.getByRole("button", { name: "Undang menawar" }).click();
    await expect(dinas.getByText("Kelompok diundang dan sudah diberi tahu.")).toBeVisible();
    await expect(dinas.locator(`[data-testid="candidate"][data-group="${KAMBOJA}"]`)).toContainText("Sudah diundang");

    // The invited group sees the invitation first in its feed.
    const invited = await as(browser, "chair.kpm-kamboja-tulungrejo@bermitra.id");
    await invited.goto("/group/demands");
    await expect(invited.getByTestId("feed-demand").first()).toContainText(TITLE);
    await expect(invited.getByTestId("feed-demand").first()).toContainText("Diundang Dinas");

    // The hotel compares the offers side by side and accepts a split.
    await hotel.goto(demandUrl);
    await expect(hotel.getByTestId("offer-card")).toHaveCount(2);
    await expect(hotel.locator(`[data-testid="offer-card"][data-group="${DAHLIA}"]`)).toContainText("Rp 2.500");
    await expect(hotel.locator(`[data-testid="offer-card"][data-group="${FLAMBOYAN}"]`)).toContainText("Rp 2.400");
    await expect(hotel.getByTestId("offer-split")).toHaveText(`Tidak ada satu penawaran yang cukup sendiri. Saran pembagian (termurah dulu): ${FLAMBOYAN} 150, ${DAHLIA} 150.`);
    await hotel.getByLabel(new RegExp(`^${DAHLIA}`)).fill("180");
    await hotel.getByLabel(new RegExp(`^${FLAMBOYAN}`)).fill("120");
    await hotel.getByRole("button", { name: "Terima penawaran" }).click();
    // binding: a second look with the totals per group and in all (decision 115)
    await expect(hotel.getByTestId("accept-confirm-total")).toHaveText("Rp 738.000");
    await hotel.getByTestId("confirm-yes").click();
    await expect(hotel.getByText("Penawaran diterima.")).toBeVisible();
    await expect(hotel.getByText("2 draf MoU dibuat (satu per kelompok) untuk ditinjau Dinas Sosial.")).toBeVisible();
    await expect(hotel.getByTestId("demand-status")).toHaveText("Diberikan");
    const results = hotel.getByTestId("demand-results");
    await expect(results.getByRole("link")).toHaveCount(2);
    await expect(results).toContainText(DAHLIA);
    await expect(results).toContainText(FLAMBOYAN);

    // Both groups see the result.
    await dahlia.reload();
    await expect(dahlia.getByTestId("my-offer").getByTestId("offer-status")).toHaveText("Diterima");
    await expect(dahlia.getByTestId("accepted-quantity")).toHaveText("Diterima untuk 180 per pengiriman.");
    await flamboyan.reload();
    await expect(flamboyan.getByTestId("accepted-quantity")).toHaveText("Diterima untuk 120 per pengiriman.");
    await dahlia.goto("/group/demands");
    await expect(dahlia.getByTestId("offer-history").filter({ hasText: TITLE })).toContainText("Diterima");
    await flamboyan.goto("/notifications");
    await expect(flamboyan.getByText(`Penawaran diterima: ${TITLE}`).first()).toBeVisible();
  });

  test("a draft is edited (values kept on bad input) and published, without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const hotel = await context.newPage();
    await logIn(hotel, "mitra@bermitra.id");
    await hotel.goto("/partner/demands");
    await hotel.getByRole("link", { name: "Kue kering untuk parsel Natal tamu" }).click();
    await expect(hotel.getByTestId("demand-status")).toHaveText("Draf");
    await hotel.getByRole("link", { name: "Ubah" }).click();
    await hotel.getByLabel("Jumlah per pengiriman").fill("150");
    await hotel.getByLabel("Batas penawaran").fill(day(30));
    await hotel.getByRole("button", { name: "Simpan", exact: true }).click();
    await expect(hotel.locator(".field-error", { hasText: "Batas penawaran harus sebelum tanggal mulai." })).toBeVisible();
    await expect(hotel.getByLabel("Jumlah per pengiriman")).toHaveValue("150");
    await hotel.getByLabel("Batas penawaran").fill(day(10));
    await hotel.getByRole("button", { name: "Simpan", exact: true }).click();
    await expect(hotel.getByText("Tersimpan.")).toBeVisible();
    await expect(hotel.getByText("150 kotak, sekali kirim")).toBeVisible();
    await hotel.getByRole("button", { name: "Terbitkan" }).click();
    await expect(hotel.getByTestId("demand-status")).toHaveText("Terbuka");
    await context.close();
  });

  test("Dinas sees the demand nobody answered", async ({ browser }) => {
    const dinas = await as(browser, "dinas@bermitra.id");
    await dinas.goto("/dinas/demands");
    await expect(dinas.getByTestId("stale-demands")).toContainText("Telur asin untuk menu rombongan wisata");
  });
});
