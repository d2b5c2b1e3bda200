import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "~/audit/audit.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { createSession, revokeAllSessions } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import { enqueueEmail } from "~/email/outbox.server";
import type { BusinessKind, GroupType, PartnerSector } from "~/generated/prisma/enums";
import { getServerT } from "~/i18n/i18n.server";
import { appUrl, dinasUserIds, notifyUsers } from "~/notifications/notify.server";

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

type AccountInput = { name: string; email: string; phone?: string; password: string; locale: "id" | "en" };

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
};

async function assertEmailFree(email: string) {
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new DomainError("auth:errors.emailTaken", {}, "email");
  }
}

/** A group chair signs up: the user and the pending group are written together. */
export async function signUpGroup(input: GroupSignUp, meta: { ip?: string | null; userAgent?: string | null }) {
  await assertEmailFree(input.email);
  const village = await db.village.findUnique({
    where: { id: input.villageId },
    select: { id: true, kecamatanId: true, kecamatan: { select: { dinasOfficeId: true } } },
  });
  if (!village) throw new DomainError("validation:choose", {}, "villageId");
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
        phone: input.phone ?? null,
        members: { create: { name: input.name, role: "CHAIR", phone: input.phone ?? null } },
      },
    });
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        phone: input.phone ?? null,
        passwordHash,
        role: "GROUP",
        locale: input.locale,
        groupId: group.id,
        title: "Ketua Kelompok",
      },
    });
    const actor = { actorId: user.id, actorName: user.name, ip: meta.ip };
    await recordAudit(tx, actor, { action: "user.signup", entityType: "User", entityId: user.id, after: { email: user.email, role: user.role } });
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
    const session = await createSession(user.id, meta, tx);
    return { user, group, session };
  });
}

/** A partner's staff member signs up: the user and the pending partner are written together. */
export async function signUpPartner(input: PartnerSignUp, meta: { ip?: string | null; userAgent?: string | null }) {
  await assertEmailFree(input.email);
  const office = await db.dinasOffice.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true, city: true } });
  if (!office) throw new DomainError("errors:noDinasOffice");
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
        contactPhone: input.phone ?? null,
        contactEmail: input.email,
        dinasOfficeId: office.id,
      },
    });
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        phone: input.phone ?? null,
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
    const session = await createSession(user.id, meta, tx);
    return { user, partner, session };
  });
}

// A real hash to compare against when the email is unknown, so both paths take as long.
let dummyHash: Promise<string> | undefined;

export async function logIn(email: string, password: string, meta: { ip?: string | null; userAgent?: string | null }) {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  if (!user || user.disabledAt) {
    await verifyPassword(password, await (dummyHash ??= hashPassword("not-a-user")));
    throw new DomainError("auth:errors.invalidLogin");
  }
  if (!(await verifyPassword(password, user.passwordHash))) throw new DomainError("auth:errors.invalidLogin");
  const session = await createSession(user.id, meta);
  await recordAudit(db, { actorId: user.id, actorName: user.name, ip: meta.ip }, { action: "user.login", entityType: "User", entityId: user.id });
  return { user, session };
}

function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** Emails a one-time reset link. Unknown addresses get no email, and the caller shows the same message. */
export async function requestPasswordReset(email: string, now = new Date()): Promise<void> {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  if (!user || user.disabledAt) return;
  const token = randomBytes(32).toString("base64url");
  const t = getServerT(user.locale);
  await db.$transaction(async (tx) => {
    await tx.passwordResetToken.create({
      data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS) },
    });
    const link = appUrl(`/reset-password/${token}`);
    await enqueueEmail(tx, {
      to: user.email,
      subject: t("email:passwordReset.subject"),
      text: t("email:passwordReset.body", { name: user.name, link }),
      kind: "password-reset",
      secrets: [token],
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
    const user = await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await revokeAllSessions(user.id, tx);
    await recordAudit(tx, { actorId: user.id, actorName: user.name }, { action: "user.passwordReset", entityType: "User", entityId: user.id });
  });
}
