import { recordAudit } from "~/audit/audit.server";
import type { AuditActor } from "~/auth/actor";
import type { DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { Prisma } from "~/generated/prisma/client";
import type { OrderStatus } from "~/generated/prisma/enums";
import { orderMachine, type OrderEvent } from "./order-machine";

export type MoveOptions = {
  /** the event's reason (required by some events); stored in the audit row */
  reason?: string | null;
  /** other columns changed together with the status */
  data?: Omit<Prisma.OrderUpdateManyMutationInput, "status">;
  /** extra fields for the audit row's `after` */
  auditAfter?: Record<string, unknown>;
};

/**
 * The only place that writes `Order.status` (decision 103; tests/unit/status-writes.test.ts checks it):
 * the event must be allowed by the order machine from the status the caller read, the update is guarded on
 * that status (a concurrent change makes it fail with staleState instead of both winning), and the audit row
 * `order.<event>` is written in the caller's transaction.
 */
export async function moveOrder(tx: DbClient, actor: AuditActor | null, order: { id: string; status: OrderStatus }, event: OrderEvent, options: MoveOptions = {}): Promise<OrderStatus> {
  const next = orderMachine.apply(order.status, event, options.reason);
  const updated = await tx.order.updateMany({ where: { id: order.id, status: order.status }, data: { ...options.data, status: next } });
  if (updated.count !== 1) throw new DomainError("errors:staleState");
  await recordAudit(tx, actor, {
    action: `order.${event}`,
    entityType: "Order",
    entityId: order.id,
    before: { status: order.status },
    after: { status: next, ...options.auditAfter },
    reason: options.reason ?? null,
  });
  return next;
}
