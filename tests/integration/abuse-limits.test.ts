/**
 * Abuse limits (issue 10 item 4): counters in the database (RateLimit table), so they hold across processes
 * and restarts; over a limit the answer is 429 with Retry-After and the translated message.
 */
import { execFile } from "node:child_process";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import express from "express";
import { db } from "~/db/db.server";
import { apiRateLimit } from "~/http/api-limit";
import { CLIENT_IP_HEADER } from "~/http/client-ip";
import { createMouFromScratch, parseContent, sendForSignature, submitForReview, updateDraftContent } from "~/mou/mou.server";
import { confirmSignerIdentity, MAX_FAILED_ATTEMPTS, requestSigningCode } from "~/mou/signing.server";
import { consume, LIMITS } from "~/security/rate-limit.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as loginAction } from "~/routes/login";
import { action as verifyAction } from "~/routes/mou.verify";
import { action as signupAction } from "~/routes/signup";
import { actorFor } from "../helpers/actors";
import { formRequest, responseOf } from "../helpers/requests";

function fromIp(request: Request, ip: string): Request {
  request.headers.set(CLIENT_IP_HEADER, ip);
  return request;
}

async function useUp(name: keyof typeof LIMITS, key: string) {
  for (let i = 0; i < LIMITS[name].points; i++) await consume(name, key);
}

async function expect429(res: Response, messageField = "_form") {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  const body = (await res.json()) as { errors: Record<string, string> };
  expect(body.errors[messageField]).toMatch(/^errors:rateLimited\|\{"minutes":\d+\}$/);
}

describe("login limits", () => {
  it("locks an account after 10 failed logins (even with the right password then) and audits each failure", async () => {
    const login = (password: string, ip: string) =>
      responseOf(() => loginAction({ request: fromIp(formRequest("/login", { email: "kelompok@bermitra.id", password }), ip), params: {}, context: {} }));
    for (let i = 0; i < LIMITS.loginAccount.points; i++) expect((await login("salah-sekali", `198.51.100.${i}`)).status).toBe(400);
    await expect429(await login("bermitra-demo", "198.51.100.200"));
    const user = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
    const failed = await db.auditEvent.findMany({ where: { action: "user.loginFailed", entityId: user.id } });
    expect(failed).toHaveLength(LIMITS.loginAccount.points);
    expect(JSON.parse(failed[0]!.after!)).toMatchObject({ email: "kelompok@bermitra.id", ip: "198.51.100.0" });
    // Other accounts are not affected.
    const other = await responseOf(() => loginAction({ request: fromIp(formRequest("/login", { email: "mitra@bermitra.id", password: "bermitra-demo" }), "198.51.100.200"), params: {}, context: {} }));
    expect(other.status).toBe(302);
  });

  it("limits failed logins per client IP across accounts, also for unknown addresses", async () => {
    await useUp("loginIp", "203.0.113.77");
    const res = await responseOf(() => loginAction({ request: fromIp(formRequest("/login", { email: "mitra@bermitra.id", password: "bermitra-demo" }), "203.0.113.77"), params: {}, context: {} }));
    await expect429(res);
    const unknown = await responseOf(() => loginAction({ request: fromIp(formRequest("/login", { email: "nobody@x.test", password: "whatever1" }), "203.0.113.78"), params: {}, context: {} }));
    expect(unknown.status).toBe(400);
    expect(await db.auditEvent.count({ where: { action: "user.loginFailed", entityId: "unknown" } })).toBeGreaterThanOrEqual(1);
  });
});

describe("sign-up, forgot-password and /mou/verify limits", () => {
  it("answers 429 with Retry-After and the message once an IP used up its sign-ups", async () => {
    await useUp("signupIp", "203.0.113.10");
    const dinasOfficeId = (await db.dinasOffice.findFirstOrThrow()).id;
    const res = await responseOf(() =>
      signupAction({
        request: fromIp(formRequest("/signup?as=partner", { name: "A", email: "a@x.test", password: "kuat-sekali-99", legalName: "PT A", displayName: "A", sector: "HOTEL", address: "Batu", dinasOfficeId }), "203.0.113.10"),
        params: {},
        context: {},
      }),
    );
    await expect429(res);
    expect(await db.user.count({ where: { email: "a@x.test" } })).toBe(0);
  });

  it("limits forgot-password per IP (429) and per address (silently: the same answer, no more email)", async () => {
    await useUp("forgotIp", "203.0.113.11");
    await expect429(await responseOf(() => forgotAction({ request: fromIp(formRequest("/forgot-password", { email: "mitra@bermitra.id" }), "203.0.113.11"), params: {}, context: {} })), "email");
    const answers: number[] = [];
    for (let i = 0; i < LIMITS.forgotAccount.points + 2; i++) {
      answers.push((await responseOf(() => forgotAction({ request: fromIp(formRequest("/forgot-password", { email: "mitra@bermitra.id" }), `203.0.113.${20 + i}`), params: {}, context: {} }))).status);
    }
    expect(answers.every((s) => s === 200)).toBe(true);
    expect(await db.emailMessage.count({ where: { to: "mitra@bermitra.id", kind: "password-reset" } })).toBe(LIMITS.forgotAccount.points);
  });

  it("limits PDF uploads to /mou/verify per IP", async () => {
    await useUp("verifyUploadIp", "203.0.113.12");
    const body = new FormData();
    body.append("pdf", new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], "a.pdf", { type: "application/pdf" }));
    const request = fromIp(new Request("http://localhost/mou/verify", { method: "POST", body }), "203.0.113.12");
    const res = await responseOf(() => verifyAction({ request, params: {}, context: {} }));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBeTruthy();
    expect(((await res.json()) as { limited: string }).limited).toMatch(/^errors:rateLimited/);
  });

  it("limits the JSON API per IP, cached answers included (middleware in front of the page cache)", async () => {
    const app = express();
    app.use((req, _res, next) => {
      req.headers[CLIENT_IP_HEADER] = String(req.headers["x-test-ip"]);
      next();
    });
    app.use("/api/", apiRateLimit);
    app.get("/api/v1/products", (_req, res) => res.json({ items: [] }));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/products`;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < LIMITS.apiIp.points + 1; i++) statuses.push((await fetch(url, { headers: { "x-test-ip": "203.0.113.13" } })).status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(LIMITS.apiIp.points);
      const over = await fetch(url, { headers: { "x-test-ip": "203.0.113.13" } });
      expect(over.status).toBe(429);
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await over.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
      expect((await fetch(url, { headers: { "x-test-ip": "203.0.113.14" } })).status).toBe(200);
    } finally {
      server.close();
    }
  });
});

describe("limits are kept in the database", () => {
  it("holds across processes and survives a restart of the limiter's connection", async () => {
    const run = promisify(execFile);
    const child = path.resolve("tests/integration/rate-limit-child.ts");
    const out = await run("npx", ["tsx", child, "signupIp", "203.0.113.90", String(LIMITS.signupIp.points)], { env: process.env, timeout: 60_000 });
    expect(JSON.parse(out.stdout.trim().split("\n").pop()!)).toEqual({ limited: 0 });
    await expect(consume("signupIp", "203.0.113.90")).rejects.toMatchObject({ key: "errors:rateLimited" });
    // A "restart": drop this process's connection and limiters; the counter is still there.
    globalThis.__bermitraRateLimits?.close();
    globalThis.__bermitraRateLimits = undefined;
    await expect(consume("signupIp", "203.0.113.90")).rejects.toMatchObject({ key: "errors:rateLimited" });
    const row = await db.rateLimit.findUniqueOrThrow({ where: { key: "signupIp:203.0.113.90" } });
    expect(row.points).toBeGreaterThan(LIMITS.signupIp.points);
  });
});

describe("signing attempts", () => {
  it("counts 50 parallel wrong codes atomically: at most 5 are checked, then the signer is locked", async () => {
    const dinas = await actorFor("dinas@bermitra.id", { ip: "127.0.0.1" });
    const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
    const groupUser = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
    const mou = await createMouFromScratch(dinas, { dinasOfficeId: partner.dinasOfficeId, partnerId: partner.id, groupIds: [groupUser.groupId!], startDate: "2027-01-01", endDate: "2027-12-31" });
    const version = await db.mouVersion.findFirstOrThrow({ where: { mouId: mou.id } });
    const content = parseContent(version.content);
    content.parties.groups[0]!.chairEmail = "ketua.paralel@example.test";
    await updateDraftContent(dinas, mou.id, content);
    await submitForReview(dinas, mou.id);
    const { firstSignerId } = await sendForSignature(dinas, mou.id);
    const now = new Date();
    const code = await requestSigningCode(firstSignerId, now);
    const wrong = code === "000000" ? "111111" : "000000";
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => confirmSignerIdentity(firstSignerId, { code: wrong, ip: `192.0.2.${i}` }, now)),
    );
    const keys = results.map((r) => (r.status === "rejected" ? (r.reason as { key: string }).key : "accepted"));
    expect(keys.filter((k) => k === "accepted")).toHaveLength(0);
    expect(keys.filter((k) => k === "mou:errors.wrongCode").length).toBeLessThanOrEqual(MAX_FAILED_ATTEMPTS - 1);
    expect(keys.filter((k) => k !== "mou:errors.wrongCode" && k !== "mou:errors.locked" && k !== "errors:rateLimited")).toEqual([]);
    const signer = await db.mouSigner.findUniqueOrThrow({ where: { id: firstSignerId } });
    expect(signer.failedAttempts).toBe(MAX_FAILED_ATTEMPTS);
    expect(signer.lockedUntil!.getTime()).toBeGreaterThan(now.getTime());
    // Locked (and over the per-signer limit): even the right code is refused now.
    await expect(confirmSignerIdentity(firstSignerId, { code, ip: "192.0.2.200" }, now)).rejects.toMatchObject({ key: expect.stringMatching(/^(mou:errors\.locked|errors:rateLimited)$/) });
  });
});
