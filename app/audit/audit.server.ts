import type { Actor, AuditActor } from "~/auth/actor";
import type { Prisma } from "~/generated/prisma/client";
import { db, type DbClient } from "~/db/db.server";

export type AuditInput = {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
};

function toJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value);
}

/** Appends one event to the audit log. Call it inside the transaction that makes the change. */
export async function recordAudit(client: DbClient, actor: AuditActor | null, input: AuditInput) {
  return client.auditEvent.create({
    data: {
      actorId: actor?.actorId ?? null,
      actorName: actor?.actorName ?? null,
      actingForGroupId: actor?.actingForGroupId ?? null,
      ip: actor?.ip ?? null,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      before: toJson(input.before),
      after: toJson(input.after),
      reason: input.reason ?? null,
    },
  });
}

/** Only the fields that changed, for before/after snapshots. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const oldValue = before[key];
    const newValue = after[key];
    const same =
      oldValue instanceof Date && newValue instanceof Date
        ? oldValue.getTime() === newValue.getTime()
        : JSON.stringify(oldValue) === JSON.stringify(newValue);
    if (!same) {
      b[key] = oldValue;
      a[key] = newValue;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

/** The history of one record (or one entity type), for pages that already checked the actor may see that record. */
export async function listAuditEvents(filter: { entityType?: string; entityId?: string; take?: number; skip?: number }) {
  const where = {
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
  };
  return listAuditWhere(where, filter.take, filter.skip);
}

async function listAuditWhere(where: Prisma.AuditEventWhereInput, take = 50, skip = 0) {
  const [events, total] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: { at: "desc" }, take, skip }),
    db.auditEvent.count({ where }),
  ]);
  const groupIds = [...new Set(events.map((e) => e.actingForGroupId).filter((x): x is string => !!x))];
  const groups = groupIds.length
    ? await db.group.findMany({ where: { id: { in: groupIds } }, select: { id: true, name: true } })
    : [];
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  return {
    total,
    events: events.map((e) => ({ ...e, actingForGroupName: e.actingForGroupId ? groupName.get(e.actingForGroupId) ?? null : null })),
  };
}

/**
 * The ids, per audited entity type, of the records in one Dinas office: its groups and partners and what
 * belongs to them. The audit log stores no office, so the office is derived from the records.
 */
async function officeEntityIds(officeId: string): Promise<Record<string, string[]>> {
  const inOffice = { dinasOfficeId: officeId };
  const ids = async (rows: Promise<{ id: string }[]>) => (await rows).map((r) => r.id);
  const [Group, Partner, Mou, User, Product, Demand, Offer, Order, Invoice, Payment, CoachingSession, CoachingCommitment, FacilitatorVisit, VisitFollowUp] = await Promise.all([
    ids(db.group.findMany({ where: inOffice, select: { id: true } })),
    ids(db.partner.findMany({ where: inOffice, select: { id: true } })),
    ids(db.mou.findMany({ where: inOffice, select: { id: true } })),
    ids(db.user.findMany({ where: { OR: [inOffice, { group: inOffice }, { partner: inOffice }] }, select: { id: true } })),
    ids(db.product.findMany({ where: { group: inOffice }, select: { id: true } })),
    ids(db.demand.findMany({ where: { partner: inOffice }, select: { id: true } })),
    ids(db.offer.findMany({ where: { group: inOffice }, select: { id: true } })),
    ids(db.order.findMany({ where: { OR: [{ group: inOffice }, { partner: inOffice }] }, select: { id: true } })),
    ids(db.invoice.findMany({ where: { OR: [{ group: inOffice }, { partner: inOffice }] }, select: { id: true } })),
    ids(db.payment.findMany({ where: { invoice: { OR: [{ group: inOffice }, { partner: inOffice }] } }, select: { id: true } })),
    ids(db.coachingSession.findMany({ where: { group: inOffice }, select: { id: true } })),
    ids(db.coachingCommitment.findMany({ where: { mou: inOffice }, select: { id: true } })),
    ids(db.facilitatorVisit.findMany({ where: { group: inOffice }, select: { id: true } })),
    ids(db.visitFollowUp.findMany({ where: { visit: { group: inOffice } }, select: { id: true } })),
  ]);
  return { Group, Partner, Mou, User, Product, Demand, Offer, Order, Invoice, Payment, CoachingSession, CoachingCommitment, FacilitatorVisit, VisitFollowUp };
}

/**
 * The audit log as the actor may read it (`read:audit-log:any`): everything for an admin, only the events
 * about its office's records (or done by its office's people) for Dinas, nothing for anyone else.
 */
export async function auditLogFor(actor: Actor, filter: { entityType?: string; take?: number; skip?: number }) {
  const typeFilter: Prisma.AuditEventWhereInput = filter.entityType ? { entityType: filter.entityType } : {};
  if (actor.role === "ADMIN") return listAuditWhere(typeFilter, filter.take, filter.skip);
  if (actor.role !== "DINAS" || !actor.dinasOfficeId) return listAuditWhere({ id: { in: [] } }, filter.take, filter.skip);
  // Matched in memory: the office's id lists are too long for one query's parameters.
  const byType = await officeEntityIds(actor.dinasOfficeId);
  const sets = new Map(Object.entries(byType).map(([type, ids]) => [type, new Set(ids)]));
  const people = sets.get("User")!;
  const all = await db.auditEvent.findMany({ where: typeFilter, orderBy: { at: "desc" }, select: { id: true, entityType: true, entityId: true, actorId: true } });
  const visible = all.filter((e) => sets.get(e.entityType)?.has(e.entityId) || (e.actorId && people.has(e.actorId)));
  const skip = filter.skip ?? 0;
  const pageIds = visible.slice(skip, skip + (filter.take ?? 50)).map((e) => e.id);
  const events: Awaited<ReturnType<typeof listAuditWhere>>["events"] = [];
  for (let i = 0; i < pageIds.length; i += 400) {
    events.push(...(await listAuditWhere({ id: { in: pageIds.slice(i, i + 400) } }, 400, 0)).events);
  }
  return { total: visible.length, events };
}
