import { expect, test } from "@playwright/test";
import { logIn, logOut } from "./helpers";

/**
 * The e2e server runs like production: one web process per core behind one port (server.ts under
 * node:cluster; scripts/e2e-server.sh sets WEB_CONCURRENCY=2). The cluster hands each new connection to
 * the next process in turn, so requests sent with `Connection: close` alternate between them (decision 100).
 */
const freshConnection = { connection: "close" };

test.describe("several web processes behind one port", () => {
  test("new connections reach both processes, and exactly one of them runs the background jobs", async ({ request }) => {
    const seen = new Map<number, string>();
    // The second process may still be starting when the first answers Playwright's readiness check.
    for (let i = 0; i < 120 && (seen.size < 2 || ![...seen.values()].includes("running")); i++) {
      const health = (await (await request.get("/healthz", { headers: freshConnection })).json()) as { instance: number; jobs: string };
      seen.set(health.instance, health.jobs);
      if (seen.size < 2) await new Promise((r) => setTimeout(r, 250));
    }
    expect([...seen.keys()].sort()).toEqual([1, 2]);
    expect([...seen.values()].filter((jobs) => jobs === "running")).toHaveLength(1);
  });

  test("a session opened on one process is valid on the other, and ended on both at log-out", async ({ page, request }) => {
    await logIn(page, "mitra@bermitra.id");
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    // Six new connections: three per process. Each must know the session.
    for (let i = 0; i < 6; i++) {
      const response = await request.get("/partner", { headers: { ...freshConnection, cookie }, maxRedirects: 0 });
      expect(response.status(), `request ${i}`).toBe(200);
    }
    await logOut(page);
    for (let i = 0; i < 4; i++) {
      const response = await request.get("/partner", { headers: { ...freshConnection, cookie }, maxRedirects: 0 });
      expect(response.status(), `request ${i} after log-out`).toBe(302);
      expect(response.headers().location).toMatch(/\/login/);
    }
  });
});
