import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { logIn, logOut } from "./helpers";

/**
 * Coaching and mentoring, end to end: an ACTIVE MoU with 4 coaching sessions (created by a fixture script in the
 * e2e database, since the demo seed's MoUs are not guaranteed) → the partner schedules one, the chair confirms
 * attendance and rates it, one passes its due date unscheduled and the server's periodic job marks it missed,
 * and the facilitator logs a monthly visit with a follow-up.
 */
const dbFile = path.resolve(process.env.E2E_DB ?? "tests/.tmp/e2e.db");

function fixture(...args: string[]) {
  const out = execFileSync("npx", ["tsx", "tests/e2e/coaching-fixture.ts", ...args], {
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, BERMITRA_JOBS: "off" },
    encoding: "utf8",
  });
  return JSON.parse(out.trim().split("\n").pop()!);
}

const WIB = 7 * 3600_000;
const wibDay = (offsetDays: number) => new Date(Date.now() + WIB + offsetDays * 86_400_000).toISOString().slice(0, 10);

test.describe.configure({ mode: "serial" });

test("coaching sessions from an MoU: schedule, confirm, missed; facilitator visit with a follow-up", async ({ page }) => {
  test.setTimeout(180_000);
  const setup = fixture("setup") as { sessionIds: string[]; groupId: string; facilitatorEmail: string };
  expect(setup.sessionIds).toHaveLength(4);
  const [overdueId, nextId] = setup.sessionIds as [string, string];

  // The partner sees the commitment and schedules the next session.
  await logIn(page, "mitra@bermitra.id");
  await page.goto("/partner/coaching?show=all");
  await expect(page.locator(`a[href="/coaching/${nextId}"]`)).toBeVisible();
  await page.goto(`/coaching/${nextId}`);
  await expect(page.getByTestId("session-status")).toHaveText(/Jatuh tempo|Due/);
  // A date in the past is refused.
  await page.getByLabel(/^(Tanggal dan jam|Date and time)$/).fill(`${wibDay(-1)}T09:00`);
  await page.getByLabel(/^(Tempat|Place)$/).fill("Dapur pastry Hotel Taman Sari Batu");
  await page.getByLabel(/^(Pelatih|Trainer)$/).fill("Chef Bagus Santoso");
  await page.getByRole("button", { name: /Simpan jadwal|Save schedule/ }).click();
  await expect(page.locator("#f-scheduledAt-error")).toHaveText(/tidak boleh di masa lalu|cannot be in the past/);
  await expect(page.getByTestId("error-summary")).toBeInViewport();
  await page.getByLabel(/^(Tanggal dan jam|Date and time)$/).fill(`${wibDay(1)}T09:00`);
  await page.getByLabel(/^(Pelatih|Trainer)$/).fill("Chef Bagus Santoso");
  await page.getByRole("button", { name: /Simpan jadwal|Save schedule/ }).click();
  await expect(page.getByTestId("session-status")).toHaveText(/Dijadwalkan|Scheduled/);
  await expect(page.getByTestId("session-when")).toContainText(`${wibDay(1).split("-").reverse().join("/")} 09:00`);
  await logOut(page);

  // The day of the session arrives (fixture moves its time to two hours ago); the chair confirms it.
  fixture("held", nextId);
  await logIn(page, "kelompok@bermitra.id");
  await page.goto("/group/coaching");
  await expect(page.locator(`a[href="/coaching/${nextId}"]`)).toBeVisible();
  await page.goto(`/coaching/${nextId}`);
  // Without ticking anyone the confirmation is refused.
  await page.getByRole("button", { name: /Konfirmasi terlaksana|Confirm delivered/ }).click();
  await expect(page.locator("#attendeeIds-error")).toHaveText(/Pilih anggota yang hadir|Choose the members who attended/);
  const boxes = page.locator('input[name="attendeeIds[]"]');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await boxes.nth(2).check();
  await page.getByLabel(/^(Nilai|Rating)$/).selectOption("5");
  await page.getByLabel(/^(Komentar|Comment)$/).fill("Praktik langsung di dapur hotel, sangat bermanfaat.");
  await page.getByRole("button", { name: /Konfirmasi terlaksana|Confirm delivered/ }).click();
  await expect(page.getByTestId("session-status")).toHaveText(/Terlaksana|Delivered/);
  await expect(page.getByTestId("session-rating")).toHaveText("5/5");
  await expect(page.getByTestId("session-attendance")).not.toBeEmpty();

  // The first session passed its due date unscheduled: the server's job (every 30 s) marks it missed.
  await expect
    .poll(
      async () => {
        await page.goto(`/coaching/${overdueId}`);
        return page.getByTestId("session-status").locator("[data-status]").getAttribute("data-status");
      },
      { timeout: 75_000, intervals: [2_000, 5_000] },
    )
    .toBe("MISSED");
  await logOut(page);

  // The facilitator sees the group on their home page and logs a monthly visit with a follow-up.
  await logIn(page, setup.facilitatorEmail);
  await page.goto("/facilitator");
  const card = page.locator('[data-testid="facilitator-group"][data-group="KPM Melati Sisir"]');
  await expect(card).toBeVisible();
  await card.getByRole("link", { name: /Catat kunjungan|Log a visit/ }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${setup.groupId}/visits`));
  await expect(page.getByTestId("assisted-mode")).toBeVisible();
  await page.getByLabel(/^(Tempat|Place)$/).fill("Rumah ketua kelompok");
  await page.getByLabel(/^(Jumlah yang hadir|Number of attendees)$/).fill("8");
  await page.getByTestId("visit-members").getByRole("checkbox").nth(0).check();
  await page.getByTestId("visit-members").getByRole("checkbox").nth(1).check();
  await page.locator('input[name="topics[]"][value="BUSINESS"]').check();
  await page.locator('input[name="topics[]"][value="FINANCE"]').check();
  await page.getByLabel(/^(Masalah yang ditemukan|Problems found)$/).fill("Pembukuan kas belum rutin.");
  await page.getByLabel(/^(Tindak lanjut 1|Follow-up 1)$/).fill("Isi buku kas harian setelah produksi");
  await page.getByLabel(/^(Tenggat 1|Due date 1)$/).fill(wibDay(14));
  await page.getByRole("button", { name: /Simpan kunjungan|Save visit/ }).click();
  await expect(page.getByText(/Kunjungan tercatat|Visit logged/)).toBeVisible();
  await expect(page.getByTestId("open-follow-ups")).toContainText("Isi buku kas harian setelah produksi");
  await expect(page.getByTestId("visit").first()).toContainText("Rumah ketua kelompok");
  await expect(page.getByTestId("visit").first().getByTestId("visit-attendees")).toContainText("Hadir:");

  // Back home, the group is no longer flagged for "no visit this month".
  await page.goto("/facilitator");
  await expect(card.getByTestId("attention-no-visit")).toHaveCount(0);
  await expect(card).toContainText("Isi buku kas harian setelah produksi");
});
