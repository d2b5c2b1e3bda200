import { logIn, requestPasswordReset, resetPassword, signUpPartner } from "~/accounts/accounts.server";
import { loadSessionUser, sessionCookie } from "~/auth/session.server";
import { verifyPassword } from "~/auth/password.server";
import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };

const officeOf = async (city: string) => (await db.dinasOffice.findFirstOrThrow({ where: { city } })).id;

async function requestWithSession(sessionId: string) {
  const cookie = (await sessionCookie.serialize(sessionId)).split(";")[0]!;
  return new Request("http://localhost/", { headers: { Cookie: cookie } });
}

describe("accounts", () => {
  it("signs a partner up as pending, with the user, the partner, audit events, a welcome email and a notice to Dinas in one go", async () => {
    const outcome = await signUpPartner(
      {
        name: "Yoga Pratama",
        email: "yoga@kopi-arjuno.test",
        password: "rahasia-123",
        locale: "id",
        legalName: "CV Kopi Arjuno Sejahtera",
        displayName: "Kedai Kopi Arjuno",
        sector: "RESTAURANT",
        address: "Jl. Diponegoro 5, Batu",
        dinasOfficeId: await officeOf("Batu"),
      },
      meta,
    );
    if (!outcome.created) throw new Error("expected a new account");
    const { user, partner } = outcome.record;
    expect(partner.verificationStatus).toBe("PENDING");
    expect(user.role).toBe("PARTNER");
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword("rahasia-123", user.passwordHash)).toBe(true);
    const events = await db.auditEvent.findMany({ where: { actorId: user.id } });
    expect(events.map((e) => e.action).sort()).toEqual(["partner.create", "user.signup"]);
    const dinas = await db.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } });
    expect(await db.notification.count({ where: { userId: dinas.id, kind: "verificationRequested" } })).toBe(1);
    // Nobody is signed in by a sign-up (the answer must not differ for a taken address): a welcome email instead.
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.emailMessage.count({ where: { to: "yoga@kopi-arjuno.test", kind: "signup-welcome" } })).toBe(1);
  });

  it("creates nothing for an email that is taken and tells the owner by email instead", async () => {
    const before = await db.partner.count();
    const outcome = await signUpPartner(
      { name: "X", email: "Mitra@Bermitra.id", password: "rahasia-123", locale: "id", legalName: "PT X", displayName: "X", sector: "HOTEL", address: "Batu", dinasOfficeId: await officeOf("Batu") },
      meta,
    );
    expect(outcome).toEqual({ created: false });
    expect(await db.partner.count()).toBe(before);
    expect(await db.emailMessage.count({ where: { to: "mitra@bermitra.id", kind: "signup-taken" } })).toBe(1);
  });

  it("signs a partner up under the Dinas office it chose (not the first office), and refuses an unknown office next to the field", async () => {
    const malang = await officeOf("Malang");
    const batuBefore = await db.notification.count({ where: { user: { email: "dinas@bermitra.id" }, kind: "verificationRequested" } });
    const input = { name: "Rina", email: "rina@hotel-malang.test", password: "rahasia-123", locale: "id" as const, legalName: "PT Hotel Ijen", displayName: "Hotel Ijen Malang", sector: "HOTEL" as const, address: "Jl. Ijen 3, Malang" };
    const outcome = await signUpPartner({ ...input, dinasOfficeId: malang }, meta);
    if (!outcome.created) throw new Error("expected a new account");
    const partner = await db.partner.findUniqueOrThrow({ where: { id: outcome.record.partner.id } });
    expect(partner.dinasOfficeId).toBe(malang);
    expect(partner.city).toBe("Malang");
    const malangDinas = await db.user.findUniqueOrThrow({ where: { email: "dinas.malang@bermitra.id" } });
    const batuDinas = await db.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } });
    expect(await db.notification.count({ where: { userId: malangDinas.id, kind: "verificationRequested" } })).toBe(1);
    expect(await db.notification.count({ where: { userId: batuDinas.id, kind: "verificationRequested" } })).toBe(batuBefore);

    const before = { partners: await db.partner.count(), users: await db.user.count() };
    await expect(signUpPartner({ ...input, email: "lain@hotel-malang.test", dinasOfficeId: "no-such-office" }, meta)).rejects.toMatchObject({ key: "validation:choose", field: "dinasOfficeId" });
    expect({ partners: await db.partner.count(), users: await db.user.count() }).toEqual(before);
  });

  it("logs in with the right password only", async () => {
    const { user } = await logIn("kelompok@bermitra.id", "bermitra-demo", meta);
    expect(user.role).toBe("GROUP");
    await expect(logIn("kelompok@bermitra.id", "salah", meta)).rejects.toBeInstanceOf(DomainError);
    await expect(logIn("nobody@bermitra.id", "bermitra-demo", meta)).rejects.toMatchObject({ key: "auth:errors.invalidLogin" });
  });

  it("resets a password through a one-time emailed link that expires, and signs out everywhere", async () => {
    const { session } = await logIn("mitra@bermitra.id", "bermitra-demo", meta);
    await requestPasswordReset("mitra@bermitra.id");
    const mail = await db.emailMessage.findFirstOrThrow({ where: { to: "mitra@bermitra.id", kind: "password-reset" } });
    const token = mail.text.match(/reset-password\/([A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeTruthy();
    await resetPassword(token!, "kata-sandi-baru");
    await expect(resetPassword(token!, "lagi-lagi-123")).rejects.toMatchObject({ key: "auth:errors.resetLinkInvalid" });
    expect(await loadSessionUser(await requestWithSession(session.id))).toBeNull();
    await expect(logIn("mitra@bermitra.id", "kata-sandi-baru", meta)).resolves.toBeTruthy();

    await requestPasswordReset("kelompok@bermitra.id");
    const second = await db.emailMessage.findFirstOrThrow({ where: { to: "kelompok@bermitra.id", kind: "password-reset" } });
    const token2 = second.text.match(/reset-password\/([A-Za-z0-9_-]+)/)![1]!;
    const later = new Date(Date.now() + 2 * 60 * 60 * 1000);
    await expect(resetPassword(token2, "kata-sandi-baru", later)).rejects.toMatchObject({ key: "auth:errors.resetLinkInvalid" });
  });

  it("sends no reset email for an unknown address", async () => {
    const before = await db.emailMessage.count();
    await requestPasswordReset("tidak-ada@bermitra.id");
    expect(await db.emailMessage.count()).toBe(before);
  });
});
