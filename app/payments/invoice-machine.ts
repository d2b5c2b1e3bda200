import { defineStateMachine } from "~/domain/state-machine";
import type { InvoiceStatus } from "~/generated/prisma/enums";

export type InvoiceEvent = "pay" | "refund";

/** The state a new invoice is created in (the schema default). */
export const INVOICE_INITIAL: InvoiceStatus = "ISSUED";

/**
 * The invoice lifecycle, one explicit table (decision 103): an invoice is ISSUED when its order is
 * invoiced; PAID when confirmed payments cover it (at once for a zero-amount invoice); a full card refund
 * puts a PAID invoice back to ISSUED (owed again). VOID exists in the schema but no code path voids an
 * invoice, so the table has no event leading to it (a VOID invoice accepts no event).
 */
export const invoiceMachine = /* @__PURE__ */ defineStateMachine<InvoiceStatus, InvoiceEvent>(
  "invoice",
  {
    pay: { from: ["ISSUED"], to: "PAID" },
    refund: { from: ["PAID"], to: "ISSUED" },
  },
  { refusalKey: "payments:errors.invoiceTransition" },
);

/** Audit action of each invoice event (the labels in app/locales/<lang>/audit.json). */
export const INVOICE_AUDIT_ACTION: Record<InvoiceEvent, string> = { pay: "invoice.paid", refund: "invoice.refunded" };
