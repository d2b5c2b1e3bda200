import { defineStateMachine } from "~/domain/state-machine";
import type { PaymentStatus } from "~/generated/prisma/enums";

export type PaymentEvent = "confirm" | "reject" | "fail" | "expire" | "refund";

/** The state a new payment is created in (the schema default); cash is confirmed at once through `confirm`. */
export const PAYMENT_INITIAL: PaymentStatus = "PENDING";

/**
 * The payment lifecycle, one explicit table (decision 103):
 * PENDING → CONFIRMED (a bank transfer confirmed by the group or Dinas, cash recorded by the group, a card
 * checkout Stripe reports paid) | REJECTED (a transfer refused, with a reason) | FAILED (a card attempt
 * failed) | EXPIRED (the checkout session expired or was replaced). A FAILED card payment can still be
 * CONFIRMED: Stripe lets the payer retry another card in the same checkout session, whose completion then
 * arrives. CONFIRMED → REFUNDED when Stripe reports the charge fully refunded.
 */
export const paymentMachine = /* @__PURE__ */ defineStateMachine<PaymentStatus, PaymentEvent>(
  "payment",
  {
    confirm: { from: ["PENDING", "FAILED"], to: "CONFIRMED" },
    reject: { from: ["PENDING"], to: "REJECTED", requiresReason: true },
    fail: { from: ["PENDING"], to: "FAILED" },
    expire: { from: ["PENDING"], to: "EXPIRED" },
    refund: { from: ["CONFIRMED"], to: "REFUNDED" },
  },
  { refusalKey: "payments:errors.paymentTransition" },
);
