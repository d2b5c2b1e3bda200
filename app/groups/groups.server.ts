import { diffFields, recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/actor";
import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { BusinessKind } from "~/generated/prisma/enums";
import { findGroupFor, groupScope, mayReadWelfare } from "./access.server";

export type GroupProfileInput = {
  name: string;
  villageId: string;
  address?: string;
  phone?: string;
  businessKind: BusinessKind;
  businessDescription: string;
  story?: string;
  foundedAt?: Date;
};

/** The profile form of a group the actor may update (null otherwise). */
export async function getGroupForEdit(actor: Actor, groupId: string) {
  return db.group.findFirst({
    where: { AND: [{ id: groupId }, groupScope(actor, "update", "group")] },
    select: {
      id: true,
      slug: true,
      name: true,
      type: true,
      villageId: true,
      address: true,
      phone: true,
      businessKind: true,
      businessDescription: true,
      story: true,
      foundedAt: true,
      verificationStatus: true,
      dinasOfficeId: true,
      kecamatan: { select: { name: true } },
    },
  });
}

/** Updates a group's profile; in assisted mode the audit event names the facilitator and the group. */
export async function updateGroupProfile(actor: Actor, groupId: string, input: GroupProfileInput) {
  return db.$transaction(async (tx) => {
    const current = await tx.group.findFirst({ where: { AND: [{ id: groupId }, groupScope(actor, "update", "group")] } });
    if (!current) throw new DomainError("errors:notFound");
    // A village of the group's own office only: a group cannot be moved into another office's area.
    const village = await tx.village.findFirst({ where: { id: input.villageId, kecamatan: { dinasOfficeId: current.dinasOfficeId } }, select: { id: true, kecamatanId: true } });
    if (!village) throw new DomainError("validation:choose", {}, "villageId");
    const next = {
      name: input.name,
      villageId: village.id,
      kecamatanId: village.kecamatanId,
      address: input.address ?? null,
      phone: input.phone ?? null,
      businessKind: input.businessKind,
      businessDescription: input.businessDescription,
      story: input.story ?? null,
      foundedAt: input.foundedAt ?? null,
    };
    const diff = diffFields(current as unknown as Record<string, unknown>, next);
    if (!diff.changed) return current;
    const updated = await tx.group.update({ where: { id: groupId }, data: next });
    await recordAudit(tx, actor, { action: "group.updateProfile", entityType: "Group", entityId: groupId, before: diff.before, after: diff.after });
    return updated;
  });
}

/**
 * What the actor may see of a group's members: PKH welfare status only for Dinas of the group's office and
 * the assigned facilitator (never admins, the group itself or partners).
 */
export async function listMembers(actor: Actor, groupId: string) {
  const withWelfare = await mayReadWelfare(actor, groupId);
  const members = await db.groupMember.findMany({
    where: { groupId, leftAt: null },
    orderBy: [{ role: "asc" }, { name: "asc" }],
    select: { id: true, name: true, role: true, phone: true, nikLast4: true, pkhStatus: true },
  });
  return { welfare: withWelfare, members: members.map(({ pkhStatus, ...m }) => (withWelfare ? { ...m, pkhStatus } : { ...m, pkhStatus: null })) };
}

/**
 * The working view of a group (not the public profile) for an actor who may read it: the group, its
 * members as the actor may see them, and what the actor may do there. Null when out of scope.
 */
export async function groupWorkspace(actor: Actor, groupId: string) {
  const group = await findGroupFor(actor, groupId, "read", "group", {
    id: true,
    name: true,
    type: true,
    active: true,
    verificationStatus: true,
    verificationNote: true,
    businessKind: true,
    businessDescription: true,
    story: true,
    address: true,
    phone: true,
    foundedAt: true,
    startupCapital: true,
    facilitatorId: true,
    kecamatan: { select: { name: true } },
    village: { select: { name: true, kind: true } },
    facilitator: { select: { name: true, email: true, phone: true } },
  });
  if (!group) return null;
  const [{ welfare, members }, editable, products] = await Promise.all([
    listMembers(actor, groupId),
    findGroupFor(actor, groupId, "update", "group", { id: true }),
    findGroupFor(actor, groupId, "update", "product", { id: true }),
  ]);
  return { group, members, welfare, canEdit: !!editable, canManageProducts: !!products };
}

/** Kecamatan with their villages (of one office when given), for the village picker. */
export async function listVillageOptions(dinasOfficeId?: string) {
  return db.kecamatan.findMany({
    where: dinasOfficeId ? { dinasOfficeId } : {},
    orderBy: { name: "asc" },
    select: { name: true, villages: { orderBy: { name: "asc" }, select: { id: true, name: true } } },
  });
}
