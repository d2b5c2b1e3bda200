import { activateCoachingForMou } from "~/coaching/schedule.server";
import type { DbClient } from "~/db/db.server";
import type { MouCoachingCommitment, MouContent } from "~/mou/content";

/**
 * Test fixture: an ACTIVE MoU between a partner and a group with the given coaching commitments, its
 * signed active version, and (through activateCoachingForMou) the session schedule. Returns the MoU id.
 */
export async function createActiveMouWithCoaching(
  client: DbClient,
  opts: { partnerSlug: string; groupSlug: string; coaching: MouCoachingCommitment[]; number?: string },
): Promise<string> {
  const partner = await client.partner.findUniqueOrThrow({ where: { slug: opts.partnerSlug } });
  const group = await client.group.findUniqueOrThrow({
    where: { slug: opts.groupSlug },
    include: { village: true, kecamatan: true, members: { where: { role: "CHAIR" }, take: 1 } },
  });
  const office = await client.dinasOffice.findUniqueOrThrow({ where: { id: partner.dinasOfficeId } });
  const dinas = await client.user.findFirstOrThrow({ where: { role: "DINAS", dinasOfficeId: office.id } });
  const start = opts.coaching[0]?.firstDueDate ?? "2026-11-01";
  const content: MouContent = {
    title: `Kemitraan ${partner.displayName} dan ${group.name}`,
    parties: {
      partner: { id: partner.id, legalName: partner.legalName, displayName: partner.displayName, address: partner.address, signatoryName: partner.contactName, signatoryTitle: "General Manager" },
      groups: [{ id: group.id, name: group.name, type: group.type, village: group.village.name, kecamatan: group.kecamatan.name, chairName: group.members[0]?.name ?? "" }],
      dinas: { id: office.id, name: office.name, signatoryName: dinas.name, signatoryTitle: dinas.title ?? "" },
    },
    background: "Perwal 26/2015",
    scope: { items: [], deliveryDays: [1, 3, 5], deliveryAddress: partner.address, qualityStandards: "" },
    obligations: { partner: ["Memberikan pembinaan"], group: ["Mengikuti pembinaan"] },
    coaching: opts.coaching,
    payment: { kind: "ON_DELIVERY" },
    period: { startDate: start, endDate: "2027-12-31" },
    termination: "",
    dispute: "",
  };
  const mou = await client.mou.create({
    data: {
      number: opts.number ?? `TEST/${Math.random().toString(36).slice(2, 10).toUpperCase()}/COACHING`,
      partnerId: partner.id,
      dinasOfficeId: office.id,
      status: "ACTIVE",
      startDate: new Date(`${start}T00:00:00+07:00`),
      endDate: new Date("2027-12-31T00:00:00+07:00"),
      createdById: dinas.id,
      groups: { create: [{ groupId: group.id }] },
    },
  });
  const version = await client.mouVersion.create({
    data: { mouId: mou.id, versionNumber: 1, status: "SIGNED", content: JSON.stringify(content), contentHash: "test", createdById: dinas.id },
  });
  await client.mou.update({ where: { id: mou.id }, data: { activeVersionId: version.id, currentVersionId: version.id } });
  await activateCoachingForMou(client, null, mou.id);
  return mou.id;
}
