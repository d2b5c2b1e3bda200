import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "~/audit/audit.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { createSession, revokeAllSessions } from "~/auth/session.server";
import { db, type DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import { deliverToUser } from "~/messaging/messaging.server";
import { normaliseIndonesianPhone } from "~/messaging/phone";
import type { BusinessKind, GroupType, PartnerSector } from "~/generated/prisma/enums";
import { getServerT } from "~/i18n/i18n.server";
import { appUrl, dinasUserIds, notifyUsers } from "~/notifications/notify.server";
import { assertNotLimited, consume, countFailure, isRateLimited, reset } from "~/security/rate-limit.server";

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

async function uniqueSlug(base: string, exists: (slug: string) => Promise<boolean>): Promise<string> {
  const root = slugify(base) || "x";
  let slug = root;
  for (let i = 2; await exists(slug); i++) slug = `${root}-${i}`;
  return slug;
}

/**
 * `email` may be missing for a group member who has only a mobile number (decision 109): then `phone` (already
 * normalised to +62…) is required and is what she logs in with.
 */
type AccountInput = { name: string; email?: string | null; phone?: string | null; password: string; locale: "id" | "en" };

export type GroupSignUp = AccountInput & {
  groupType: GroupType;
  groupName: string;
  villageId: string;
  businessKind: BusinessKind;
  businessDescription: string;
};

export type PartnerSignUp = AccountInput & {
  legalName: string;
  displayName: string;
  sector: PartnerSector;
  nib?: string;
  address: string;
  title?: string;
  /** the Dinas Sosial office (city) the partner chose from the list; it verifies and oversees the partner */
  dinasOfficeId: string;
};

/** The Dinas Sosial offices a partner can sign up under (public: office name and city). */
export async function listDinasOfficeOptions() {
  return db.dinasOffice.findMany({ orderBy: [{ city: "asc" }, { name: "asc" }], select: { id: true, name: true, city: true } });
}

/**
 * Answers take at least this long, whichever branch ran, so timing does not tell a taken or known address
 * from a new or unknown one (the slow parts, scrypt and the writes, are done on both branches too).
 */
export const SIGNUP_MIN_MS = 1200;
export const RESET_REQUEST_MIN_MS = 400;

/** Runs `work` and answers no sooner than `minMs` after it started (also when it throws). */
export async function withMinimumDuration<T>(minMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const pad = async () => {
    const left = minMs - (performance.now() - started);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  };
  try {
    const result = await work();
    await pad();
    return result;
  } catch (error) {
    await pad();
    throw error;
  }
}

export type SignUpOutcome<T> = { created: true; record: T } | { created: false };

/**
 * Someone signed up with an address (or mobile number) that already has an account: nothing is created, the
 * owner is told (by email, or on her phone) with the ways to log in and to reset the password, and the sign-up
 * page answers exactly as for a new address, so the form cannot be used to find out who has an account.
 */
async function tellOwnerOfTakenAddress(owner: { id: string }, password: string, meta: { ip?: string | null }): Promise<SignUpOutcome<never>> {
  await hashPassword(password); // the same scrypt work as a real sign-up
  const row = await db.user.findUnique({ where: { id: owner.id }, select: { id: true, name: true, locale: true } });
  if (row) {
    const t = getServerT(row.locale);
    await db.$transaction(async (tx) => {
      await deliverToUser(tx, row.id, {
        kind: "accountNotice",
        emailKind: "signup-taken",
        subject: t("email:signupTaken.subject"),
        text: t("email:signupTaken.body", { name: row.name, login: appUrl("/login"), reset: appUrl("/forgot-password") }),
        template: { name: "account_notice", params: [row.name, appUrl("/login")] },
      });
      await recordAudit(tx, null, { action: "user.signupTaken", entityType: "User", entityId: row.id, after: { ip: meta.ip ?? null } });
    });
  }
  return { created: false };
}

async function sendWelcome(tx: DbClient, user: { id: string; name: string; locale: string }) {
  const t = getServerT(user.locale === "en" ? "en" : "id");
  await deliverToUser(tx, user.id, {
    kind: "accountNotice",
    emailKind: "signup-welcome",
    subject: t("email:signupWelcome.subject"),
    text: t("email:signupWelcome.body", { name: user.name, login: appUrl("/login") }),
    template: { name: "account_notice", params: [user.name, appUrl("/login")] },
  });
}

/** The account that already has this email address or mobile number, if any. */
async function existingAccount(email: string | null, phone: string | null): Promise<{ id: string } | null> {
  const or = [...(email ? [{ email }] : []), ...(phone ? [{ phone }] : [])];
  if (or.length === 0) return null;
  return db.user.findFirst({ where: { OR: or }, select: { id: true } });
}

/**
 * A group chair signs up: the user and the pending group are written together and a welcome email goes
 * out. Nobody is signed in: the caller answers "check your email, then log in" whether the address was new
 * or taken (then only the owner is emailed: `created: false`).
 */
export async function signUpGroup(input: GroupSignUp, meta: { ip?: string | null; userAgent?: string | null }): Promise<SignUpOutcome<{ user: { id: string; email: string | null; phone: string | null; role: string; passwordHash: string }; group: { id: string; verificationStatus: string } }>> {
  await consume("signupIp", meta.ip);
  const email = input.email?.trim().toLowerCase() || null;
  const phone = normaliseIndonesianPhone(input.phone);
  if (input.phone && !phone) throw new DomainError("validation:phone", {}, "phone");
  if (!email && !phone) throw new DomainError("auth:errors.emailOrPhone", {}, "phone");
  const village = await db.village.findUnique({
    where: { id: input.villageId },
    select: { id: true, kecamatanId: true, kecamatan: { select: { dinasOfficeId: true } } },
  });
  if (!village) throw new DomainError("validation:choose", {}, "villageId");
  const taken = await existingAccount(email, phone);
  if (taken) return tellOwnerOfTakenAddress(taken, input.password, meta);
  const passwordHash = await hashPassword(input.password);
  const slug = await uniqueSlug(input.groupName, async (s) => !!(await db.group.findUnique({ where: { slug: s } })));
  return db.$transaction(async (tx) => {
    const group = await tx.group.create({
      data: {
        slug,
        type: input.groupType,
        name: input.groupName,
        dinasOfficeId: village.kecamatan.dinasOfficeId,
        kecamatanId: village.kecamatanId,
        villageId: village.id,
        businessKind: input.businessKind,
        businessDescription: input.businessDescription,
        phone,
        members: { create: { name: input.name, role: "CHAIR", phone } },
      },
    });
    const user = await tx.user.create({
      data: {
        email,
        name: input.name,
        phone,
        passwordHash,
        role: "GROUP",
        locale: input.locale,
        groupId: group.id,
        title: "Ketua Kelompok",
      },
    });
    const actor = { actorId: user.id, actorName: user.name, ip: meta.ip };
    await recordAudit(tx, actor, { action: "user.signup", entityType: "User", entityId: user.id, after: { email: user.email, phone: user.phone, role: user.role } });
    await recordAudit(tx, actor, {
      action: "group.create",
      entityType: "Group",
      entityId: group.id,
      after: { name: group.name, type: group.type, verificationStatus: group.verificationStatus },
    });
    await notifyUsers(tx, await dinasUserIds(tx, group.dinasOfficeId), {
      kind: "verificationRequested",
      params: { name: group.name },
      link: "/dinas/verification",
    });
    await sendWelcome(tx, user);
    return { created: true as const, record: { user, group } };
  });
}

/** A partner's staff member signs up: the user and the pending partner are written together. */
export async function signUpPartner(input: PartnerSignUp, meta: { ip?: string | null; userAgent?: string | null }): Promise<SignUpOutcome<{ user: { id: string; email: string | null; role: string; passwordHash: string }; partner: { id: string; verificationStatus: string } }>> {
  await consume("signupIp", meta.ip);
  // a partner's staff always have an email address; the phone is a contact number (normalised when mobile)
  const email = (input.email ?? "").trim().toLowerCase();
  if (!email) throw new DomainError("validation:required", {}, "email");
  const phone = normaliseIndonesianPhone(input.phone) ?? (input.phone?.trim() || null);
  // the office the partner chose; an unknown id is refused next to the field (before anything else is looked up)
  const office = await db.dinasOffice.findUnique({ where: { id: input.dinasOfficeId }, select: { id: true, city: true } });
  if (!office) throw new DomainError("validation:choose", {}, "dinasOfficeId");
  const taken = await existingAccount(email, null);
  if (taken) return tellOwnerOfTakenAddress(taken, input.password, meta);
  // a number already on another account stays on the partner's contact only (a number logs in to one account)
  const phoneFree = !phone || !(await db.user.findUnique({ where: { phone }, select: { id: true } }));
  const passwordHash = await hashPassword(input.password);
  const slug = await uniqueSlug(input.displayName, async (s) => !!(await db.partner.findUnique({ where: { slug: s } })));
  return db.$transaction(async (tx) => {
    const partner = await tx.partner.create({
      data: {
        slug,
        legalName: input.legalName,
        displayName: input.displayName,
        sector: input.sector,
        nib: input.nib ?? null,
        address: input.address,
        city: office.city,
        contactName: input.name,
        contactPhone: phone,
        contactEmail: email,
        dinasOfficeId: office.id,
      },
    });
    const user = await tx.user.create({
      data: {
        email,
        name: input.name,
        phone: phoneFree ? phone : null,
        passwordHash,
        role: "PARTNER",
        locale: input.locale,
        partnerId: partner.id,
        title: input.title ?? null,
      },
    });
    const actor = { actorId: user.id, actorName: user.name, ip: meta.ip };
    await recordAudit(tx, actor, { action: "user.signup", entityType: "User", entityId: user.id, after: { email: user.email, role: user.role } });
    await recordAudit(tx, actor, {
      action: "partner.create",
      entityType: "Partner",
      entityId: partner.id,
      after: { legalName: partner.legalName, sector: partner.sector, verificationStatus: partner.verificationStatus },
    });
    await notifyUsers(tx, await dinasUserIds(tx, office.id), {
      kind: "verificationRequested",
      params: { name: partner.displayName },
      link: "/dinas/verification",
    });
    await sendWelcome(tx, user);
    return { created: true as const, record: { user, partner } };
  });
}

// A real hash to compare against when the email is unknown, so both paths take as long.
let dummyHash: Promise<string> | undefined;

/**
 * Checks the password and opens a session. Failures are audited (`user.loginFailed`, with the client IP)
 * and counted per account and per IP in the database; over the limit the answer is RateLimitedError (429)
 * until the window passes, whether the password is right or not.
 */
export async function logIn(email: string, password: string, meta: { ip?: string | null; userAgent?: string | null }) {
  // the email address, or for a phone account her mobile number (decision 109)
  const address = loginKey(email);
  await assertNotLimited("loginAccount", address);
  await assertNotLimited("loginIp", meta.ip);
  const user = await findByLogin(address);
  const ok = user && !user.disabledAt ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await (dummyHash ??= hashPassword("not-a-user"))), false);
  if (!user || !ok) {
    await countFailure("loginAccount", address);
    await countFailure("loginIp", meta.ip);
    await recordAudit(db, null, {
      action: "user.loginFailed",
      entityType: "User",
      entityId: user?.id ?? "unknown",
      after: { email: address.slice(0, 200), ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 200) ?? null },
    });
    throw new DomainError("auth:errors.invalidLogin");
  }
  await reset("loginAccount", address);
  const session = await createSession(user.id, meta);
  await recordAudit(db, { actorId: user.id, actorName: user.name, ip: meta.ip }, { action: "user.login", entityType: "User", entityId: user.id });
  return { user, session };
}

/** What an account is known by at the log-in form: a lower-cased email, or a mobile number as +62…. */
export function loginKey(input: string): string {
  const trimmed = input.trim();
  if (trimmed.includes("@")) return trimmed.toLowerCase();
  return normaliseIndonesianPhone(trimmed) ?? trimmed.toLowerCase();
}

export function findByLogin(key: string) {
  return key.startsWith("+") ? db.user.findUnique({ where: { phone: key } }) : db.user.findUnique({ where: { email: key } });
}

function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Emails a one-time reset link. Unknown addresses get no email; the caller shows the same message, and the
 * call takes at least RESET_REQUEST_MIN_MS either way. Limited per client IP (RateLimitedError) and per
 * address (over it, silently no further email: the answer stays the same).
 */
export async function requestPasswordReset(email: string, now = new Date(), meta: { ip?: string | null } = {}): Promise<void> {
  await consume("forgotIp", meta.ip);
  // an email address, or the mobile number of a phone account: the link goes where she chose (decision 109)
  const address = loginKey(email);
  await withMinimumDuration(RESET_REQUEST_MIN_MS, async () => {
    const token = randomBytes(32).toString("base64url");
    const tokenHash = hashToken(token);
    const user = await findByLogin(address);
    if (!user || user.disabledAt) return;
    try {
      await consume("forgotAccount", address);
    } catch (error) {
      if (isRateLimited(error)) return;
      throw error;
    }
    const t = getServerT(user.locale);
    await db.$transaction(async (tx) => {
      await tx.passwordResetToken.create({
        data: { userId: user.id, tokenHash, expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS) },
      });
      const link = appUrl(`/reset-password/${token}`);
      await deliverToUser(tx, user.id, {
        kind: "passwordReset",
        emailKind: "password-reset",
        subject: t("email:passwordReset.subject"),
        text: t("email:passwordReset.body", { name: user.name, link }),
        template: { name: "password_reset", params: [user.name, link] },
        secrets: [token],
      });
    });
  });
}

export async function findValidResetToken(token: string, now = new Date()) {
  const row = await db.passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.usedAt || row.expiresAt < now) return null;
  return row;
}

/** Sets the new password, uses up the token and signs the user out everywhere. */
export async function resetPassword(token: string, password: string, now = new Date()) {
  const row = await findValidResetToken(token, now);
  if (!row) throw new DomainError("auth:errors.resetLinkInvalid");
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const used = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) throw new DomainError("auth:errors.resetLinkInvalid");
    // Every other outstanding link of the account stops working too.
    await tx.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: now } });
    const user = await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await revokeAllSessions(user.id, tx);
    await recordAudit(tx, { actorId: user.id, actorName: user.name }, { action: "user.passwordReset", entityType: "User", entityId: user.id });
  });
}
