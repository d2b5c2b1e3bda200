import { expect, test } from "@playwright/test";
import { logIn, logOut, mailboxSnapshot, waitForMail } from "./helpers";

test.describe("foundation", () => {
  const homes = [
    { email: "admin@bermitra.id", path: "/admin", title: "Konsol admin" },
    { email: "dinas@bermitra.id", path: "/dinas", title: "Pemantauan Dinas Sosial" },
    { email: "pendamping@bermitra.id", path: "/facilitator", title: "Halo, Dewi Anggraini" },
    { email: "kelompok@bermitra.id", path: "/group", title: "Halo, Siti Aminah" },
    { email: "mitra@bermitra.id", path: "/partner", title: "Halo, Hendra Wijaya" },
  ];
  for (const home of homes) {
    test(`${home.email} lands on the role's home`, async ({ page }) => {
      await logIn(page, home.email);
      await expect(page).toHaveURL(home.path);
      await expect(page.getByTestId("home-title")).toHaveText(home.title);
      if (home.path === "/group" || home.path === "/partner") {
        await expect(page.getByTestId("task-list")).toContainText(home.path === "/group" ? "Pesanan" : "Penawaran kelompok");
      }
      await logOut(page);
    });
  }

  test("switches the language to English and back, without JavaScript too", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Produk kelompok perempuan");
    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Products of women's groups");
    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
    await context.close();
  });

  test("with JavaScript the switch shows English at once and keeps it on the next page, no reload", async ({ page }) => {
    // Public pages are served without client scripts (decision 128): a signed-in page runs in React.
    await logIn(page, "mitra@bermitra.id");
    await expect(page).toHaveURL("/partner");
    await page.waitForFunction(() => "__remixRouter" in window); // hydrated
    // A full page load would clear this marker: the switch must work in place.
    await page.evaluate(() => ((window as unknown as { stayedOnPage: boolean }).stayedOnPage = true));
    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("link", { name: "Catalogue" }).first()).toBeVisible();
    await page.getByRole("link", { name: "Catalogue" }).first().click();
    await expect(page).toHaveURL(/\/products/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Product catalogue");
    expect(await page.evaluate(() => (window as unknown as { stayedOnPage?: boolean }).stayedOnPage)).toBe(true);
    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Katalog produk");
    expect(await page.evaluate(() => (window as unknown as { stayedOnPage?: boolean }).stayedOnPage)).toBe(true);
  });

  test("public pages come without client scripts, signed-in pages with them (decision 128)", async ({ page, request }) => {
    for (const path of ["/", "/products", "/products?q=kopy", "/login", "/signup", "/forgot-password", "/mou/verify", "/g/kpm-melati-sisir", "/halaman-yang-tidak-ada"]) {
      const html = await (await request.get(path)).text();
      expect(html, path).not.toMatch(/<script[^>]*\bsrc=|modulepreload|__remixContext/);
      expect(html, path).toContain("data-live-search"); // only the inline enhancement script
    }
    await logIn(page, "kelompok@bermitra.id");
    const signedIn = await (await page.request.get("/orders")).text();
    expect(signedIn).toMatch(/<script[^>]*type="module"|modulepreload/);
    expect(signedIn).toContain("__remixContext");
  });

  test("shows a proper 404 page", async ({ page }) => {
    const response = await page.goto("/halaman-yang-tidak-ada");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Halaman tidak ditemukan" })).toBeVisible();
  });

  test("a partner signs up, Dinas verifies it, the partner sees it is verified", async ({ page }) => {
    const email = `restoran-${Date.now()}@contoh.id`;
    await page.goto("/signup?as=partner");
    await page.getByLabel("Nama lengkap").fill("Agus Santoso");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Kata sandi").fill("rahasia-123");
    // Bad input first: the message appears next to the field and typed values stay.
    await page.getByLabel("Nama badan usaha").fill("CV Rasa Apel Batu");
    await page.getByLabel("NIB").fill("12345");
    await page.getByRole("button", { name: "Daftar" }).click();
    await expect(page.locator("#f-nib-error")).toHaveText("NIB terdiri dari 13 angka.");
    await expect(page.getByLabel("Nama badan usaha")).toHaveValue("CV Rasa Apel Batu");
    await page.getByLabel("Kata sandi").fill("rahasia-123");
    await page.getByLabel("NIB").fill("9120001234567");
    await page.getByLabel("Nama usaha (tampilan)").fill("Restoran Rasa Apel");
    await page.getByLabel("Sektor").selectOption("RESTAURANT");
    await page.getByLabel("Kota (Dinas Sosial)").selectOption({ label: "Dinas Sosial Kota Batu" });
    await page.getByLabel("Alamat usaha").fill("Jl. Sultan Agung 12, Batu");
    await page.getByRole("button", { name: "Daftar" }).click();
    // The same answer for a new or a taken address (no account enumeration): check your email, then log in.
    await expect(page).toHaveURL(/\/login\?signedUp=1(#.*)?$/);
    await expect(page.getByText("Pendaftaran diterima.")).toBeVisible();
    await logIn(page, email, "rahasia-123");
    await expect(page).toHaveURL("/partner");
    await expect(page.getByTestId("partner-verification")).toHaveText("Menunggu verifikasi");
    await logOut(page);

    await logIn(page, "dinas@bermitra.id");
    await page.goto("/dinas/verification");
    const card = page.locator("li", { hasText: "Restoran Rasa Apel" });
    await card.getByRole("button", { name: "Verifikasi" }).click();
    // binding: a second look first (decision 115)
    await expect(page.getByTestId("confirm-panel")).toContainText("Restoran Rasa Apel");
    await page.getByTestId("confirm-yes").click();
    await expect(page.getByText("Pendaftaran diverifikasi.")).toBeVisible();
    await expect(page.locator("li", { hasText: "Restoran Rasa Apel" })).toHaveCount(0);
    await logOut(page);

    await logIn(page, email, "rahasia-123");
    await expect(page.getByTestId("partner-verification")).toHaveText("Terverifikasi");
    await page.goto("/notifications");
    await expect(page.getByText("Restoran Rasa Apel sudah diverifikasi")).toBeVisible();
  });

  test("a facilitator edits an assigned group's profile and the audit log names both", async ({ page }) => {
    await logIn(page, "pendamping@bermitra.id");
    await page.locator("li", { hasText: "KPM Melati Sisir" }).getByRole("link", { name: "Ubah profil (mode pendampingan)" }).click();
    await expect(page).toHaveURL(/\/groups\/[^/]+\/edit$/);
    await expect(page.getByTestId("assisted-mode")).toContainText("KPM Melati Sisir");
    await page.getByLabel("Cerita kelompok").fill("Sejak 2015 kami membuat kue basah untuk hotel di Batu. Pesanan harian kini 150 kue.");
    await page.getByRole("button", { name: "Simpan" }).click();
    await expect(page.getByText("Perubahan tersimpan.")).toBeVisible();
    const entry = page.getByTestId("audit-list").locator("li").first();
    await expect(entry).toContainText("Profil kelompok diubah");
    await expect(entry).toContainText("oleh Dewi Anggraini atas nama KPM Melati Sisir");
  });

  test("a password reset link arrives in the outbox and works", async ({ page }) => {
    const before = await mailboxSnapshot();
    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill("kadinas@bermitra.id");
    await page.getByRole("button", { name: "Kirim tautan" }).click();
    await expect(page.getByText(/tautan sudah dikirim/)).toBeVisible();
    const link = (await waitForMail("kadinas@bermitra.id", /http:\/\/localhost:\d+(\/reset-password\/[A-Za-z0-9_-]+)/, before))[1]!;
    // The admin outbox lists the message, with the link redacted.
    await logIn(page, "admin@bermitra.id");
    await page.goto("/admin/emails?to=kadinas@bermitra.id");
    await page.getByText("[Bermitra] Buat kata sandi baru").first().click();
    const shown = await page.locator("pre").first().innerText();
    expect(shown).toContain("/reset-password/[•••]");
    expect(shown).not.toContain(link);
    await logOut(page);
    await page.goto(link);
    await page.getByLabel("Kata sandi baru").fill("sandi-baru-2026");
    await page.getByLabel("Ulangi kata sandi").fill("sandi-baru-2026");
    await page.getByRole("button", { name: "Simpan kata sandi" }).click();
    await expect(page).toHaveURL(/\/login/);
    await logIn(page, "kadinas@bermitra.id", "sandi-baru-2026");
    await expect(page).toHaveURL("/dinas");
  });
});
