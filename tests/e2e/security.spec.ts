import { expect, test } from "@playwright/test";
import { logIn } from "./helpers";

/** Headers, CSP and redirects on the built app (issue 10 items 7 and 10; unit-level checks in tests/integration). */
test.describe("security", () => {
  test("every kind of response carries nosniff, the CSP and frame-ancestors 'none'", async ({ request }) => {
    const page = await request.get("/products");
    // public pages load no module script (decision 128): their stylesheet is the build asset here
    const asset = (await page.text()).match(/\/build\/[^"]+\.(?:js|css)/)?.[0];
    expect(asset).toBeTruthy();
    for (const path of ["/", "/products", "/api/v1/products", "/favicon.svg", asset!, "/healthz", "/tidak-ada"]) {
      const res = await request.get(path);
      const headers = res.headers();
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(headers["content-security-policy"], path).not.toContain("unsafe-inline");
      expect(headers["referrer-policy"], path).toBe("same-origin");
      expect(headers["permissions-policy"], path).toContain("camera=()");
      expect(headers["strict-transport-security"], path).toBeUndefined();
    }
  });

  test("inline scripts carry this response's nonce, also from the page cache, and the app hydrates", async ({ page, request }) => {
    // Each web process has its own page cache (decision 100): by the fourth request one of them answers from it.
    const cacheStates: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await request.get("/products", { headers: { connection: "close" } });
      cacheStates.push(res.headers()["x-cache"] ?? "");
      const nonce = res.headers()["content-security-policy"].match(/'nonce-([^']+)'/)![1];
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) if (!/\bsrc=/.test(tag)) expect(tag).toContain(`nonce="${nonce}"`);
    }
    expect(cacheStates).toContain("HIT");
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    // The catalogue's own inline script (it is served without client scripts, decision 128) runs under the CSP.
    await page.goto("/products");
    await page.locator("#s-q").pressSequentially("kopi", { delay: 30 });
    await expect(page).toHaveURL(/\/products\?q=kopi$/);
    // A signed-in page hydrates: client-side navigation only works once the module scripts ran under the CSP.
    await logIn(page, "kelompok@bermitra.id");
    await page.goto("/orders");
    await page.waitForFunction(() => "__remixRouter" in window);
    await page.getByTestId("account-menu").click();
    await page.getByRole("link", { name: /Notifikasi|Notifications/ }).first().click();
    await expect(page).toHaveURL("/notifications");
    expect(violations).toEqual([]);
  });

  test("a hostile redirectTo after login ends on the user's home", async ({ page }) => {
    const res = await page.goto("/login?redirectTo=%2F%09%2Fevil.example%2F");
    expect(res?.status()).toBe(200);
    await page.getByLabel("Email").fill("mitra@bermitra.id");
    await page.getByLabel(/Kata sandi|Password/).fill("bermitra-demo");
    await page.getByRole("button", { name: /^(Masuk|Log in)$/ }).click();
    await expect(page).toHaveURL("/partner");
    await page.goto("/login?redirectTo=%2Forders");
    await expect(page).toHaveURL("/partner");
  });

  test("a signed-in page is not frameable and keeps its nonce policy", async ({ page }) => {
    await logIn(page, "kelompok@bermitra.id");
    const res = await page.goto("/orders");
    expect(res?.headers()["x-frame-options"]).toBe("DENY");
  });
});
