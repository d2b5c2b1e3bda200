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
    db.auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], take, skip }),
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
/**
 * The records of an office, per audited entity type, as SQL subqueries on one parameter (the office id):
 * the office scope goes into the audit query's WHERE instead of id lists matched in memory.
 */
const OFFICE_RECORDS: Record<string, string> = {
  Group: `SELECT id FROM "Group" WHERE "dinasOfficeId" = $office`,
  Partner: `SELECT id FROM "Partner" WHERE "dinasOfficeId" = $office`,
  Mou: `SELECT id FROM "Mou" WHERE "dinasOfficeId" = $office`,
  User: `SELECT id FROM "User" WHERE "dinasOfficeId" = $office OR "groupId" IN (SELECT id FROM "Group" WHERE "dinasOfficeId" = $office) OR "partnerId" IN (SELECT id FROM "Partner" WHERE "dinasOfficeId" = $office)`,
  Product: `SELECT id FROM "Product" WHERE "groupId" IN (SELECT id FROM "Group" WHERE "dinasOfficeId" = $office)`,
  Demand: `SELECT id FROM "Demand" WHERE "partnerId" IN (SELECT id FROM "Partner" WHERE "dinasOfficeId" = $office)`,
  Offer: `SELECT id FROM "Offer" WHERE "groupId" IN (SELECT id FROM "Group" WHERE "dinasOfficeId" = $office)`,
  Order: `SELECT id FROM "Order" WHERE "groupId" IN (SELECT id FROM "Group" WHERE "dinasOfficeId" = $office) OR "partnerId" IN (SELECT id FROM "Partner" WHERE "dinasOfficeId" = $office)`,
  Invoice: `SELECT id FROM "Invoice" WHERE "groupId" IN (SELECT id FROM "Group" WHERE "dinasOfficeId" = $office) OR "partnerId" IN (SELECT id FROM "Partner" WHERE "dinasOfficeId" = $office)`,
  Payment: `SELECT id FROM "Payment" WHERE "invoiceId" IN (SELECT id FROM "Invoice" WHERE "groupId" IN (SELECT id FROM "Group" WHERE "dinasOfficeId" = $office) OR "partnerId" IN (SELECT id FROM "Partner" WHERE "dinasOfficeId" = $office))`,
  CoachingSession: `SELECT id FROM "CoachingSession" WHERE "groupId" IN (SELECT id FROM "Group" WHERE "dinasOfficeId" = $office)`,
  CoachingCommitment: `SELECT id FROM "CoachingCommitment" WHERE "mouId" IN (SELECT id FROM "Mou" WHERE "dinasOfficeId" = $office)`,
  FacilitatorVisit: `SELECT id FROM "FacilitatorVisit" WHERE "groupId" IN (SELECT id FROM "Group" WHERE "dinasOfficeId" = $office)`,
  VisitFollowUp: `SELECT id FROM "VisitFollowUp" WHERE "visitId" IN (SELECT id FROM "FacilitatorVisit" WHERE "groupId" IN (SELECT id FROM "Group" WHERE "dinasOfficeId" = $office))`,
};

/** The WHERE clause (and its parameters, in order) of the audit events an office may read. */
function officeAuditWhere(officeId: string, entityType: string | undefined): { sql: string; params: string[] } {
  const params: string[] = [];
  const bind = (sql: string) =>
    sql.replace(/\$office/g, () => {
      params.push(officeId);
      return "?";
    });
  const about = Object.entries(OFFICE_RECORDS)
    .map(([type, records]) => {
      params.push(type);
      return `("entityType" = ? AND "entityId" IN (${bind(records)}))`;
    })
    .join(" OR ");
  const byPeople = `"actorId" IN (${bind(OFFICE_RECORDS.User!)})`;
  let sql = `(${about} OR ${byPeople})`;
  if (entityType) {
    sql = `"entityType" = ? AND ${sql}`;
    params.unshift(entityType);
  }
  return { sql, params };
}

/**
 * The audit log as the actor may read it (`read:audit-log:any`): everything for an admin, only the events
 * about its office's records (or done by its office's people) for Dinas, nothing for anyone else.
 */
export async function auditLogFor(actor: Actor, filter: { entityType?: string; take?: number; skip?: number }) {
  const typeFilter: Prisma.AuditEventWhereInput = filter.entityType ? { entityType: filter.entityType } : {};
  if (actor.role === "ADMIN") return listAuditWhere(typeFilter, filter.take, filter.skip);
  if (actor.role !== "DINAS" || !actor.dinasOfficeId) return listAuditWhere({ id: { in: [] } }, filter.take, filter.skip);
  // The office scope is part of the query: events about the office's records or done by its people.
  const where = officeAuditWhere(actor.dinasOfficeId, filter.entityType);
  const take = filter.take ?? 50;
  const skip = filter.skip ?? 0;
  const [rows, counted] = await Promise.all([
    db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM "AuditEvent" WHERE ${where.sql} ORDER BY "at" DESC, id DESC LIMIT ? OFFSET ?`, ...where.params, take, skip),
    db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT count(*) AS n FROM "AuditEvent" WHERE ${where.sql}`, ...where.params),
  ]);
  const pageIds = rows.map((r) => r.id);
  const { events } = await listAuditWhere({ id: { in: pageIds } }, pageIds.length, 0);
  return { total: Number(counted[0]?.n ?? 0), events };
}
