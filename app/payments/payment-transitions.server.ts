import { recordAudit } from "~/audit/audit.server";
import type { AuditActor } from "~/auth/actor";
import type { DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { Prisma } from "~/generated/prisma/client";
import type { PaymentStatus } from "~/generated/prisma/enums";
import { paymentMachine, type PaymentEvent } from "./payment-machine";

/**
 * The only place that changes `Payment.status` (decision 103): allowed by the payment machine from the
 * status the caller read, guarded on it, audited in the caller's transaction. `action` names the audit
 * row when the source matters (a card payment's `payment.stripeCompleted` vs a transfer's `payment.confirm`);
 * by default it is `payment.<event>`. Payments are created PENDING (the schema default).
 */
export async function movePayment(
  tx: DbClient,
  actor: AuditActor | null,
  payment: { id: string; status: PaymentStatus },
  event: PaymentEvent,
  options: { reason?: string | null; action?: string; data?: Omit<Prisma.PaymentUpdateManyMutationInput, "status">; auditAfter?: Record<string, unknown> } = {},
): Promise<PaymentStatus> {
  const next = paymentMachine.apply(payment.status, event, options.reason);
  const updated = await tx.payment.updateMany({ where: { id: payment.id, status: payment.status }, data: { ...options.data, status: next } });
  if (updated.count !== 1) throw new DomainError("errors:staleState");
  await recordAudit(tx, actor, {
    action: options.action ?? `payment.${event}`,
    entityType: "Payment",
    entityId: payment.id,
    before: { status: payment.status },
    after: { status: next, ...options.auditAfter },
    reason: options.reason ?? null,
  });
  return next;
}
