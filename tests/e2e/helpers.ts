import { expect, type Browser, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "bermitra-demo";

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/Kata sandi|Password/).fill(password);
  await page.getByRole("button", { name: /^(Masuk|Log in)$/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export async function logOut(page: Page) {
  await page.getByTestId("account-menu").click();
  await page.getByRole("button", { name: /^(Keluar|Log out)$/ }).click();
  await expect(page).toHaveURL("/");
}

/** A page in its own browser context, signed in as `email` (several people at once in one test). */
export async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await logIn(page, email);
  return page;
}
