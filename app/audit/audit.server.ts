import type { AuditActor } from "~/auth/actor";
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

export async function listAuditEvents(filter: { entityType?: string; entityId?: string; take?: number; skip?: number }) {
  const where = {
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
  };
  const [events, total] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: { at: "desc" }, take: filter.take ?? 50, skip: filter.skip ?? 0 }),
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
