import { indexHint, portablePlaceholders } from "~/db/raw-sql";
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

/** The latest history of one record (or one entity type), for pages that already checked the actor may see that record. */
export async function listAuditEvents(filter: { entityType?: string; entityId?: string; take?: number; skip?: number }) {
  const where = {
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
  };
  return listAuditWhere(where, filter.take, filter.skip);
}

async function listAuditWhere(where: Prisma.AuditEventWhereInput, take = 50, skip = 0) {
  const events = await db.auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], take, skip });
  const groupIds = [...new Set(events.map((e) => e.actingForGroupId).filter((x): x is string => !!x))];
  const groups = groupIds.length
    ? await db.group.findMany({ where: { id: { in: groupIds } }, select: { id: true, name: true } })
    : [];
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  return {
    events: events.map((e) => ({ ...e, actingForGroupName: e.actingForGroupId ? groupName.get(e.actingForGroupId) ?? null : null })),
  };
}

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

/** A position in the audit log: the (at, id) of an event. Opaque in URLs ("<ms>.<id>"). */
export type AuditCursor = { at: Date; id: string };

export function encodeAuditCursor(c: AuditCursor): string {
  return `${c.at.getTime()}.${c.id}`;
}

/** The cursor of a URL parameter; anything malformed is no cursor (the newest page), never an error. */
export function decodeAuditCursor(text: string | null | undefined): AuditCursor | undefined {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(text ?? "");
  if (!match) return undefined;
  const at = new Date(Number(match[1]));
  return Number.isNaN(at.getTime()) ? undefined : { at, id: match[2]! };
}

export type AuditPage = {
  events: Awaited<ReturnType<typeof listAuditWhere>>["events"];
  /** cursor for the page of older events, or null when there is none */
  older: string | null;
  /** cursor for the page of newer events, or null on the newest page */
  newer: string | null;
};

export const AUDIT_PAGE_MAX = 1000;

/**
 * One page of the audit log the actor may read (`read:audit-log:any`), newest first, paged by key (at, id):
 * `before` gives the page of events older than that cursor, `after` the page just newer than it. No offset
 * and no count(*): a page costs the same at the end of a long log as at its start, and an event recorded
 * between two page loads does not shift the pages (decision 101). Admins read everything; Dinas staff the
 * events about their office's records or done by their office's people, with the office scope in the
 * query's WHERE (decision 061); anyone else nothing.
 */
export async function auditLogFor(
  actor: Actor,
  filter: { entityType?: string; take?: number; before?: string | null; after?: string | null },
): Promise<AuditPage> {
  const take = Math.min(Math.max(1, Math.trunc(filter.take ?? 50)), AUDIT_PAGE_MAX);
  const before = decodeAuditCursor(filter.before);
  const after = before ? undefined : decodeAuditCursor(filter.after);
  if (actor.role !== "ADMIN" && (actor.role !== "DINAS" || !actor.dinasOfficeId)) return { events: [], older: null, newer: null };

  // One row more than a page tells whether there is a further page in the walking direction.
  const rows = actor.role === "ADMIN" ? await adminPageKeys(filter.entityType, before, after, take + 1) : await officePageKeys(actor.dinasOfficeId!, filter.entityType, before, after, take + 1);
  const more = rows.length > take;
  const keys = rows.slice(0, take);
  if (after) keys.reverse(); // walked oldest-first from the cursor; shown newest first
  const { events: loaded } = keys.length ? await listAuditWhere({ id: { in: keys.map((k) => k.id) } }, keys.length, 0) : { events: [] };
  const byId = new Map(loaded.map((e) => [e.id, e]));
  const events = keys.map((k) => byId.get(k.id)!).filter(Boolean);
  const newest = events[0];
  const oldest = events[events.length - 1];
  return {
    events,
    // Walking newer from a cursor, older events exist (the cursor's own page); walking older, it is `more`.
    older: oldest && (after ? true : more) ? encodeAuditCursor(oldest) : null,
    newer: newest && (after ? more : !!before) ? encodeAuditCursor(newest) : null,
  };
}

type Key = { id: string; at: Date };

/** Events strictly older (`before`) or newer (`after`) than a cursor, in (at, id) order. */
function cursorWhere(before: AuditCursor | undefined, after: AuditCursor | undefined): Prisma.AuditEventWhereInput {
  const c = before ?? after;
  if (!c) return {};
  // (at, id) < (c.at, c.id), written so that SQLite can start the index walk at c.at (a range on `at`).
  return before
    ? { at: { lte: c.at }, OR: [{ at: { lt: c.at } }, { id: { lt: c.id } }] }
    : { at: { gte: c.at }, OR: [{ at: { gt: c.at } }, { id: { gt: c.id } }] };
}

async function adminPageKeys(entityType: string | undefined, before: AuditCursor | undefined, after: AuditCursor | undefined, limit: number): Promise<Key[]> {
  const direction = after ? "asc" : "desc";
  return db.auditEvent.findMany({
    where: { AND: [entityType ? { entityType } : {}, cursorWhere(before, after)] },
    orderBy: [{ at: direction }, { id: direction }],
    take: limit,
    select: { id: true, at: true },
  });
}

async function officePageKeys(officeId: string, entityType: string | undefined, before: AuditCursor | undefined, after: AuditCursor | undefined, limit: number): Promise<Key[]> {
  const where = officeAuditWhere(officeId, entityType);
  const c = before ?? after;
  const op = before ? "<" : ">";
  // A Date parameter reaches SQLite in the form the adapter stores DateTime in, so the comparison is exact.
  const keyset = c ? ` AND ("at", id) ${op} (?, ?)` : ""; // a row value: SQLite walks the index from there
  const keysetParams: (Date | string)[] = c ? [c.at, c.id] : [];
  const direction = after ? "ASC" : "DESC";
  // Walk the log in key order and stop after `limit` matches: without INDEXED BY, SQLite prefers one index
  // search per record type (OR) and sorts all of the office's events before the LIMIT, which grows with the
  // log. The office's record ids (the subqueries) are listed once per query, on their own indexes.
  const index = entityType ? "AuditEvent_entityType_at_id_idx" : "AuditEvent_at_id_idx";
  const rows = await db.$queryRawUnsafe<{ id: string; at: string | Date }[]>(
    portablePlaceholders(`SELECT id, "at" FROM "AuditEvent"${indexHint(index)} WHERE ${where.sql}${keyset} ORDER BY "at" ${direction}, id ${direction} LIMIT ?`),
    ...where.params,
    ...keysetParams,
    limit,
  );
  return rows.map((r) => ({ id: r.id, at: new Date(r.at) }));
}
