import { diffFields, recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/guard.server";
import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { BusinessKind } from "~/generated/prisma/enums";

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

export async function getGroupForEdit(groupId: string) {
  return db.group.findUnique({
    where: { id: groupId },
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
      kecamatan: { select: { name: true } },
    },
  });
}

/** Updates a group's profile; in assisted mode the audit event names the facilitator and the group. */
export async function updateGroupProfile(actor: Actor, groupId: string, input: GroupProfileInput) {
  return db.$transaction(async (tx) => {
    const current = await tx.group.findUnique({ where: { id: groupId } });
    if (!current) throw new DomainError("errors:notFound");
    const village = await tx.village.findUnique({ where: { id: input.villageId }, select: { id: true, kecamatanId: true } });
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

/** What a viewer may see of a group's members: PKH welfare status only for Dinas and the assigned facilitator. */
export async function listMembers(groupId: string, withWelfare: boolean) {
  const members = await db.groupMember.findMany({
    where: { groupId, leftAt: null },
    orderBy: [{ role: "asc" }, { name: "asc" }],
    select: { id: true, name: true, role: true, phone: true, nikLast4: true, pkhStatus: true },
  });
  return members.map(({ pkhStatus, ...m }) => (withWelfare ? { ...m, pkhStatus } : { ...m, pkhStatus: null }));
}

/** Kecamatan with their villages, for the village picker. */
export async function listVillageOptions() {
  return db.kecamatan.findMany({
    orderBy: { name: "asc" },
    select: { name: true, villages: { orderBy: { name: "asc" }, select: { id: true, name: true } } },
  });
}
