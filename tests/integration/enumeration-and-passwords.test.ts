/**
 * No account enumeration (issue 10 item 5) and the password rules (item 6): sign-up with a taken address
 * and forgot-password for an unknown one answer exactly as for a new/known one, in similar time.
 */
import { requestPasswordReset, resetPassword, RESET_REQUEST_MIN_MS, SIGNUP_MIN_MS } from "~/accounts/accounts.server";
import { passwordProblem } from "~/auth/password-policy.server";
import { verifyPassword } from "~/auth/password.server";
import { db } from "~/db/db.server";
import { CLIENT_IP_HEADER } from "~/http/client-ip";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as resetAction } from "~/routes/reset-password.$token";
import { action as signupAction } from "~/routes/signup";
import { formRequest, responseOf } from "../helpers/requests";

let ipCounter = 0;
function fresh(request: Request) {
  request.headers.set(CLIENT_IP_HEADER, `10.9.${Math.floor(ipCounter / 250)}.${ipCounter++ % 250}`);
  return request;
}

async function timed(run: () => Promise<Response>) {
  const started = performance.now();
  const res = await run();
  return { res, ms: performance.now() - started, body: await res.text() };
}

let dinasOfficeId = "";
beforeAll(async () => {
  dinasOfficeId = (await db.dinasOffice.findFirstOrThrow({ where: { city: "Batu" } })).id;
});

const partner = (email: string, password = "kuat-sekali-99") => ({
  dinasOfficeId,
  name: "Agus Santoso",
  email,
  password,
  legalName: "CV Contoh",
  displayName: "Warung Contoh",
  sector: "RESTAURANT",
  address: "Jl. Contoh 1, Batu",
});

describe("no account enumeration", () => {
  it("answers a sign-up with a taken address exactly as one with a new address, and emails the owner", async () => {
    const signup = (email: string) => timed(() => responseOf(() => signupAction({ request: fresh(formRequest("/signup?as=partner", partner(email))), params: {}, context: {} })));
    await signup("pemanasan@contoh.test"); // warm-up: the first call of a process loads and compiles more
    const created = await signup("baru.sekali@contoh.test");
    const taken = await signup("mitra@bermitra.id");
    for (const r of [created, taken]) {
      expect(r.res.status).toBe(302);
      expect(r.res.headers.get("location")).toBe("/login?signedUp=1");
      expect(r.res.headers.get("set-cookie")).toBeNull();
      expect(r.ms).toBeGreaterThanOrEqual(SIGNUP_MIN_MS - 5);
    }
    expect(taken.body).toBe(created.body);
    expect([...taken.res.headers.keys()].sort()).toEqual([...created.res.headers.keys()].sort());
    expect(Math.abs(taken.ms - created.ms)).toBeLessThan(500);
    expect(await db.user.count({ where: { email: "baru.sekali@contoh.test" } })).toBe(1);
    expect(await db.emailMessage.count({ where: { to: "baru.sekali@contoh.test", kind: "signup-welcome" } })).toBe(1);
    expect(await db.emailMessage.count({ where: { to: "mitra@bermitra.id", kind: "signup-taken" } })).toBe(1);
    expect(await db.partner.count({ where: { displayName: "Warung Contoh" } })).toBe(2); // warm-up + new
  });

  it("answers forgot-password for an unknown address exactly as for a known one", async () => {
    const forgot = (email: string) => timed(() => responseOf(() => forgotAction({ request: fresh(formRequest("/forgot-password", { email })), params: {}, context: {} })));
    const known = await forgot("kelompok@bermitra.id");
    const unknown = await forgot("tidak.ada@contoh.test");
    expect(known.res.status).toBe(200);
    expect(unknown.res.status).toBe(200);
    expect(unknown.body).toBe(known.body);
    for (const r of [known, unknown]) expect(r.ms).toBeGreaterThanOrEqual(RESET_REQUEST_MIN_MS - 5);
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(250);
    expect(await db.emailMessage.count({ where: { to: "tidak.ada@contoh.test" } })).toBe(0);
  });
});

describe("password rules", () => {
  it("refuses short, blank, repeated and common passwords", () => {
    for (const bad of ["12345678", "password", "        ", "Password", "qwerty123", "aaaaaaaaaa", "1234567"]) expect(passwordProblem(bad), JSON.stringify(bad)).not.toBeNull();
    expect(passwordProblem("password")).toBe("validation:passwordCommon");
    expect(passwordProblem("        ")).toBe("validation:passwordWeak");
    expect(passwordProblem("1234567")).toBe('validation:tooShort|{"min":8}');
    for (const good of ["kuat-sekali-99", "bermitra-demo", "Kopi Arjuno 2026"]) expect(passwordProblem(good), good).toBeNull();
  });

  it("refuses a common password at sign-up, next to the field", async () => {
    const res = await responseOf(() => signupAction({ request: fresh(formRequest("/signup?as=partner", partner("lemah@contoh.test", "12345678"))), params: {}, context: {} }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors.password).toBe("validation:passwordCommon");
    expect(body.values.password).toBeUndefined();
    expect(await db.user.count({ where: { email: "lemah@contoh.test" } })).toBe(0);
  });

  it("refuses a common password on the reset page; using one reset link voids every other one", async () => {
    await requestPasswordReset("mitra@bermitra.id", new Date(), { ip: "10.8.0.1" });
    await requestPasswordReset("mitra@bermitra.id", new Date(), { ip: "10.8.0.2" });
    const mails = await db.emailMessage.findMany({ where: { to: "mitra@bermitra.id", kind: "password-reset" }, orderBy: { createdAt: "asc" } });
    expect(mails).toHaveLength(2);
    // Emails are redacted once delivered; until then the outbox row declares its live secret (the token).
    const [first, second] = mails.map((m) => (JSON.parse(m.secrets!) as string[])[0]!);
    expect(mails[0]!.text).toContain(`/reset-password/${first}`);
    const weak = await responseOf(() => resetAction({ request: formRequest(`/reset-password/${first}`, { password: "password", confirm: "password" }), params: { token: first! }, context: {} }));
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { errors: Record<string, string> }).errors.password).toBe("validation:passwordCommon");
    await resetPassword(second!, "baru-dan-kuat-77");
    await expect(resetPassword(first!, "lain-lagi-kuat-88")).rejects.toMatchObject({ key: "auth:errors.resetLinkInvalid" });
    const user = await db.user.findUniqueOrThrow({ where: { email: "mitra@bermitra.id" } });
    expect(await verifyPassword("baru-dan-kuat-77", user.passwordHash)).toBe(true);
    expect(await db.passwordResetToken.count({ where: { userId: user.id, usedAt: null } })).toBe(0);
  });
});
