import { recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/guard.server";
import type { DbClient } from "~/db/db.server";
import { serializeOn } from "~/db/locks.server";
import { DomainError } from "~/domain/errors";
import { dinasUserIds, notifyUsers } from "~/notifications/notify.server";
import { canonicalJson, contentHash } from "./canonical";
import type { MouContent, MouPaymentTerms } from "./content";
import {
  addDays,
  addYears,
  DEFAULT_DISPUTE,
  DEFAULT_OBLIGATIONS,
  DEFAULT_QUALITY,
  DEFAULT_TERMINATION,
  defaultBackground,
  defaultCoaching,
  regionName,
} from "./templates";
import { dayKey, startOfDay } from "~/time/calendar";
import { officeTimeZone } from "~/time/office-zone.server";

/** Partner's signatory: the user named as contact, else the first partner account. */
export async function partnerParty(client: DbClient, partnerId: string): Promise<MouContent["parties"]["partner"]> {
  const partner = await client.partner.findUnique({
    where: { id: partnerId },
    select: { id: true, legalName: true, displayName: true, address: true, contactName: true, users: { where: { disabledAt: null }, orderBy: { createdAt: "asc" }, select: { name: true, title: true } } },
  });
  if (!partner) throw new DomainError("errors:notFound");
  const signatory = partner.users.find((u) => u.name === partner.contactName) ?? partner.users[0];
  return {
    id: partner.id,
    legalName: partner.legalName,
    displayName: partner.displayName,
    address: partner.address,
    signatoryName: signatory?.name ?? partner.contactName,
    signatoryTitle: signatory?.title ?? "Pimpinan",
  };
}

export async function groupParty(client: DbClient, groupId: string): Promise<MouContent["parties"]["groups"][number]> {
  const group = await client.group.findUnique({
    where: { id: groupId },
    select: {
      id: true,
      name: true,
      type: true,
      village: { select: { name: true } },
      kecamatan: { select: { name: true } },
      members: { where: { role: "CHAIR", leftAt: null }, select: { name: true }, take: 1 },
      users: { where: { disabledAt: null }, select: { name: true }, take: 1 },
    },
  });
  if (!group) throw new DomainError("errors:notFound");
  return {
    id: group.id,
    name: group.name,
    type: group.type,
    village: group.village.name,
    kecamatan: group.kecamatan.name,
    chairName: group.members[0]?.name ?? group.users[0]?.name ?? "",
  };
}

/** The Dinas office and its head (a DINAS user titled "Kepala Dinas…", else the first DINAS user). */
export async function dinasParty(client: DbClient, dinasOfficeId: string) {
  const office = await client.dinasOffice.findUnique({
    where: { id: dinasOfficeId },
    select: { id: true, name: true, city: true, regionKind: true, regulation: true, users: { where: { role: "DINAS", disabledAt: null }, orderBy: { createdAt: "asc" }, select: { name: true, title: true } } },
  });
  if (!office) throw new DomainError("errors:notFound");
  const head = office.users.find((u) => u.title?.startsWith("Kepala Dinas")) ?? office.users[0];
  return {
    office,
    party: { id: office.id, name: office.name, signatoryName: head?.name ?? "", signatoryTitle: head?.title ?? "Kepala Dinas Sosial" } satisfies MouContent["parties"]["dinas"],
  };
}

export function defaultPayment(sector: string): MouPaymentTerms {
  // Government buyers pay only after goods are received; businesses on invoice terms.
  return sector === "GOVERNMENT" ? { kind: "ON_DELIVERY" } : { kind: "NET_DAYS", netDays: 14 };
}

/** A next free MoU number for the year, e.g. 012/MOU-KPM/DINSOS-BATU/2026. */
export async function nextMouNumber(client: DbClient, city: string, groupType: string, year: number): Promise<string> {
  const suffix = `/${year}`;
  // PostgreSQL: one MoU number of a year is handed out at a time (SQLite's writer lock does this already)
  await serializeOn(client, `mou-number:${year}`);
  const existing = await client.mou.count({ where: { number: { endsWith: suffix } } });
  const cityCode = city.toUpperCase().replace(/[^A-Z0-9]+/g, "-");
  for (let n = existing + 1; ; n++) {
    const number = `${String(n).padStart(3, "0")}/MOU-${groupType}/DINSOS-${cityCode}${suffix}`;
    if (!(await client.mou.findUnique({ where: { number }, select: { id: true } }))) return number;
  }
}

/**
 * Creates an MoU in DRAFT with its first version (content stored as canonical JSON with its hash),
 * links the groups, audits `mou.created`. Used by drafting from a demand, from scratch and renewals.
 */
export async function createMouRecord(
  tx: DbClient,
  actor: Actor,
  input: { partnerId: string; dinasOfficeId: string; city: string; demandId?: string | null; renewedFromId?: string | null; content: MouContent; now?: Date },
): Promise<{ id: string }> {
  const now = input.now ?? new Date();
  const groupType = input.content.parties.groups[0]?.type ?? "KPM";
  const number = await nextMouNumber(tx, input.city, groupType, Number(input.content.period.startDate.slice(0, 4)) || now.getFullYear());
  // the period's days are calendar days of the office (WIB, WITA or WIT), decision 104
  const zone = await officeTimeZone(tx, input.dinasOfficeId);
  const mou = await tx.mou.create({
    data: {
      number,
      partnerId: input.partnerId,
      dinasOfficeId: input.dinasOfficeId,
      demandId: input.demandId ?? null,
      status: "DRAFT",
      startDate: startOfDay(input.content.period.startDate, zone),
      endDate: startOfDay(input.content.period.endDate, zone),
      renewedFromId: input.renewedFromId ?? null,
      createdById: actor.actorId,
      groups: { create: [...new Set(input.content.parties.groups.map((g) => g.id))].map((groupId) => ({ groupId })) },
    },
    select: { id: true },
  });
  const version = await tx.mouVersion.create({
    data: {
      mouId: mou.id,
      versionNumber: 1,
      status: "DRAFT",
      content: canonicalJson(input.content),
      contentHash: contentHash(input.content),
      createdById: actor.actorId,
    },
    select: { id: true },
  });
  await tx.mou.update({ where: { id: mou.id }, data: { currentVersionId: version.id } });
  await recordAudit(tx, actor, {
    action: "mou.created",
    entityType: "Mou",
    entityId: mou.id,
    after: { number, versionNumber: 1, contentHash: contentHash(input.content), demandId: input.demandId ?? null, renewedFromId: input.renewedFromId ?? null },
  });
  return mou;
}

function parseDays(daysOfWeek: string | null, frequency: string): number[] {
  const days = (daysOfWeek ?? "")
    .split(",")
    .map((d) => Number(d.trim()))
    .filter((d) => Number.isInteger(d) && d >= 1 && d <= 7);
  if (days.length) return [...new Set(days)].sort((a, b) => a - b);
  return frequency === "DAILY" ? [1, 2, 3, 4, 5, 6, 7] : [];
}

/**
 * One three-party MoU draft (partner + that group + the Dinas office) per accepted offer of a demand,
 * pre-filled from the demand and the offer. Call inside the transaction that accepts the offers.
 */
export async function createMouDraftsFromDemand(
  tx: DbClient,
  actor: Actor,
  input: { demandId: string; offerIds: string[] },
): Promise<{ id: string }[]> {
  const demand = await tx.demand.findUnique({
    where: { id: input.demandId },
    select: {
      id: true,
      title: true,
      specification: true,
      qualityRequirements: true,
      packaging: true,
      unit: true,
      frequency: true,
      daysOfWeek: true,
      deliveryAddress: true,
      categoryId: true,
      startDate: true,
      endDate: true,
      partner: { select: { id: true, sector: true, dinasOfficeId: true } },
    },
  });
  if (!demand) throw new DomainError("errors:notFound");
  const offers = await tx.offer.findMany({
    where: { id: { in: input.offerIds }, demandId: demand.id },
    select: { id: true, groupId: true, status: true, pricePerUnit: true, quantityPerPeriod: true, acceptedQuantity: true, startDate: true, note: true },
  });
  if (offers.length !== new Set(input.offerIds).size) throw new DomainError("errors:notFound");
  if (offers.some((o) => o.status !== "ACCEPTED")) throw new DomainError("mou:errors.offerNotAccepted");

  const partner = await partnerParty(tx, demand.partner.id);
  const { office, party: dinas } = await dinasParty(tx, demand.partner.dinasOfficeId);
  // the demand's and offers' days are the partner's office days, the office the MoU belongs to (decision 123)
  const zone = await officeTimeZone(tx, office.id);
  const created: { id: string }[] = [];
  for (const offer of offers) {
    const already = await tx.mou.findFirst({
      where: { demandId: demand.id, groups: { some: { groupId: offer.groupId } }, status: { notIn: ["TERMINATED", "EXPIRED"] } },
      select: { id: true },
    });
    if (already) {
      created.push(already);
      continue;
    }
    const group = await groupParty(tx, offer.groupId);
    const product = await tx.product.findFirst({
      where: { groupId: offer.groupId, categoryId: demand.categoryId, status: "ACTIVE" },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true },
    });
    const start = dayKey(offer.startDate > demand.startDate ? offer.startDate : demand.startDate, zone);
    const end = demand.endDate && dayKey(demand.endDate, zone) > start ? dayKey(demand.endDate, zone) : addDays(addYears(start, 1), -1);
    // the line names the product (the demand's specification belongs to the quality standards)
    const quality = [demand.specification, demand.qualityRequirements, demand.packaging].filter((s): s is string => !!s?.trim()).join(" ");
    const content: MouContent = {
      title: `Nota Kesepahaman Kemitraan ${partner.displayName} dan ${group.name}`,
      parties: { partner, groups: [group], dinas },
      background: defaultBackground(office.regulation, regionName(office)),
      scope: {
        items: [
          {
            groupId: group.id,
            productId: product?.id ?? null,
            description: (product?.name ?? demand.title).slice(0, 500),
            unit: demand.unit,
            quantityPerDelivery: offer.acceptedQuantity ?? offer.quantityPerPeriod,
            unitPrice: offer.pricePerUnit,
          },
        ],
        deliveryDays: parseDays(demand.daysOfWeek, demand.frequency),
        deliveryAddress: demand.deliveryAddress,
        qualityStandards: quality || DEFAULT_QUALITY,
      },
      obligations: { partner: [...DEFAULT_OBLIGATIONS.partner], group: [...DEFAULT_OBLIGATIONS.group] },
      coaching: defaultCoaching(start),
      payment: defaultPayment(demand.partner.sector),
      period: { startDate: start, endDate: end },
      termination: DEFAULT_TERMINATION,
      dispute: DEFAULT_DISPUTE,
    };
    const mou = await createMouRecord(tx, actor, {
      partnerId: partner.id,
      dinasOfficeId: office.id,
      city: office.city,
      demandId: demand.id,
      content,
    });
    created.push(mou);
    await notifyUsers(tx, await dinasUserIds(tx, office.id), {
      kind: "mou:notify.draftCreated",
      params: { partner: partner.displayName, group: group.name },
      link: `/mou/${mou.id}`,
    });
  }
  return created;
}
