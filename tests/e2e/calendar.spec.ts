import { expect, test, type Browser, type Page } from "@playwright/test";
import { logIn } from "./helpers";

/**
 * Issue 13 item 6 (decision 116) at 360 × 780 without JavaScript: both sides see the deliveries of the next
 * 4 weeks (dd/mm/yyyy, WIB); the partner pauses the seed's daily standing order (MoU 001, KPM Melati Sisir)
 * until a date, a date outside the MoU's period is refused next to the field, the group sees the pause and is
 * told, and the partner resumes it. The server's clock is pinned like this process's (tests/setup/clock.ts).
 */
const MOU = "001/MOU-KPM/DINSOS-BATU/2026";
const GROUP = "KPM Melati Sisir";
const WIB = 7 * 3_600_000;
const day = (offset: number) => new Date(Date.now() + WIB + offset * 86_400_000).toISOString().slice(0, 10);
const shown = (key: string) => key.split("-").reverse().join("/");

async function phoneWithoutJs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  await logIn(page, email);
  return page;
}

test("delivery calendar, pause and resume of a standing order", async ({ browser }) => {
  test.setTimeout(120_000);
  const partner = await phoneWithoutJs(browser, "mitra@bermitra.id");
  await partner.goto("/orders/calendar");
  const card = partner.locator(`[data-testid="standing-order"][data-group="${GROUP}"]`).filter({ hasText: MOU });
  await expect(card).toContainText("Masa MoU: 21/01/2026 – 20/01/2027");
  // daily deliveries: 28 days from tomorrow, each headed with its weekday and date
  const days = partner.getByTestId("calendar-day");
  await expect(days).toHaveCount(28);
  await expect(days.first()).toHaveAttribute("data-day", day(1));
  await expect(days.first().getByRole("heading")).toContainText(shown(day(1)));
  await expect(days.last()).toHaveAttribute("data-day", day(28));
  await expect(days.first().locator(`[data-testid="calendar-entry"]`).filter({ hasText: GROUP })).toContainText("Kue basah");
  expect(await partner.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);

  // outside the MoU's period: refused, the reason next to the field
  await card.locator("summary").click();
  await card.getByLabel("Lanjutkan lagi pada tanggal").fill("2027-02-01");
  await card.getByTestId("pause-submit").click();
  await expect(partner.getByTestId("error-summary")).toBeInViewport();
  await expect(partner.locator("#f-untilDay-error")).toHaveText(/MoU berakhir 20\/01\/2027/);

  // pause until five days from now
  const until = day(5);
  const again = partner.locator(`[data-testid="standing-order"][data-group="${GROUP}"]`).filter({ hasText: MOU });
  await again.locator("summary").click();
  await again.getByLabel("Lanjutkan lagi pada tanggal").fill(until);
  await again.getByLabel(/^Alasan/).fill("Dapur hotel direnovasi");
  await again.getByTestId("pause-submit").click();
  await expect(partner.getByText("Pesanan rutin dijeda; kelompok diberi tahu.")).toBeVisible();
  await expect(again.getByTestId("pause-state")).toContainText(`dilanjutkan ${shown(until)}`);
  // the paused days show so; the day it resumes is back to normal
  const entry = (key: string) => partner.locator(`[data-testid="calendar-day"][data-day="${key}"] [data-testid="calendar-entry"]`).filter({ hasText: GROUP });
  await expect(entry(day(4))).toContainText(/Dijeda|Dilewati/);
  await expect(entry(until)).not.toContainText(/Dijeda|Dilewati/);

  // the group sees the pause on its calendar and was told
  const chair = await phoneWithoutJs(browser, "kelompok@bermitra.id");
  await chair.goto("/orders/calendar");
  const mine = chair.locator(`[data-testid="standing-order"][data-group="${GROUP}"]`).filter({ hasText: MOU });
  await expect(mine.getByTestId("pause-state")).toContainText("Dapur hotel direnovasi");
  await expect(mine.getByTestId("resume")).toHaveCount(0);
  await expect(mine.getByTestId("pause-form")).toHaveCount(0);
  await chair.goto("/notifications");
  await expect(chair.getByText(`Pesanan rutin MoU ${MOU} dijeda`).first()).toBeVisible();

  // the partner resumes
  await again.getByTestId("resume").click();
  await expect(partner.getByText("Pesanan rutin dilanjutkan")).toBeVisible();
  await expect(partner.locator(`[data-testid="standing-order"][data-group="${GROUP}"]`).filter({ hasText: MOU }).getByTestId("pause-state")).toHaveCount(0);
  await chair.goto("/orders/calendar");
  await expect(mine.getByTestId("pause-state")).toHaveCount(0);
  await partner.context().close();
  await chair.context().close();
});
