import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { logIn } from "./helpers";

/**
 * Dinas monitoring, end to end against the seeded Kota Batu: the overview filtered to one kecamatan, a figure's
 * drill-down, the partner ranking's "mitra pasif" into the theme park's evidence, and the CSV/XLSX downloads.
 * Early warnings with their follow-up: tests/e2e/warnings.spec.ts.
 */
test("Dinas filters the overview, drills into a passive partner's evidence and downloads CSV and XLSX", async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, "dinas@bermitra.id");
  await page.getByRole("link", { name: "Pemantauan" }).first().click();
  await expect(page.getByRole("heading", { name: "Pemantauan program" })).toBeVisible();
  await expect(page.getByTestId("type-row-KUBE")).toContainText("53");

  // filter to one kecamatan (a plain GET form)
  await page.getByLabel("Kecamatan").selectOption({ label: "Bumiaji" });
  await page.getByLabel("Jenis kelompok").selectOption("KUBE");
  await page.getByRole("button", { name: "Terapkan" }).click();
  await expect(page).toHaveURL(/kecamatanId=/);
  await expect(page.getByTestId("kecamatan-row")).toHaveCount(1);
  await expect(page.getByTestId("figure-groups.formed").getByTestId("figure-value")).toHaveText("13");
  await expect(page.getByTestId("figure-groups.active").getByTestId("figure-value")).toHaveText("9");

  // the figure links to the records behind it
  await page.getByTestId("figure-groups.active").click();
  await expect(page.getByTestId("records-title")).toHaveText("Kelompok aktif (90 hari)");
  await expect(page.getByTestId("record-row")).toHaveCount(9);

  // CSV of those records: BOM, ';', translated header
  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV" }).click();
  const csv = readFileSync(await (await csvDownload).path());
  expect(csv.subarray(0, 3).toString("hex")).toBe("efbbbf");
  const lines = csv.toString("utf8").slice(1).trim().split("\r\n");
  expect(lines[0]).toBe("Data;Keterangan;Status;Tanggal;Jumlah (Rp)");
  expect(lines).toHaveLength(10);
  expect(lines.slice(1).every((l) => l.startsWith("KUBE ") && l.includes(";Bumiaji;"))).toBe(true);

  // partner ranking: the theme park is "mitra pasif"; its evidence shows only missed sessions
  await page.goto("/dinas/partners");
  await expect(page.getByTestId("formula")).toContainText("belum cukup data");
  const park = page.getByTestId("partner-rank-row").filter({ hasText: "Taman Rekreasi Gunung Panderman" });
  await expect(park).toHaveAttribute("data-passive", "true");
  await park.getByRole("link", { name: "Taman Rekreasi Gunung Panderman" }).click();
  await expect(page.getByTestId("evidence-title")).toHaveText("Taman Rekreasi Gunung Panderman");
  await expect(page.getByTestId("passive-evidence")).toContainText("Mitra pasif");
  await expect(page.getByTestId("sessions-table")).toContainText("Terlewat");

  // the ranking's name search (a GET form: works without JavaScript), ranks kept from the whole ranking
  await page.goto("/dinas/partners");
  const parkRank = await page.getByTestId("partner-rank-row").filter({ hasText: "Taman Rekreasi Gunung Panderman" }).locator("td").first().textContent();
  await page.getByTestId("partner-search").fill("panderman");
  await page.getByRole("button", { name: "Cari" }).click();
  await expect(page).toHaveURL(/q=panderman/);
  await expect(page.getByTestId("partner-rank-row")).toHaveCount(1);
  await expect(page.getByTestId("partner-rank-row").locator("td").first()).toHaveText(parkRank!);
  await expect(page.getByTestId("ranking-showing")).toHaveText("Menampilkan 1–1 dari 1 mitra");

  // XLSX of the ranking
  await page.goto("/dinas/partners");
  const xlsxDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Excel (XLSX)" }).click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(readFileSync(await (await xlsxDownload).path())).buffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.getRow(1).getCell(2).value).toBe("Mitra");
  const names: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) names.push(String(row.getCell(2).value));
  });
  expect(names).toContain("Taman Rekreasi Gunung Panderman");
});
