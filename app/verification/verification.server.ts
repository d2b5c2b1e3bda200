import { recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/actor";
import { groupScope, partnerScope } from "~/groups/access.server";
import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { VerificationStatus } from "~/generated/prisma/enums";
import { groupUserIds, notifyUsers, partnerUserIds } from "~/notifications/notify.server";
import { verificationMachine, type VerificationEvent } from "./verification-machine";

export type VerificationSubject = "group" | "partner";

/**
 * Who may verify, in one place: Dinas for the groups and partners of its own office, admins for all
 * (`verify:group:any` / `verify:partner:any`, "any" being the actor's jurisdiction).
 */
function verifiableGroups(actor: Actor) {
  return groupScope(actor, "verify", "group");
}
function verifiablePartners(actor: Actor) {
  return partnerScope(actor, "verify", "partner");
}

/** The pending groups and partners the actor may decide on (Dinas: its office only). */
export async function verificationQueue(actor: Actor) {
  const [groups, partners] = await Promise.all([
    db.group.findMany({
      where: { AND: [{ verificationStatus: "PENDING" }, verifiableGroups(actor)] },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        name: true,
        type: true,
        businessDescription: true,
        createdAt: true,
        kecamatan: { select: { name: true } },
        village: { select: { name: true } },
        users: { select: { name: true, email: true, phone: true } },
        _count: { select: { members: true } },
      },
    }),
    db.partner.findMany({
      where: { AND: [{ verificationStatus: "PENDING" }, verifiablePartners(actor)] },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        legalName: true,
        displayName: true,
        sector: true,
        nib: true,
        address: true,
        contactName: true,
        contactEmail: true,
        contactPhone: true,
        createdAt: true,
      },
    }),
  ]);
  return { groups, partners };
}

/** Verifies or rejects a pending group or partner; the decision is audited and its users are told. */
/**
 * What verifying would do, for the confirmation view (decision 115): the record as the actor may see it
 * (scoped like the decision itself; another office's record is "not found") and the accounts that will be
 * told. Refused with the state machine's reason when the record is no longer waiting.
 */
export async function previewVerification(actor: Actor, subject: VerificationSubject, id: string) {
  const current =
    subject === "group"
      ? await db.group.findFirst({ where: { AND: [{ id }, verifiableGroups(actor)] }, select: { verificationStatus: true, name: true, users: { select: { name: true } } } })
      : await db.partner.findFirst({ where: { AND: [{ id }, verifiablePartners(actor)] }, select: { verificationStatus: true, displayName: true, users: { select: { name: true } } } });
  if (!current) throw new DomainError("errors:notFound");
  verificationMachine.apply(current.verificationStatus, "verify");
  return { subject, id, name: "name" in current ? current.name : current.displayName, people: current.users.map((u) => u.name) };
}

export async function decideVerification(
  actor: Actor,
  subject: VerificationSubject,
  id: string,
  event: VerificationEvent,
  reason?: string | null,
) {
  return db.$transaction(async (tx) => {
    const current =
      subject === "group"
        ? await tx.group.findFirst({ where: { AND: [{ id }, verifiableGroups(actor)] }, select: { verificationStatus: true, name: true } })
        : await tx.partner.findFirst({ where: { AND: [{ id }, verifiablePartners(actor)] }, select: { verificationStatus: true, displayName: true } });
    if (!current) throw new DomainError("errors:notFound");
    const name = "name" in current ? current.name : current.displayName;
    const next: VerificationStatus = verificationMachine.apply(current.verificationStatus, event, reason);
    const data = {
      verificationStatus: next,
      verificationNote: event === "reject" ? reason!.trim() : null,
      verifiedAt: event === "verify" ? new Date() : null,
      verifiedById: event === "verify" ? actor.actorId : null,
    };
    // Guarded update: a concurrent decision on the same record cannot both succeed.
    const updated =
      subject === "group"
        ? await tx.group.updateMany({ where: { id, verificationStatus: current.verificationStatus }, data })
        : await tx.partner.updateMany({ where: { id, verificationStatus: current.verificationStatus }, data });
    if (updated.count !== 1) throw new DomainError("errors:staleState");
    await recordAudit(tx, actor, {
      action: `${subject}.${event}`,
      entityType: subject === "group" ? "Group" : "Partner",
      entityId: id,
      before: { verificationStatus: current.verificationStatus },
      after: { verificationStatus: next },
      reason: reason ?? null,
    });
    const users = subject === "group" ? await groupUserIds(tx, id, false) : await partnerUserIds(tx, id);
    await notifyUsers(tx, users, {
      kind: event === "verify" ? "verificationApproved" : event === "reject" ? "verificationRejected" : "verificationResubmitted",
      params: { name, reason: reason ?? "" },
      link: subject === "group" ? "/group" : "/partner",
    });
    return next;
  });
}
