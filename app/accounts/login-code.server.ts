import { randomInt, timingSafeEqual } from "node:crypto";
import { recordAudit } from "~/audit/audit.server";
import { createSession } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import { getServerT } from "~/i18n/i18n.server";
import { sendToUser } from "~/messaging/messaging.server";
import { normaliseIndonesianPhone } from "~/messaging/phone";
import { sha256Hex } from "~/mou/canonical";
import { assertNotLimited, consume, countFailure, isRateLimited, reset } from "~/security/rate-limit.server";
import { withMinimumDuration } from "./accounts.server";

/**
 * Log-in with a one-time code sent to the phone (issue 13 item 12, decision 109), for members who have a mobile
 * number and perhaps no email. The code is 6 digits, stored only as a hash, valid 10 minutes, used once, void
 * after 5 wrong tries; a new one replaces the old. Sending is limited per number and per client IP; wrong
 * codes count towards the same per-account and per-IP log-in limits as wrong passwords (decision 064).
 * Whether a number has an account is never told: the answer to "send me a code" is always the same.
 */
export const LOGIN_CODE_TTL_MS = 10 * 60_000;
export const LOGIN_CODE_RESEND_MS = 60_000;
export const LOGIN_CODE_MAX_ATTEMPTS = 5;
const REQUEST_MIN_MS = 300;

/** The stored form of a log-in code (exported for test fixtures). */
export function codeHash(userId: string, code: string): string {
  return sha256Hex(`login-code:${userId}:${code}`);
}

/** The +62… number of a form's input, or a field error. */
export function readPhone(input: string): string {
  const phone = normaliseIndonesianPhone(input);
  if (!phone) throw new DomainError("validation:phone", {}, "phone");
  return phone;
}

/**
 * Sends a log-in code to the account with this mobile number, on her chosen phone channel (WhatsApp, then SMS).
 * Unknown numbers, disabled accounts and a request within a minute of the last one send nothing; the caller
 * answers the same way in every case. Returns the code when one was sent (for tests; never shown).
 */
export async function requestLoginCode(phoneInput: string, now: Date, meta: { ip?: string | null } = {}): Promise<string | null> {
  const phone = readPhone(phoneInput);
  await consume("loginCodeRequestIp", meta.ip, "phone");
  return withMinimumDuration(REQUEST_MIN_MS, async () => {
    const user = await db.user.findUnique({ where: { phone }, select: { id: true, name: true, locale: true, disabledAt: true } });
    if (!user || user.disabledAt) return null;
    try {
      await consume("loginCodeRequest", phone);
    } catch (error) {
      if (isRateLimited(error)) return null;
      throw error;
    }
    const last = await db.loginCode.findFirst({ where: { userId: user.id, usedAt: null }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
    if (last && now.getTime() - last.createdAt.getTime() < LOGIN_CODE_RESEND_MS) return null;
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const t = getServerT(user.locale);
    await db.$transaction(async (tx) => {
      // only the newest code works
      await tx.loginCode.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
      await tx.loginCode.create({ data: { userId: user.id, codeHash: codeHash(user.id, code), expiresAt: new Date(now.getTime() + LOGIN_CODE_TTL_MS), createdAt: now } });
      const text = `${t("auth:code.message", { code, name: user.name })}\n\n— ${t("email:signature")}`;
      const queued = await sendToUser(tx, user.id, { kind: "loginCode", subject: `[Bermitra] ${t("auth:code.subject")}`, text, template: { name: "login_code", params: [code] }, secrets: [code] });
      // She chose email for log-in codes: it goes there (the account has a phone, so this is her own choice).
      if (!queued) {
        const { deliverToUser } = await import("~/messaging/messaging.server");
        await deliverToUser(tx, user.id, { kind: "loginCode", emailKind: "login-code", subject: `[Bermitra] ${t("auth:code.subject")}`, text, template: { name: "login_code", params: [code] }, secrets: [code] });
      }
      await recordAudit(tx, { actorId: user.id, actorName: user.name, ip: meta.ip ?? null }, { action: "user.loginCodeSent", entityType: "User", entityId: user.id, after: { to: phone } });
    });
    return code;
  });
}

/**
 * Checks a log-in code and opens a session. Each try takes one of the code's 5 attempts before the check (one
 * guarded UPDATE, so parallel tries cannot share a count); the right code is used up by the try that marks it.
 */
export async function logInWithCode(phoneInput: string, codeInput: string, now: Date, meta: { ip?: string | null; userAgent?: string | null } = {}) {
  const phone = readPhone(phoneInput);
  const key = phone;
  await assertNotLimited("loginAccount", key, "code");
  await assertNotLimited("loginIp", meta.ip, "code");
  const code = codeInput.trim();
  const user = await db.user.findUnique({ where: { phone } });
  const active = user && !user.disabledAt ? await db.loginCode.findFirst({ where: { userId: user.id, usedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" } }) : null;
  let ok = false;
  let spent = false;
  if (active && user) {
    const reserved = await db.loginCode.updateMany({ where: { id: active.id, usedAt: null, attempts: { lt: LOGIN_CODE_MAX_ATTEMPTS } }, data: { attempts: { increment: 1 } } });
    if (reserved.count === 1 && /^\d{6}$/.test(code)) {
      const a = Buffer.from(codeHash(user.id, code));
      const b = Buffer.from(active.codeHash);
      ok = a.length === b.length && timingSafeEqual(a, b);
    }
    if (ok) {
      const used = await db.loginCode.updateMany({ where: { id: active.id, usedAt: null }, data: { usedAt: now } });
      ok = used.count === 1;
    }
    if (!ok) {
      const after = await db.loginCode.findUnique({ where: { id: active.id }, select: { attempts: true } });
      spent = (after?.attempts ?? LOGIN_CODE_MAX_ATTEMPTS) >= LOGIN_CODE_MAX_ATTEMPTS;
      if (spent) await db.loginCode.updateMany({ where: { id: active.id, usedAt: null }, data: { usedAt: now } });
    }
  }
  if (!user || !ok) {
    await countFailure("loginAccount", key);
    await countFailure("loginIp", meta.ip);
    await recordAudit(db, null, { action: "user.loginFailed", entityType: "User", entityId: user?.id ?? "unknown", after: { phone, method: "code", ip: meta.ip ?? null, userAgent: meta.userAgent?.slice(0, 200) ?? null } });
    throw new DomainError(spent ? "auth:errors.codeSpent" : "auth:errors.wrongCode", {}, "code");
  }
  await reset("loginAccount", key);
  const session = await createSession(user.id, meta);
  await recordAudit(db, { actorId: user.id, actorName: user.name, ip: meta.ip }, { action: "user.login", entityType: "User", entityId: user.id, after: { method: "code" } });
  return { user, session };
}
