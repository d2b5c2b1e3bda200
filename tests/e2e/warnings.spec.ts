import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { logIn } from "./helpers";
import { pdfPageTexts } from "../helpers/pdf-text";

/**
 * Early warnings, end to end against the seeded Kota Batu: from "mitra pasif" into the theme park's
 * evidence, back to mark the warning followed up (it leaves the open list, the filter shows it), and the
 * warnings CSV with its content, and the annual report PDF that lists the follow-up (read back with pdfjs).
 */
test("Dinas drills from 'mitra pasif' into the theme park's evidence, follows the warning up and downloads the CSV and the annual PDF", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 360, height: 800 });
  await logIn(page, "dinas@bermitra.id");
  await page.goto("/dinas/monitoring");
  await page.getByTestId("monitoring-links").getByRole("link", { name: "Peringatan dini" }).click();
  await expect(page.getByRole("heading", { name: "Peringatan dini" })).toBeVisible();

  await page.getByTestId("tab-PASSIVE_PARTNER").click();
  await expect(page).toHaveURL(/rule=PASSIVE_PARTNER/);
  const park = page.getByTestId("warning").filter({ hasText: "Taman Rekreasi Gunung Panderman" });
  await expect(park).toHaveCount(1);
  await expect(park).toContainText("Mitra pasif");

  // the evidence: the partner's page, with why it is passive
  await park.getByTestId("warning-evidence").click();
  await expect(page.getByTestId("evidence-title")).toHaveText("Taman Rekreasi Gunung Panderman");
  await expect(page.getByTestId("passive-evidence")).toContainText("Mitra pasif");
  await page.goBack();

  // follow up: an empty note is refused next to the field, then a note is saved
  await page.getByTestId("warning").filter({ hasText: "Taman Rekreasi Gunung Panderman" }).getByTestId("warning-follow-up-link").click();
  await expect(page.getByTestId("follow-up")).toContainText("Taman Rekreasi Gunung Panderman");
  await page.getByRole("button", { name: "Simpan tindak lanjut" }).click();
  await expect(page.locator("#f-note-error")).toBeVisible();
  await page.getByLabel("Catatan tindak lanjut").fill("Manajer taman rekreasi ditelepon; pelatihan budidaya dijadwalkan ulang.");
  await page.getByRole("button", { name: "Simpan tindak lanjut" }).click();
  await expect(page.getByText("Peringatan itu keluar dari daftar terbuka")).toBeVisible();
  await expect(page.getByTestId("warning").filter({ hasText: "Taman Rekreasi Gunung Panderman" }).filter({ hasText: "Mitra pasif" })).toHaveCount(0);

  // the filter shows the followed-up ones
  await page.getByLabel("Status").selectOption("followed");
  await page.getByRole("button", { name: "Tampilkan" }).click();
  const followed = page.getByTestId("warning").filter({ hasText: "Taman Rekreasi Gunung Panderman" });
  await expect(followed.getByTestId("warning-followed-up")).toContainText("pelatihan budidaya dijadwalkan ulang");

  // CSV of the followed-up list: BOM, ';', translated header, the theme park with its note
  const download = page.waitForEvent("download");
  await page.getByTestId("export-warnings").getByRole("link", { name: "CSV" }).click();
  const csv = readFileSync(await (await download).path());
  expect(csv.subarray(0, 3).toString("hex")).toBe("efbbbf");
  const lines = csv.toString("utf8").slice(1).trim().split("\r\n");
  expect(lines[0]).toBe("Jenis;Tentang;Bukti;Sejak;Status;Catatan tindak lanjut;Ditindaklanjuti;Oleh;Tautan bukti");
  const row = lines.find((l) => l.includes("Taman Rekreasi Gunung Panderman"));
  expect(row).toBeDefined();
  expect(row!.split(";").slice(0, 2)).toEqual(["Mitra pasif", "Taman Rekreasi Gunung Panderman"]);
  expect(row).toContain(`Sudah ditindaklanjuti;"Manajer taman rekreasi ditelepon`);
  expect(row).toMatch(/\/dinas\/partners\/\w+$/);

  // the annual report PDF (section 7) lists the follow-up with its note, beside the aid section (5)
  await page.goto("/dinas/reports");
  const pdfDownload = page.waitForEvent("download");
  await page.getByTestId("annual-form").getByRole("button", { name: "Unduh PDF" }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toContain("laporan-tahunan-2026.pdf");
  const bytes = readFileSync(await pdf.path());
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const text = (await pdfPageTexts(new Uint8Array(bytes))).join("\n").replace(/\s+/g, " ");
  expect(text).toContain("Laporan Tahunan Program Kemitraan 2026");
  expect(text).toContain("5. Bantuan program terhadap pendapatan kelompok");
  expect(text).toContain("Jumlah (53 kelompok)");
  expect(text).toContain("7. Peringatan dini yang ditindaklanjuti");
  expect(text).toMatch(/Mitra pasif 1 \d+/);
  expect(text).toMatch(/Taman Rekreasi Gunung .*Panderman/);
  expect(text).toMatch(/Manajer taman rekreasi .*ditelepon;/);
});
