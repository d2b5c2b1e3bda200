import { NO_ROW, type Actor } from "~/auth/actor";
import { verifyPassword } from "~/auth/password.server";
import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { Prisma } from "~/generated/prisma/client";
import { formatPhone, normaliseIndonesianPhone } from "~/messaging/phone";
import { consume } from "~/security/rate-limit.server";
import { readMouContent } from "./stored-content";
import { confirmSignerIdentity, requestSigningCode, signVersion } from "./signing.server";

/**
 * In-person (assisted) signing, decision 095: a facilitator of the group or a Dinas officer of the MoU's
 * office opens a session on their own device for a chair who is with them. The chair confirms with a one-time
 * code sent to her (phone first) or the officer attests that she is present (with the officer's password);
 * the chair then types her name, draws, consents and signs on that device. The officer is the witness.
 *
 * Who may: only those two. The scope is in the `where` of every lookup: an MoU of another office, or a group
 * another facilitator looks after, is not found (404). Admins do not witness signatures.
 */
export type AssistedMethod = "CODE" | "ATTESTED";

/** MoUs whose chairs the actor may witness: Dinas of the MoU's office, the facilitator of one of its groups. */
function mousWitnessableBy(actor: Actor): Prisma.MouWhereInput {
  if (actor.role === "DINAS") return actor.dinasOfficeId ? { dinasOfficeId: actor.dinasOfficeId } : NO_ROW;
  if (actor.role === "FACILITATOR") return { groups: { some: { group: { facilitatorId: actor.actorId } } } };
  return NO_ROW;
}

/** The group signers the actor may witness: any group of the office for Dinas (the MoU is already scoped), her own groups for a facilitator. */
async function signerGroupsWitnessableBy(actor: Actor): Promise<Prisma.MouSignerWhereInput> {
  if (actor.role !== "FACILITATOR") return {};
  const groups = await db.group.findMany({ where: { facilitatorId: actor.actorId }, select: { id: true } });
  return { groupId: { in: groups.map((g) => g.id) } };
}

/** Masks an address for the officer's screen: "+62 812-****-0101", "ra***@example.com". */
function maskedDestination(phone: string | null, email: string | null): { kind: "phone" | "email"; value: string } | null {
  const e164 = normaliseIndonesianPhone(phone);
  if (e164) {
    const shown = formatPhone(e164);
    return { kind: "phone", value: shown.replace(/-(\d{4})-/, "-****-") };
  }
  if (email) {
    const [local, domain] = email.split("@");
    return { kind: "email", value: `${(local ?? "").slice(0, 2)}***@${domain ?? ""}` };
  }
  return null;
}

async function officerOf(actor: Actor) {
  return db.user.findUniqueOrThrow({ where: { id: actor.actorId }, select: { id: true, name: true, title: true, role: true, passwordHash: true } });
}

/**
 * The signing session the actor may open on an MoU: the MoU (404 when outside the actor's scope: null) and the
 * group chair whose turn it is now, when that chair's group is one the actor looks after (else `signer` null).
 */
export async function assistedSigningFor(actor: Actor, mouId: string) {
  const mou = await db.mou.findFirst({ where: { AND: [{ id: mouId }, mousWitnessableBy(actor)] }, select: { id: true, number: true, currentVersionId: true } });
  if (!mou) return null;
  const signer = mou.currentVersionId
    ? await db.mouSigner.findFirst({
        where: {
          versionId: mou.currentVersionId,
          status: "NOTIFIED",
          party: "GROUP",
          version: { status: "OUT_FOR_SIGNATURE" },
          ...(await signerGroupsWitnessableBy(actor)),
        },
        orderBy: { order: "asc" },
        select: { id: true, name: true, title: true, email: true, userId: true, groupId: true, versionId: true, order: true, lockedUntil: true, version: { select: { versionNumber: true, content: true } } },
      })
    : null;
  // Only when it is really her turn (everyone before her has signed).
  const earlier = signer ? await db.mouSigner.count({ where: { versionId: signer.versionId, order: { lt: signer.order }, status: { not: "SIGNED" } } }) : 0;
  if (!signer || earlier > 0) return { mou: { id: mou.id, number: mou.number }, signer: null };
  const user = signer.userId ? await db.user.findUnique({ where: { id: signer.userId }, select: { phone: true, email: true } }) : null;
  return {
    mou: { id: mou.id, number: mou.number },
    signer: {
      id: signer.id,
      name: signer.name,
      title: signer.title,
      groupId: signer.groupId,
      destination: maskedDestination(user?.phone ?? null, user?.email ?? signer.email),
    },
    versionNumber: signer.version.versionNumber,
    content: readMouContent(signer.version.content, signer.versionId),
  };
}

async function requireSession(actor: Actor, mouId: string) {
  const session = await assistedSigningFor(actor, mouId);
  if (!session) throw new DomainError("errors:notFound");
  if (!session.signer) throw new DomainError("mou:errors.notYourTurn");
  return session as typeof session & { signer: NonNullable<typeof session.signer> };
}

/** "Send the code to her phone": a one-time code to the chair (WhatsApp → SMS → email), audited. */
export async function sendAssistedCode(actor: Actor, mouId: string, now = new Date()) {
  const session = await requireSession(actor, mouId);
  await requestSigningCode(session.signer.id, now, { assisted: true });
  await db.$transaction((tx) =>
    recordAudit(tx, { ...actor, actingForGroupId: session.signer.groupId }, { action: "mou.assistedCodeSent", entityType: "Mou", entityId: mouId, after: { signer: session.signer.name, to: session.signer.destination?.value ?? null } }),
  );
  return session.signer.destination;
}

export type AssistedSignInput = {
  method: AssistedMethod;
  /** CODE: the code the chair received */
  code?: string | null;
  /** ATTESTED: the officer's own password and the box "she is here with me" */
  officerPassword?: string | null;
  attest?: boolean;
  typedName: string;
  signatureImage?: string | null;
  consent: boolean;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
};

/**
 * The chair signs on the officer's device. CODE: her code is checked like every signing attempt (counted,
 * locked after 5). ATTESTED: the officer confirms presence with her own password (counted per signer and per
 * IP by the same abuse limits). The signature names the officer as witness; the audit event is the officer
 * acting for the group (assisted mode).
 */
export async function signAssisted(actor: Actor, mouId: string, input: AssistedSignInput) {
  const now = input.now ?? new Date();
  if (!input.consent) throw new DomainError("mou:errors.consentRequired", {}, "consent");
  const session = await requireSession(actor, mouId);
  const officer = await officerOf(actor);
  if (input.method === "CODE") {
    await confirmSignerIdentity(session.signer.id, { code: input.code, useCode: true, ip: input.ip }, now);
  } else {
    if (!input.attest) throw new DomainError("mou:assisted.errors.attestRequired", {}, "attest");
    await consume("signingAttemptSigner", `witness:${session.signer.id}`, "officerPassword");
    await consume("signingAttemptIp", input.ip ?? null, "officerPassword");
    const ok = !!input.officerPassword && (await verifyPassword(input.officerPassword, officer.passwordHash));
    if (!ok) throw new DomainError("mou:assisted.errors.wrongOfficerPassword", {}, "officerPassword");
  }
  const title = officer.title?.trim() || (officer.role === "FACILITATOR" ? "Pendamping PKH" : "Dinas Sosial");
  return signVersion(
    { ...actor, actingForGroupId: session.signer.groupId, ip: input.ip ?? actor.ip },
    {
      signerId: session.signer.id,
      typedName: input.typedName,
      signatureImage: input.signatureImage,
      consent: input.consent,
      ip: input.ip,
      userAgent: input.userAgent,
      now,
      witness: { userId: officer.id, name: officer.name, title, method: input.method },
    },
  );
}
