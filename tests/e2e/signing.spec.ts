import { expect, test, type Page } from "@playwright/test";
import { ENHANCE_SCRIPT } from "../../app/components/enhance-script.server";
import { signedInPage } from "./helpers";

/**
 * Signing on a phone (issue 13 item 9), at 360 × 780: the seeded laundry MoU of KUBE Sumber Rejeki waits for
 * the hotel's signature. The page leads with what each side promises, folds the full text, keeps a way to
 * the sign panel on screen, and offers "Dengarkan" only where the browser can speak Indonesian.
 */
test.use({ viewport: { width: 360, height: 780 } });

async function openSeededSigning(page: Page) {
  await page.goto("/mou?status=OUT_FOR_SIGNATURE");
  const row = page.locator('[data-testid^="mou-row-"]', { hasText: "KUBE Sumber Rejeki" }).first();
  const href = await row.getByRole("link").first().getAttribute("href");
  await page.goto(`${href}/sign`);
}

test.describe("summary-first signing", () => {
  test("the summary comes first, the full text is folded and the sign panel stays reachable", async ({ browser }) => {
    const page = await signedInPage(browser, "mitra@bermitra.id");
    await page.setViewportSize({ width: 360, height: 780 });
    await openSeededSigning(page);
    const summary = page.getByTestId("mou-summary");
    await expect(summary).toBeInViewport();
    await expect(summary.getByTestId("summary-group")).toContainText("KUBE Sumber Rejeki Sumberejo berjanji");
    await expect(summary.getByTestId("summary-group")).toContainText("Mengirim 60 kg Cuci dan setrika linen kamar");
    await expect(summary.getByTestId("summary-group")).toContainText("harga Rp 7.000 per kg (Rp 420.000 per pengiriman)");
    await expect(summary.getByTestId("summary-group")).toContainText("Hari pengiriman: Senin, Rabu, Jumat");
    await expect(summary.getByTestId("summary-partner")).toContainText("Memberi 3 sesi pembinaan “Standar laundry linen hotel” (bulanan)");
    await expect(summary.getByTestId("summary-partner")).toContainText(/Membayar/);
    await expect(summary.getByTestId("summary-period")).toContainText(/^Berlaku dari \d\d\/\d\d\/\d{4} sampai \d\d\/\d\d\/\d{4}\.$/);
    // The full text is there but folded.
    await expect(page.getByTestId("mou-document")).toBeHidden();
    await page.getByText("Teks lengkap nota kesepahaman").click();
    await expect(page.getByTestId("mou-document")).toBeVisible();
    // Wherever the reader is in the text, the way to the sign panel is on screen.
    await page.getByTestId("mou-document").getByText("Penyelesaian Perselisihan").scrollIntoViewIfNeeded();
    const bar = page.getByTestId("sign-bar");
    await expect(bar).toBeInViewport();
    const box = (await bar.boundingBox())!;
    expect(box.y + box.height).toBeGreaterThan(700);
    await bar.getByRole("link", { name: "Ke bagian tanda tangan" }).click();
    await expect(page.getByTestId("sign-submit")).toBeInViewport();
    // Headless Chromium has no speech voices: no "Dengarkan" button.
    await expect(page.getByTestId("listen")).toHaveCount(0);
    // Nothing is cut off at 360 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });

  test("Dengarkan reads the summary aloud in an Indonesian voice where the browser has one", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    // A browser with speech synthesis: a stand-in of the Web Speech API (Chromium here has no voices), which
    // records what it was asked to say.
    await context.addInitScript(() => {
      const spoken: { text: string; lang: string; voice: string | null }[] = [];
      (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
      class Utterance {
        text: string;
        lang = "";
        voice: { name: string } | null = null;
        rate = 1;
        onend: (() => void) | null = null;
        onerror: (() => void) | null = null;
        constructor(text: string) {
          this.text = text;
        }
      }
      const voices = [
        { name: "Google US English", lang: "en-US", default: true, localService: true, voiceURI: "en" },
        { name: "Google Bahasa Indonesia", lang: "id-ID", default: false, localService: true, voiceURI: "id" },
      ];
      Object.defineProperty(window, "SpeechSynthesisUtterance", { value: Utterance });
      Object.defineProperty(window, "speechSynthesis", {
        value: {
          getVoices: () => voices,
          speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name ?? null }),
          cancel: () => undefined,
          addEventListener: () => undefined,
          removeEventListener: () => undefined,
        },
      });
    });
    const page = await context.newPage();
    const { logIn } = await import("./helpers");
    await logIn(page, "mitra@bermitra.id");
    await openSeededSigning(page);
    const listen = page.getByTestId("listen");
    await expect(listen).toHaveText("Dengarkan ringkasan");
    await listen.click();
    await expect(listen).toHaveText("Berhenti membacakan");
    const spoken = await page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string; voice: string | null }[] }).__spoken);
    expect(spoken).toHaveLength(1);
    expect(spoken[0]!.lang).toBe("id-ID");
    expect(spoken[0]!.voice).toBe("Google Bahasa Indonesia");
    expect(spoken[0]!.text).toContain("Mengirim 60 kg Cuci dan setrika linen kamar");
    expect(spoken[0]!.text).toContain("Standar laundry linen hotel");
    await context.close();
  });

  test("without JavaScript the summary, the folded text and the panel work", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    const { logIn } = await import("./helpers");
    await logIn(page, "mitra@bermitra.id");
    await openSeededSigning(page);
    await expect(page.getByTestId("mou-summary")).toContainText("Mengirim 60 kg");
    await expect(page.getByTestId("listen")).toHaveCount(0);
    await expect(page.getByTestId("mou-document")).toBeHidden();
    await page.getByText("Teks lengkap nota kesepahaman").click();
    await expect(page.getByTestId("mou-document")).toBeVisible();
    await expect(page.getByTestId("sign-bar")).toBeInViewport();
    await context.close();
  });

  test("on the emailed link's page (no client scripts) the inline script adds Dengarkan where a voice exists", async ({ browser }) => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      const spoken: { text: string; lang: string; voice: string | null }[] = [];
      (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
      class Utterance {
        text: string;
        lang = "";
        voice: { name: string } | null = null;
        rate = 1;
        onend: (() => void) | null = null;
        onerror: (() => void) | null = null;
        constructor(text: string) {
          this.text = text;
        }
      }
      const voices = [{ name: "Google Bahasa Indonesia", lang: "id-ID" }];
      Object.defineProperty(window, "SpeechSynthesisUtterance", { value: Utterance });
      Object.defineProperty(window, "speechSynthesis", {
        value: { getVoices: () => voices, speak: (u: Utterance) => spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name ?? null }), cancel: () => undefined },
      });
    });
    const page = await context.newPage();
    // the markup SigningLayout renders with inlineListen (app/mou/summary.tsx) and the real inline script
    const html = (lang: string) =>
      `<div id="mou-summary">Mengirim 60 kg linen</div><span data-listen-for="mou-summary" data-lang="${lang}" data-listen="Dengarkan ringkasan" data-stop="Berhenti membacakan"></span><script>${ENHANCE_SCRIPT}</script>`;
    await page.setContent(html("id"));
    const listen = page.getByTestId("listen");
    await expect(listen).toHaveText("Dengarkan ringkasan");
    await listen.click();
    await expect(listen).toHaveText("Berhenti membacakan");
    await expect(listen).toHaveAttribute("aria-pressed", "true");
    const spoken = await page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string; voice: string | null }[] }).__spoken);
    expect(spoken).toEqual([{ text: "Mengirim 60 kg linen", lang: "id-ID", voice: "Google Bahasa Indonesia" }]);
    await listen.click();
    await expect(listen).toHaveText("Dengarkan ringkasan");
    // no voice for the page's language: no button
    await page.setContent(html("en"));
    await expect(page.getByTestId("listen")).toHaveCount(0);
    await context.close();
  });
});
