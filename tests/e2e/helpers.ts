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

/**
 * The demo's mailbox: without SMTP the server delivers emails as .eml files to MAIL_DIR (set per run in
 * playwright.config.ts). Secrets (signing and reset links, codes) are only readable there; /admin/emails
 * shows them redacted.
 */
export const MAIL_DIR = process.env.E2E_MAIL_DIR ?? "tests/.tmp/e2e-mail";

function decodeEml(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (/content-transfer-encoding:\s*base64/i.test(head ?? "")) return `${head}\n\n${Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")}`;
  const qp = body.replace(/=\r?\n/g, "").replace(/(?:=[0-9A-F]{2})+/g, (m) => Buffer.from(m.replace(/=/g, ""), "hex").toString("utf8"));
  return `${head}\n\n${qp}`;
}

/** The names of the messages already in the mailbox (to wait for a new one after an action). */
export async function mailboxSnapshot(): Promise<Set<string>> {
  const { readdir } = await import("node:fs/promises");
  return new Set(await readdir(MAIL_DIR).catch(() => [] as string[]));
}

/** Waits for a new message to `to` whose decoded text matches `pattern`; returns the match. */
export async function waitForMail(to: string, pattern: RegExp, before: Set<string>, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const { readdir, readFile } = await import("node:fs/promises");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const name of (await readdir(MAIL_DIR).catch(() => [] as string[])).sort().reverse()) {
      if (before.has(name)) continue;
      const text = decodeEml(await readFile(`${MAIL_DIR}/${name}`, "utf8"));
      if (!new RegExp(`^To: ${to.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "im").test(text)) continue;
      const match = text.match(pattern);
      if (match) return match;
    }
    if (Date.now() > deadline) throw new Error(`no email to ${to} matching ${pattern}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The demo's phone: without a WhatsApp or SMS provider the server's local outbox writes each text message as a
 * .txt file to MESSAGE_DIR (set per run in playwright.config.ts); /admin/messages shows them redacted.
 */
export const MESSAGE_DIR = process.env.E2E_MESSAGE_DIR ?? "tests/.tmp/e2e-messages";

export async function phoneSnapshot(): Promise<Set<string>> {
  const { readdir } = await import("node:fs/promises");
  return new Set(await readdir(MESSAGE_DIR).catch(() => [] as string[]));
}

/** Waits for a new text message to `to` (E.164) whose text matches `pattern`; returns the match. */
export async function waitForText(to: string, pattern: RegExp, before: Set<string>, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const { readdir, readFile } = await import("node:fs/promises");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const name of (await readdir(MESSAGE_DIR).catch(() => [] as string[])).sort().reverse()) {
      if (before.has(name)) continue;
      const text = await readFile(`${MESSAGE_DIR}/${name}`, "utf8");
      if (!text.startsWith(`To: ${to}\n`)) continue;
      const match = text.match(pattern);
      if (match) return match;
    }
    if (Date.now() > deadline) throw new Error(`no text message to ${to} matching ${pattern}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
