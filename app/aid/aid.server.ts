import type { Actor } from "~/auth/actor";
import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { Prisma } from "~/generated/prisma/client";
import type { MonitoringScope } from "~/monitoring/scope.server";
import { AID_KINDS, type AidInput, type AidKindName, type AidSourceName } from "./schema";

/**
 * Programme aid per group and its return (issue 12, decision 085): what each group received (capital,
 * equipment, training; source APBD/APBN/CSR) against the revenue the group earned through the product
 * since its first aid. Read through the monitoring scope (office in the `where`), so the reports helper's
 * annual report and the page share one computation.
 */

export type AidFilter = { kind?: AidKindName | null; source?: AidSourceName | null };

export type AidReturnRow = {
  groupId: string;
  name: string;
  type: string;
  kecamatan: string;
  byKind: Record<AidKindName, number>;
  totalAid: number;
  firstAidOn: Date;
  /** CONFIRMED payments on the group's invoices from the first aid day up to now */
  revenueSince: number;
  /** revenue since / aid received, in percent (null when the aid had no value) */
  returnPercent: number | null;
};

export type AidRecordRow = {
  id: string;
  groupId: string;
  groupName: string;
  kind: AidKindName;
  source: AidSourceName;
  partnerName: string | null;
  receivedOn: Date;
  valueRupiah: number;
  description: string;
  items: { name: string; quantity: number; valueRupiah: number }[];
};

function aidWhere(scope: MonitoringScope, filter: AidFilter): Prisma.GroupAidWhereInput {
  return {
    dinasOfficeId: { in: scope.officeIds },
    group: scope.groupWhere,
    receivedOn: { lt: scope.now },
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.source ? { source: filter.source } : {}),
  };
}

/** Every aid record of the scope, newest first. */
export async function aidRecords(scope: MonitoringScope, filter: AidFilter = {}): Promise<AidRecordRow[]> {
  const rows = await db.groupAid.findMany({
    where: aidWhere(scope, filter),
    select: {
      id: true,
      groupId: true,
      kind: true,
      source: true,
      receivedOn: true,
      valueRupiah: true,
      description: true,
      group: { select: { name: true } },
      partner: { select: { displayName: true } },
      items: { select: { name: true, quantity: true, valueRupiah: true }, orderBy: { name: "asc" } },
    },
    orderBy: [{ receivedOn: "desc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    groupId: r.groupId,
    groupName: r.group.name,
    kind: r.kind,
    source: r.source,
    partnerName: r.partner?.displayName ?? null,
    receivedOn: r.receivedOn,
    valueRupiah: r.valueRupiah,
    description: r.description,
    items: r.items,
  }));
}

/** Per group with aid: aid received by kind, revenue since the first aid, and the return. */
export async function aidReturns(scope: MonitoringScope, filter: AidFilter = {}) {
  const aids = await db.groupAid.findMany({
    where: aidWhere(scope, filter),
    select: { groupId: true, kind: true, valueRupiah: true, receivedOn: true, group: { select: { name: true, type: true, kecamatan: { select: { name: true } } } } },
  });
  const byGroup = new Map<string, AidReturnRow>();
  for (const a of aids) {
    const row =
      byGroup.get(a.groupId) ??
      ({
        groupId: a.groupId,
        name: a.group.name,
        type: a.group.type,
        kecamatan: a.group.kecamatan.name,
        byKind: Object.fromEntries(AID_KINDS.map((k) => [k, 0])) as Record<AidKindName, number>,
        totalAid: 0,
        firstAidOn: a.receivedOn,
        revenueSince: 0,
        returnPercent: null,
      } satisfies AidReturnRow);
    row.byKind[a.kind] += a.valueRupiah;
    row.totalAid += a.valueRupiah;
    if (a.receivedOn.getTime() < row.firstAidOn.getTime()) row.firstAidOn = a.receivedOn;
    byGroup.set(a.groupId, row);
  }
  const rows = [...byGroup.values()];
  if (rows.length) {
    const payments = await db.payment.findMany({
      where: { status: "CONFIRMED", confirmedAt: { lt: scope.now }, invoice: { groupId: { in: rows.map((r) => r.groupId) }, group: scope.groupWhere } },
      select: { amountRupiah: true, confirmedAt: true, invoice: { select: { groupId: true } } },
    });
    const index = new Map(rows.map((r) => [r.groupId, r]));
    for (const p of payments) {
      const row = index.get(p.invoice.groupId);
      if (row && p.confirmedAt && p.confirmedAt.getTime() >= row.firstAidOn.getTime()) row.revenueSince += p.amountRupiah;
    }
  }
  for (const r of rows) r.returnPercent = r.totalAid > 0 ? Math.round((r.revenueSince / r.totalAid) * 1000) / 10 : null;
  rows.sort((a, b) => a.kecamatan.localeCompare(b.kecamatan) || a.name.localeCompare(b.name));
  const totals = {
    groups: rows.length,
    byKind: Object.fromEntries(AID_KINDS.map((k) => [k, rows.reduce((s, r) => s + r.byKind[k], 0)])) as Record<AidKindName, number>,
    totalAid: rows.reduce((s, r) => s + r.totalAid, 0),
    revenueSince: rows.reduce((s, r) => s + r.revenueSince, 0),
    returnPercent: null as number | null,
  };
  totals.returnPercent = totals.totalAid > 0 ? Math.round((totals.revenueSince / totals.totalAid) * 1000) / 10 : null;
  return { rows, totals };
}

/** The groups and partners of the actor's office the form offers. */
export async function aidFormOptions(scope: MonitoringScope) {
  const [groups, partners] = await Promise.all([
    db.group.findMany({ where: { dinasOfficeId: { in: scope.officeIds } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.partner.findMany({ where: { dinasOfficeId: { in: scope.officeIds }, verificationStatus: "VERIFIED" }, select: { id: true, displayName: true }, orderBy: { displayName: "asc" } }),
  ]);
  return { groups, partners };
}

/**
 * Records one aid a group received. Only Dinas of the group's office: the group (and a CSR partner) is
 * loaded with the actor's office in the `where`, so an id from the form cannot reach another office's
 * group. The aid, its items and the audit event are written in one transaction.
 */
export async function recordAid(actor: Actor, input: AidInput, now = new Date()): Promise<{ id: string }> {
  if (actor.role !== "DINAS" || !actor.dinasOfficeId) throw new DomainError("errors:forbidden");
  const officeId = actor.dinasOfficeId;
  if (input.receivedOn.getTime() > now.getTime()) throw new DomainError("aid:errors.future", {}, "receivedOn");
  const valueRupiah = input.kind === "EQUIPMENT" ? input.items.reduce((s, i) => s + i.valueRupiah, 0) : (input.valueRupiah ?? 0);
  if (input.kind === "EQUIPMENT" && input.items.length === 0) throw new DomainError("validation:required", {}, "item0Name");
  return db.$transaction(async (tx) => {
    const group = await tx.group.findFirst({ where: { id: input.groupId, dinasOfficeId: officeId }, select: { id: true } });
    if (!group) throw new DomainError("aid:errors.unknownGroup", {}, "groupId");
    let partnerId: string | null = null;
    if (input.source === "CSR") {
      const partner = input.partnerId ? await tx.partner.findFirst({ where: { id: input.partnerId, dinasOfficeId: officeId, verificationStatus: "VERIFIED" }, select: { id: true } }) : null;
      if (!partner) throw new DomainError("aid:errors.unknownPartner", {}, "partnerId");
      partnerId = partner.id;
    }
    const aid = await tx.groupAid.create({
      data: {
        groupId: group.id,
        dinasOfficeId: officeId,
        kind: input.kind,
        source: input.source,
        partnerId,
        receivedOn: input.receivedOn,
        valueRupiah,
        description: input.description,
        recordedById: actor.actorId,
        items: { create: input.kind === "EQUIPMENT" ? input.items : [] },
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "aid.record",
      entityType: "GroupAid",
      entityId: aid.id,
      after: { groupId: group.id, kind: input.kind, source: input.source, partnerId, receivedOn: input.receivedOn.toISOString(), valueRupiah, description: input.description, items: input.kind === "EQUIPMENT" ? input.items : [] },
    });
    return aid;
  });
}
