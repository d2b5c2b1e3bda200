import { recordAudit } from "~/audit/audit.server";
import type { AuditActor } from "~/auth/actor";
import type { DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { Prisma } from "~/generated/prisma/client";
import type { InvoiceStatus } from "~/generated/prisma/enums";
import { INVOICE_AUDIT_ACTION, invoiceMachine, type InvoiceEvent } from "./invoice-machine";

/**
 * The only place that changes `Invoice.status` (decision 103): allowed by the invoice machine from the
 * status the caller read, guarded on it, audited (`invoice.paid`, `invoice.refunded`) in the caller's
 * transaction. Invoices are created in their initial status (ISSUED, the schema default).
 */
export async function moveInvoice(
  tx: DbClient,
  actor: AuditActor | null,
  invoice: { id: string; status: InvoiceStatus },
  event: InvoiceEvent,
  options: { data?: Omit<Prisma.InvoiceUpdateManyMutationInput, "status">; auditAfter?: Record<string, unknown> } = {},
): Promise<InvoiceStatus> {
  const next = invoiceMachine.apply(invoice.status, event);
  const updated = await tx.invoice.updateMany({ where: { id: invoice.id, status: invoice.status }, data: { ...options.data, status: next } });
  if (updated.count !== 1) throw new DomainError("errors:staleState");
  await recordAudit(tx, actor, {
    action: INVOICE_AUDIT_ACTION[event],
    entityType: "Invoice",
    entityId: invoice.id,
    before: { status: invoice.status },
    after: { status: next, ...options.auditAfter },
  });
  return next;
}
