import { randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { recordAudit } from "~/audit/audit.server";
import type { AuditActor } from "~/auth/actor";
import { verifyPassword } from "~/auth/password.server";
import { db, type DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import { enqueueEmail } from "~/email/outbox.server";
import type { SignerParty } from "~/generated/prisma/enums";
import { getServerT } from "~/i18n/i18n.server";
import { appUrl, dinasUserIds, notifyUsers } from "~/notifications/notify.server";
import { consume } from "~/security/rate-limit.server";
import { activateMouCoaching } from "./coaching-adapter.server";
import { contentHash, sha256Hex } from "./canonical";
import type { MouContent } from "./content";
import { readMouContent } from "./stored-content";
import { mouMachine, mouVersionMachine } from "./mou-machine";
import { uniqueVerificationCode } from "./seal.server";
import { moveSigner } from "./signer-transitions.server";
import { generateFirstStandingOrders } from "./orders-adapter.server";
import { sealPendingVersions } from "./sealing.server";
import { mouPartyUserIds, openNewVersion } from "./versions.server";
import { startOfDay } from "~/time/calendar";
import { mouTimeZone } from "~/time/office-zone.server";

export const SIGNING_LINK_TTL_MS = 7 * 24 * 3600_000;
export const CODE_TTL_MS = 10 * 60_000;
export const CODE_RESEND_MS = 60_000;
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MS = 15 * 60_000;
export const REMIND_AFTER_MS = 3 * 24 * 3600_000;
/** At most this many reminders (days 3, 6 and 9 after the request); then Dinas is told (decision 094). */
export const MAX_REMINDERS = 3;
/** Days after the request at which a signer who still has not signed, reminders spent, is reported to Dinas. */
export const ESCALATE_AFTER_MS = 10 * 24 * 3600_000;

type NewSigner = { order: number; party: SignerParty; groupId: string | null; partnerId: string | null; userId: string | null; name: string; title: string; email: string | null };

/**
 * The signers of a version, in signing order: each group's chair, then the partner's signatory, then
 * the Dinas signatory (witness and countersignature). A signatory with a matching account signs with
 * their password; one without an account (only an email) with a 6-digit code sent by email.
 */
export async function resolveSigners(tx: DbClient, partnerId: string, dinasOfficeId: string, content: MouContent): Promise<NewSigner[]> {
  const signers: NewSigner[] = [];
  let order = 1;
  for (const g of content.parties.groups) {
    const users = await tx.user.findMany({ where: { groupId: g.id, role: "GROUP", disabledAt: null }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, email: true, phone: true } });
    const user = users.find((u) => u.name === g.chairName) ?? users[0];
    const email = g.chairEmail?.trim().toLowerCase() || user?.email || null;
    // A chair with only a phone number signs with her account; link and codes reach her phone (decision 109).
    const account = email ? (users.find((u) => u.email === email) ?? null) : (user ?? null);
    if (!email && !account?.phone) throw new DomainError("mou:errors.noSignerEmail", { name: g.name });
    signers.push({ order: order++, party: "GROUP", groupId: g.id, partnerId: null, userId: account?.id ?? null, name: g.chairName || account?.name || g.name, title: `Ketua ${g.name}`, email });
  }
  const p = content.parties.partner;
  const partnerUsers = await tx.user.findMany({ where: { partnerId, role: "PARTNER", disabledAt: null }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, email: true } });
  const pEmail = p.signatoryEmail?.trim().toLowerCase() || (partnerUsers.find((u) => u.name === p.signatoryName) ?? partnerUsers[0])?.email;
  if (!pEmail) throw new DomainError("mou:errors.noSignerEmail", { name: p.displayName });
  const pAccount = partnerUsers.find((u) => u.email === pEmail) ?? null;
  signers.push({ order: order++, party: "PARTNER", groupId: null, partnerId, userId: pAccount?.id ?? null, name: p.signatoryName, title: p.signatoryTitle, email: pEmail });
  const d = content.parties.dinas;
  const dinasUsers = await tx.user.findMany({ where: { dinasOfficeId, role: "DINAS", disabledAt: null }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, email: true } });
  const dEmail = d.signatoryEmail?.trim().toLowerCase() || (dinasUsers.find((u) => u.name === d.signatoryName) ?? dinasUsers[0])?.email;
  if (!dEmail) throw new DomainError("mou:errors.noSignerEmail", { name: d.name });
  const dAccount = dinasUsers.find((u) => u.email === dEmail) ?? null;
  signers.push({ order: order++, party: "DINAS", groupId: null, partnerId: null, userId: dAccount?.id ?? null, name: d.signatoryName, title: d.signatoryTitle, email: dEmail });
  return signers;
}

export function hashToken(token: string): string {
  return sha256Hex(`mou-signing-link:${token}`);
}

function hashCode(signerId: string, code: string): string {
  return sha256Hex(`mou-signing-code:${signerId}:${code}`);
}

/**
 * Gives a signer a fresh one-time signing link (any earlier link of theirs stops working), emails it,
 * and tells account holders in-app. Returns the token (only its hash is stored).
 */
export async function issueSigningLink(tx: DbClient, signerId: string, now: Date, reminder = false, actor: AuditActor | null = null): Promise<string> {
  const signer = await tx.mouSigner.findUniqueOrThrow({
    where: { id: signerId },
    select: { id: true, status: true, party: true, name: true, email: true, userId: true, reminderCount: true, version: { select: { mouId: true, mou: { select: { number: true } } } } },
  });
  const token = randomBytes(32).toString("base64url");
  // WAITING → NOTIFIED on the first link, NOTIFIED → NOTIFIED on a reminder: through the signer machine, audited
  await moveSigner(tx, actor, { ...signer, mouId: signer.version.mouId }, reminder ? "remind" : "notify", {
    data: {
      tokenHash: hashToken(token),
      tokenExpiresAt: new Date(now.getTime() + SIGNING_LINK_TTL_MS),
      tokenUsedAt: null,
      ...(reminder ? { remindedAt: now, reminderCount: { increment: 1 } } : { notifiedAt: now, reminderCount: 0, escalatedAt: null }),
    },
    auditAfter: reminder ? { reminder: signer.reminderCount + 1 } : {},
  });
  const user = signer.userId ? await tx.user.findUnique({ where: { id: signer.userId }, select: { locale: true } }) : null;
  const t = getServerT(user?.locale ?? "id");
  const params = { name: signer.name, number: signer.version.mou.number };
  const link = appUrl(`/sign/${token}`);
  const mail = {
    subject: `[Bermitra] ${t(reminder ? "mou:email.reminderSubject" : "mou:email.signSubject", params)}`,
    text: `${t("mou:email.signBody", params)}\n\n${link}\n\n${t("mou:email.signFooter")}\n\n— ${t("email:signature")}`,
    kind: reminder ? "mou.signReminder" : "mou.signRequest",
    secrets: [token],
  };
  // An account holder gets it where she chose for signing links (her phone first when she has one, decision
  // 109); the address named in the MoU otherwise.
  const { sendToUser } = await import("~/messaging/messaging.server");
  const texted = signer.userId ? await sendToUser(tx, signer.userId, { kind: "signingLink", subject: mail.subject, text: mail.text, template: { name: "signing_link", params: [signer.name, signer.version.mou.number, link] }, secrets: [token] }) : false;
  if (!texted && signer.email) await enqueueEmail(tx, { to: signer.email, ...mail });
  if (signer.userId) {
    await notifyUsers(tx, [signer.userId], { kind: reminder ? "mou:notify.signReminder" : "mou:notify.signRequest", params, link: `/mou/${signer.version.mouId}/sign`, email: false });
  }
  return token;
}

/** The signer a valid, unused, unexpired link belongs to, while it is their turn; null otherwise. */
export async function signerForToken(token: string, now = new Date()) {
  if (!token || token.length > 200) return null;
  const signer = await db.mouSigner.findUnique({ where: { tokenHash: hashToken(token) }, include: { version: { select: { id: true, mouId: true, status: true } } } });
  if (!signer || signer.tokenUsedAt || !signer.tokenExpiresAt || signer.tokenExpiresAt <= now) return null;
  if (signer.status !== "NOTIFIED" || signer.version.status !== "OUT_FOR_SIGNATURE") return null;
  return signer;
}

/** The signer record of a signed-in user whose turn it is on the MoU's current version. */
export async function currentSignerForUser(mouId: string, userId: string) {
  const mou = await db.mou.findUnique({ where: { id: mouId }, select: { currentVersionId: true } });
  if (!mou?.currentVersionId) return null;
  const signer = await db.mouSigner.findFirst({
    where: { versionId: mou.currentVersionId, userId, status: "NOTIFIED", version: { status: "OUT_FOR_SIGNATURE" } },
    include: { version: { select: { id: true, mouId: true, status: true } } },
  });
  return signer;
}

/** First view of the document by a signer (audited once). */
export async function recordSignerView(signerId: string, actor: AuditActor | null, now = new Date()) {
  await db.$transaction(async (tx) => {
    const updated = await tx.mouSigner.updateMany({ where: { id: signerId, viewedAt: null }, data: { viewedAt: now } });
    if (updated.count !== 1) return;
    const s = await tx.mouSigner.findUniqueOrThrow({ where: { id: signerId }, select: { name: true, party: true, version: { select: { mouId: true, versionNumber: true } } } });
    await recordAudit(tx, actor, { action: "mou.viewed", entityType: "Mou", entityId: s.version.mouId, after: { signer: s.name, party: s.party, versionNumber: s.version.versionNumber } });
  });
}

/**
 * Sends a 6-digit code to a signer without an account (at most one a minute, never while locked). In an
 * in-person session (`assisted`, decision 095) a chair with an account gets one too: sent to her phone
 * when her account has one (through app/messaging when it is configured), else to her email.
 */
export async function requestSigningCode(signerId: string, now = new Date(), options: { assisted?: boolean } = {}): Promise<string> {
  await consume("signingCodeRequest", signerId, "code");
  return db.$transaction(async (tx) => {
    const s = await tx.mouSigner.findUniqueOrThrow({ where: { id: signerId }, select: { id: true, email: true, name: true, userId: true, lockedUntil: true, codeExpiresAt: true } });
    if (s.userId && !options.assisted) throw new DomainError("mou:errors.usePassword");
    if (s.lockedUntil && s.lockedUntil > now) throw new DomainError("mou:errors.locked", {}, "code");
    if (s.codeExpiresAt && s.codeExpiresAt.getTime() - CODE_TTL_MS + CODE_RESEND_MS > now.getTime()) throw new DomainError("mou:errors.codeTooSoon", {}, "code");
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    await tx.mouSigner.update({ where: { id: s.id }, data: { codeHash: hashCode(s.id, code), codeExpiresAt: new Date(now.getTime() + CODE_TTL_MS) } });
    const user = s.userId ? await tx.user.findUnique({ where: { id: s.userId }, select: { locale: true } }) : null;
    const t = getServerT(user?.locale ?? "id");
    await deliverSigningCode(tx, { userId: s.userId, email: s.email, subject: `[Bermitra] ${t("mou:email.codeSubject")}`, text: `${t("mou:email.codeBody", { code, name: s.name })}\n\n— ${t("email:signature")}`, code });
    return code;
  });
}

/** Where a signing code goes: the messaging channels of the signer's account (decision 096) or her email. */
async function deliverSigningCode(tx: DbClient, input: { userId: string | null; email: string | null; subject: string; text: string; code: string }) {
  if (input.userId) {
    const { sendToUser } = await import("~/messaging/messaging.server");
    const queued = await sendToUser(tx, input.userId, { kind: "signingCode", text: input.text, subject: input.subject, template: { name: "signing_code", params: [input.code] }, secrets: [input.code] });
    if (queued) return;
  }
  if (!input.email) throw new DomainError("mou:errors.noCodeDestination", {}, "code");
  await enqueueEmail(tx, { to: input.email, subject: input.subject, text: input.text, kind: "mou.signCode", secrets: [input.code] });
}

export type Credential = {
  password?: string | null;
  code?: string | null;
  /** the client IP, for the per-IP attempt limit */
  ip?: string | null;
  /** in-person signing: the chair confirms with the code sent to her, even when she has an account */
  useCode?: boolean;
};

/**
 * Re-confirms the signer's identity: the account password, or the emailed code for signers without an
 * account. Wrong answers are counted (outside any transaction that would roll back) and lock after 5.
 */
export async function confirmSignerIdentity(signerId: string, credential: Credential, now = new Date()): Promise<void> {
  const s = await db.mouSigner.findUniqueOrThrow({ where: { id: signerId }, select: { id: true, userId: true, lockedUntil: true, codeHash: true, codeExpiresAt: true } });
  const byPassword = !!s.userId && !credential.useCode;
  const field = byPassword ? "password" : "code";
  // Abuse limits beside the lock: per signer and per client IP, in the database (app/security).
  await consume("signingAttemptSigner", s.id, field);
  await consume("signingAttemptIp", credential.ip ?? null, field);
  // An expired lock starts a fresh count.
  await db.mouSigner.updateMany({ where: { id: s.id, lockedUntil: { lte: now } }, data: { lockedUntil: null, failedAttempts: 0 } });
  // Each attempt takes one of the MAX_FAILED_ATTEMPTS slots *before* the check, in one UPDATE, so parallel
  // attempts cannot all read the same count: once the slots are taken, further attempts are refused.
  const reserved = await db.mouSigner.updateMany({
    where: { id: s.id, failedAttempts: { lt: MAX_FAILED_ATTEMPTS }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { failedAttempts: { increment: 1 } },
  });
  if (reserved.count !== 1) throw new DomainError("mou:errors.locked", {}, field);
  let ok = false;
  if (byPassword) {
    const user = await db.user.findUnique({ where: { id: s.userId! }, select: { passwordHash: true, disabledAt: true } });
    ok = !!user && !user.disabledAt && !!credential.password && (await verifyPassword(credential.password, user.passwordHash));
  } else {
    const code = (credential.code ?? "").trim();
    if (/^\d{6}$/.test(code) && s.codeHash && s.codeExpiresAt && s.codeExpiresAt > now) {
      const a = Buffer.from(hashCode(s.id, code));
      const b = Buffer.from(s.codeHash);
      ok = a.length === b.length && timingSafeEqual(a, b);
    }
  }
  if (ok) {
    // A code is single use: only the attempt that clears it wins.
    const cleared = await db.mouSigner.updateMany({
      where: { id: s.id, ...(byPassword ? {} : { codeHash: s.codeHash }) },
      data: { failedAttempts: 0, lockedUntil: null, ...(byPassword ? {} : { codeHash: null, codeExpiresAt: null }) },
    });
    if (cleared.count === 1) return;
  }
  const after = await db.mouSigner.findUniqueOrThrow({ where: { id: s.id }, select: { failedAttempts: true } });
  const lock = after.failedAttempts >= MAX_FAILED_ATTEMPTS;
  if (lock) await db.mouSigner.updateMany({ where: { id: s.id, lockedUntil: null }, data: { lockedUntil: new Date(now.getTime() + LOCK_MS) } });
  throw new DomainError(lock ? "mou:errors.locked" : byPassword ? "mou:errors.wrongPassword" : "mou:errors.wrongCode", {}, field);
}

function normaliseName(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLocaleLowerCase("id");
}

export const MAX_SIGNATURE_BYTES = 200_000;

export type SignInput = {
  signerId: string;
  typedName: string;
  signatureImage?: string | null;
  consent: boolean;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
  /** in-person signing (decision 095): the officer who witnessed it and how the chair confirmed */
  witness?: { userId: string; name: string; title: string; method: "CODE" | "ATTESTED" } | null;
};

/**
 * Records one signature, bound to the SHA-256 of the version's canonical content. Identity must have been
 * confirmed just before (confirmSignerIdentity). The next signer is then asked; after the last one the
 * version is sealed into a PDF and the MoU becomes ACTIVE.
 */
export async function signVersion(actor: AuditActor | null, input: SignInput) {
  const now = input.now ?? new Date();
  if (!input.consent) throw new DomainError("mou:errors.consentRequired", {}, "consent");
  const image = input.signatureImage?.trim() || null;
  if (image && (!/^data:image\/png;base64,[A-Za-z0-9+/=]+$/.test(image) || image.length > MAX_SIGNATURE_BYTES)) {
    throw new DomainError("mou:errors.badSignatureImage", {}, "signatureImage");
  }
  const result = await db.$transaction(async (tx) => {
    const signer = await tx.mouSigner.findUnique({
      where: { id: input.signerId },
      include: { version: { select: { id: true, mouId: true, status: true, content: true, contentHash: true, versionNumber: true } } },
    });
    if (!signer) throw new DomainError("errors:notFound");
    if (signer.status !== "NOTIFIED" || signer.version.status !== "OUT_FOR_SIGNATURE") throw new DomainError("mou:errors.notYourTurn");
    const earlier = await tx.mouSigner.count({ where: { versionId: signer.versionId, order: { lt: signer.order }, status: { not: "SIGNED" } } });
    if (earlier > 0) throw new DomainError("mou:errors.notYourTurn");
    if (normaliseName(input.typedName) !== normaliseName(signer.name)) throw new DomainError("mou:errors.nameMismatch", { name: signer.name }, "typedName");
    // The stored text must still be the one whose hash was sent out: any change voids the signing.
    const hash = contentHash(readMouContent(signer.version.content, signer.version.id));
    if (hash !== signer.version.contentHash) throw new DomainError("mou:errors.integrity");
    const signedBefore = await tx.mouSigner.findMany({ where: { versionId: signer.versionId, status: "SIGNED" }, select: { signedHash: true } });
    if (signedBefore.some((s) => s.signedHash !== hash)) throw new DomainError("mou:errors.integrity");

    await moveSigner(tx, actor, { ...signer, mouId: signer.version.mouId }, "sign", {
      data: {
        signedAt: now,
        typedName: input.typedName.trim(),
        signatureImage: image,
        signedHash: hash,
        ip: input.ip ?? null,
        userAgent: input.userAgent?.slice(0, 400) ?? null,
        tokenUsedAt: now,
        viewedAt: signer.viewedAt ?? now,
        ...(input.witness ? { witnessUserId: input.witness.userId, witnessName: input.witness.name, witnessTitle: input.witness.title, assistedMethod: input.witness.method } : {}),
      },
      auditAfter: { title: signer.title, versionNumber: signer.version.versionNumber, contentHash: hash, ip: input.ip ?? null, userAgent: input.userAgent?.slice(0, 200) ?? null, drawn: !!image, ...(input.witness ? { assisted: true, witness: input.witness.name, witnessTitle: input.witness.title, confirmedBy: input.witness.method } : {}) },
    });
    const next = await tx.mouSigner.findFirst({ where: { versionId: signer.versionId, status: "WAITING" }, orderBy: { order: "asc" }, select: { id: true } });
    if (next) {
      await issueSigningLink(tx, next.id, now, false, actor);
      return { completed: false as const, versionId: signer.version.id, mouId: signer.version.mouId };
    }
    await completeVersion(tx, actor, signer.version.mouId, signer.version.id);
    return { completed: true as const, versionId: signer.version.id, mouId: signer.version.mouId };
  });
  // Completed ("signed") → sealed: render and store the PDF now that the signatures are committed. A failure
  // is recorded on the version (visible to Dinas) and retried by the mou-sealing job.
  if (result.completed) {
    await sealPendingVersions(now, { versionId: result.versionId });
    // the first standing orders exist as soon as the MoU is active, not when the job next runs
    await generateFirstStandingOrders(result.mouId, now);
  }
  return result;
}

/** All parties signed: assign the verification code, make the version the one in force, activate coaching commitments (the PDF is sealed after commit). */
async function completeVersion(tx: DbClient, actor: AuditActor | null, mouId: string, versionId: string) {
  const mou = await tx.mou.findUniqueOrThrow({ where: { id: mouId }, select: { id: true, number: true, status: true, activeVersionId: true } });
  const version = await tx.mouVersion.findUniqueOrThrow({ where: { id: versionId }, select: { status: true, content: true, versionNumber: true } });
  mouVersionMachine.apply(version.status, "sign");
  const content = readMouContent(version.content, versionId);
  const previousActive = mou.activeVersionId;
  if (previousActive) {
    mouMachine.apply(mou.status, "amend");
  } else {
    mouMachine.apply(mou.status, "complete");
  }
  await recordAudit(tx, actor, { action: "mou.completed", entityType: "Mou", entityId: mou.id, after: { versionNumber: version.versionNumber } });
  // The PDF is sealed after this transaction commits (sealPendingVersions): nothing slow holds the write lock.
  const sealed = { verificationCode: await uniqueVerificationCode(tx) };
  const updatedVersion = await tx.mouVersion.updateMany({
    where: { id: versionId, status: "OUT_FOR_SIGNATURE" },
    data: { status: "SIGNED", verificationCode: sealed.verificationCode },
  });
  if (updatedVersion.count !== 1) throw new DomainError("errors:staleState");
  if (previousActive) await tx.mouVersion.updateMany({ where: { id: previousActive, status: "SIGNED" }, data: { status: "SUPERSEDED" } });
  const zone = await mouTimeZone(tx, mou.id); // the period in the office's calendar (decision 104)
  const updatedMou = await tx.mou.updateMany({
    where: { id: mou.id, status: mou.status },
    data: {
      status: "ACTIVE",
      activeVersionId: versionId,
      currentVersionId: versionId,
      startDate: startOfDay(content.period.startDate, zone),
      endDate: startOfDay(content.period.endDate, zone),
      expiryNoticeSentAt: null,
    },
  });
  if (updatedMou.count !== 1) throw new DomainError("errors:staleState");
  await activateMouCoaching(tx, actor, mou.id);
  const { mouPartyUserIds } = await import("./mou.server");
  await notifyUsers(tx, await mouPartyUserIds(tx, mou.id), { kind: "mou:notify.completed", params: { number: mou.number, code: sealed.verificationCode }, link: `/mou/${mou.id}`, email: false });
}

/**
 * A signer declines with a reason: the version is void, a new draft version is opened for Dinas to revise.
 * Declining voids every signature already given, so it needs the same identity confirmation as signing
 * (password or emailed code, counted and locked after 5 wrong tries): a signing link alone is not enough.
 */
export async function declineSignature(actor: AuditActor | null, signerId: string, reason: string, credential: Credential, now = new Date()) {
  if (!reason?.trim()) throw new DomainError("errors:reasonRequired", {}, "reason");
  await confirmSignerIdentity(signerId, credential, now);
  return db.$transaction(async (tx) => {
    const signer = await tx.mouSigner.findUnique({ where: { id: signerId }, include: { version: { select: { id: true, mouId: true, status: true, content: true, versionNumber: true } } } });
    if (!signer) throw new DomainError("errors:notFound");
    if (signer.status !== "NOTIFIED" || signer.version.status !== "OUT_FOR_SIGNATURE") throw new DomainError("mou:errors.notYourTurn");
    const mou = await tx.mou.findUniqueOrThrow({ where: { id: signer.version.mouId }, select: { id: true, number: true, status: true, activeVersionId: true, dinasOfficeId: true } });
    const nextVersionStatus = mouVersionMachine.apply(signer.version.status, "decline", reason);
    await moveSigner(tx, actor, { ...signer, mouId: mou.id }, "decline", { reason, data: { declineReason: reason.trim(), tokenUsedAt: now }, auditAfter: { versionNumber: signer.version.versionNumber } });
    await tx.mouVersion.update({ where: { id: signer.version.id }, data: { status: nextVersionStatus } });
    await tx.mouSigner.updateMany({ where: { versionId: signer.version.id, tokenUsedAt: null }, data: { tokenUsedAt: now } });
    if (!mou.activeVersionId) {
      const nextMou = mouMachine.apply(mou.status, "decline", reason);
      const u = await tx.mou.updateMany({ where: { id: mou.id, status: mou.status }, data: { status: nextMou } });
      if (u.count !== 1) throw new DomainError("errors:staleState");
    }
    const version = await openNewVersion(tx, actor ?? { actorId: "", actorName: signer.name }, mou.id, signer.version.content, reason.trim());
    await recordAudit(tx, actor, { action: "mou.declined", entityType: "Mou", entityId: mou.id, after: { signer: signer.name, party: signer.party, versionNumber: signer.version.versionNumber, newVersion: version.versionNumber }, reason });
    await notifyUsers(tx, await mouPartyUserIds(tx, mou.id), { kind: "mou:notify.declined", params: { number: mou.number, name: signer.name, reason: reason.trim() }, link: `/mou/${mou.id}` });
  });
}

/**
 * Job: a signer who was asked 3 days ago (or reminded 3 days ago) and has not signed gets a fresh link, at
 * most MAX_REMINDERS times. Ten days after the request, reminders spent, the office's Dinas users are told
 * once (in-app and email) so someone can call or visit (decision 094).
 */
export async function remindSigners(now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - REMIND_AFTER_MS);
  const due = await db.mouSigner.findMany({
    where: {
      status: "NOTIFIED",
      version: { status: "OUT_FOR_SIGNATURE" },
      notifiedAt: { lte: cutoff },
      reminderCount: { lt: MAX_REMINDERS },
      OR: [{ remindedAt: null }, { remindedAt: { lte: cutoff } }],
    },
    select: { id: true, name: true, reminderCount: true, version: { select: { mouId: true } } },
  });
  for (const s of due) {
    await db.$transaction(async (tx) => {
      // Guarded: a parallel run of the job cannot send the same reminder twice.
      const claimed = await tx.mouSigner.updateMany({ where: { id: s.id, reminderCount: s.reminderCount, status: "NOTIFIED" }, data: { remindedAt: now } });
      if (claimed.count !== 1) return;
      await issueSigningLink(tx, s.id, now, true); // audited as mou.reminded by the signer machine
    });
  }
  await escalateStalledSigners(now);
  return due.length;
}

/** Signers still unsigned ESCALATE_AFTER_MS after the request with every reminder sent: Dinas is told, once. */
export async function escalateStalledSigners(now: Date): Promise<number> {
  const stalled = await db.mouSigner.findMany({
    where: {
      status: "NOTIFIED",
      version: { status: "OUT_FOR_SIGNATURE" },
      reminderCount: { gte: MAX_REMINDERS },
      notifiedAt: { lte: new Date(now.getTime() - ESCALATE_AFTER_MS) },
      escalatedAt: null,
    },
    select: { id: true, name: true, title: true, notifiedAt: true, version: { select: { mouId: true, mou: { select: { number: true, dinasOfficeId: true } } } } },
  });
  let told = 0;
  for (const s of stalled) {
    await db.$transaction(async (tx) => {
      const claimed = await tx.mouSigner.updateMany({ where: { id: s.id, escalatedAt: null }, data: { escalatedAt: now } });
      if (claimed.count !== 1) return;
      const days = Math.floor((now.getTime() - (s.notifiedAt?.getTime() ?? now.getTime())) / 86_400_000);
      await recordAudit(tx, null, { action: "mou.signingStalled", entityType: "Mou", entityId: s.version.mouId, after: { signer: s.name, reminders: MAX_REMINDERS, days } });
      await notifyUsers(tx, await dinasUserIds(tx, s.version.mou.dinasOfficeId), {
        kind: "mou:notify.signingStalled",
        params: { number: s.version.mou.number, name: s.name, title: s.title, days, reminders: MAX_REMINDERS },
        link: `/mou/${s.version.mouId}`,
      });
      told++;
    });
  }
  return told;
}
