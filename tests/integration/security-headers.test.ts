/**
 * Security headers, client IP and start-up checks (issue 10 items 10–11). The header middleware is the one
 * server.ts mounts; it is exercised here over real HTTP on an ephemeral port, in front of handlers that
 * answer like the app's page, PDF, CSV, image and JSON routes. The e2e suite (foundation.spec.ts) checks the
 * same headers on the built app.
 */
import { spawnSync } from "node:child_process";
import type { AddressInfo } from "node:net";
import express from "express";
import { clientIp, CLIENT_IP_HEADER, trustedProxyHops } from "~/http/client-ip";
import { assignNonce, securityHeaders } from "~/http/security-headers";
import { productionConfigProblems } from "~/http/startup-checks";

async function withServer(trustProxy: number | false, run: (base: string) => Promise<void>) {
  const app = express();
  app.set("trust proxy", trustProxy);
  app.use(assignNonce, securityHeaders());
  app.get("/page", (_req, res) => res.type("html").send(`<script nonce="${res.locals.cspNonce}">1</script>`));
  app.get("/doc.pdf", (_req, res) => res.type("application/pdf").send(Buffer.from("%PDF-1.7")));
  app.get("/ledger.csv", (_req, res) => res.type("text/csv").send("a,b\n"));
  app.get("/photo.jpg", (_req, res) => res.type("image/jpeg").send(Buffer.from([0xff, 0xd8, 0xff])));
  app.get("/api", (_req, res) => res.json({ ok: true }));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.close();
  }
}

describe("security headers on every response", () => {
  it("sets CSP with a fresh nonce and no inline scripts, frame-ancestors 'none', nosniff, Referrer- and Permissions-Policy", async () => {
    await withServer(false, async (base) => {
      const nonces = new Set<string>();
      for (const path of ["/page", "/doc.pdf", "/ledger.csv", "/photo.jpg", "/api", "/page"]) {
        const res = await fetch(base + path);
        const csp = res.headers.get("content-security-policy") ?? "";
        const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src "))!;
        expect(scriptSrc).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'$/);
        expect(csp).not.toContain("unsafe-inline");
        expect(csp).not.toContain("unsafe-eval");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
        expect(res.headers.get("x-frame-options")).toBe("DENY");
        expect(res.headers.get("referrer-policy")).toBe("same-origin");
        expect(res.headers.get("permissions-policy")).toContain("camera=()");
        expect(res.headers.get("strict-transport-security")).toBeNull();
        nonces.add(scriptSrc);
        if (path === "/page") expect(await res.text()).toContain(`nonce="${scriptSrc.match(/'nonce-(.+)'/)![1]}"`);
      }
      expect(nonces.size).toBe(6);
    });
  });

  it("adds HSTS only when the request came over HTTPS through a trusted proxy", async () => {
    await withServer(1, async (base) => {
      const https = await fetch(`${base}/page`, { headers: { "X-Forwarded-Proto": "https" } });
      expect(https.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
      const http = await fetch(`${base}/page`);
      expect(http.headers.get("strict-transport-security")).toBeNull();
    });
    await withServer(false, async (base) => {
      const spoofed = await fetch(`${base}/page`, { headers: { "X-Forwarded-Proto": "https" } });
      expect(spoofed.headers.get("strict-transport-security")).toBeNull();
    });
  });
});

describe("client IP", () => {
  const request = (headers: Record<string, string>) => new Request("http://localhost/", { headers });

  it("ignores X-Forwarded-For unless TRUST_PROXY is set", () => {
    expect(clientIp(request({ "X-Forwarded-For": "6.6.6.6" }), {})).toBeNull();
    expect(clientIp(request({ "X-Forwarded-For": "6.6.6.6", "X-Real-IP": "7.7.7.7" }), { TRUST_PROXY: "0" })).toBeNull();
    // The trusted proxy appends the address it saw: that one counts, not what the client wrote before it.
    expect(clientIp(request({ "X-Forwarded-For": "6.6.6.6, 203.0.113.9" }), { TRUST_PROXY: "1" })).toBe("203.0.113.9");
    expect(clientIp(request({ "X-Forwarded-For": "6.6.6.6, 203.0.113.9, 10.0.0.2" }), { TRUST_PROXY: "2" })).toBe("203.0.113.9");
    expect(trustedProxyHops({ TRUST_PROXY: "true" })).toBe(1);
    expect(trustedProxyHops({})).toBe(0);
  });

  it("prefers the address the web server sealed into the request", () => {
    expect(clientIp(request({ [CLIENT_IP_HEADER]: "198.51.100.4", "X-Forwarded-For": "6.6.6.6" }), { TRUST_PROXY: "1" })).toBe("198.51.100.4");
  });
});

describe("production start-up checks", () => {
  it("lists the demo session secret and the development NIK key as problems in production only", () => {
    expect(productionConfigProblems({ NODE_ENV: "production" })).toHaveLength(2);
    expect(productionConfigProblems({ NODE_ENV: "production", SESSION_SECRET: "bermitra-demo-session-secret", NIK_HASH_KEY: "bermitra-dev-nik-key" })).toHaveLength(2);
    expect(productionConfigProblems({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), NIK_HASH_KEY: "k".repeat(40) })).toEqual([]);
    expect(productionConfigProblems({ NODE_ENV: "production", BERMITRA_DEMO: "1" })).toEqual([]);
    expect(productionConfigProblems({ NODE_ENV: "development" })).toEqual([]);
  });

  it("makes server.ts exit with a clear message instead of serving on the demo secrets", () => {
    const env = { ...process.env, NODE_ENV: "production" as const, SESSION_SECRET: "", NIK_HASH_KEY: "", BERMITRA_DEMO: "", PORT: "0" };
    const run = spawnSync("npx", ["tsx", "server.ts"], { env, encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("refuses to start in production");
    expect(run.stderr).toContain("SESSION_SECRET");
    expect(run.stderr).toContain("NIK_HASH_KEY");
  });
});
