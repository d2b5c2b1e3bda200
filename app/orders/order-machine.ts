import { defineStateMachine } from "~/domain/state-machine";
import type { OrderStatus } from "~/generated/prisma/enums";

export type OrderEvent =
  | "accept"
  | "decline"
  | "startProduction"
  | "ship"
  | "receive"
  | "dispute"
  | "resolveDispute"
  | "invoice"
  | "pay"
  | "refund"
  | "cancel"
  | "skip";

/**
 * The order lifecycle, one explicit table:
 * PLACED → ACCEPTED | DECLINED (reason) → IN_PRODUCTION → SHIPPED → RECEIVED → INVOICED → PAID.
 * CANCELLED (reason) from PLACED / ACCEPTED / IN_PRODUCTION; DISPUTED after receipt (within 48 h, reason);
 * SKIPPED: a partner skips one delivery day of a standing order while it is still PLACED or ACCEPTED.
 * A full card refund of a paid invoice takes the order back from PAID to INVOICED (owed again).
 * Every status write goes through `moveOrder` (order-transitions.server.ts): guarded and audited (decision 103).
 */
export const orderMachine = /* @__PURE__ */ defineStateMachine<OrderStatus, OrderEvent>(
  "order",
  {
    accept: { from: ["PLACED"], to: "ACCEPTED" },
    decline: { from: ["PLACED"], to: "DECLINED", requiresReason: true },
    startProduction: { from: ["ACCEPTED"], to: "IN_PRODUCTION" },
    ship: { from: ["ACCEPTED", "IN_PRODUCTION"], to: "SHIPPED" },
    receive: { from: ["SHIPPED"], to: "RECEIVED" },
    dispute: { from: ["RECEIVED"], to: "DISPUTED", requiresReason: true },
    resolveDispute: { from: ["DISPUTED"], to: "RECEIVED" },
    invoice: { from: ["RECEIVED"], to: "INVOICED" },
    pay: { from: ["INVOICED"], to: "PAID" },
    refund: { from: ["PAID"], to: "INVOICED" },
    cancel: {
      from: ["PLACED", "ACCEPTED", "IN_PRODUCTION"],
      to: "CANCELLED",
      requiresReason: true,
    },
    skip: { from: ["PLACED", "ACCEPTED"], to: "SKIPPED", requiresReason: true },
  },
  { refusalKey: "orders:errors.transitionNotAllowed" }
); // the refusal names the order's status, translated

/** Which side may fire each event (the other side is notified). */
export const EVENT_SIDE: Record<
  OrderEvent,
  "group" | "partner" | "either" | "system"
> = {
  accept: "group",
  decline: "group",
  startProduction: "group",
  ship: "group",
  receive: "partner",
  dispute: "group",
  resolveDispute: "partner",
  invoice: "system",
  pay: "system",
  refund: "system",
  cancel: "either",
  skip: "partner",
};

/** Statuses in which the order's quantities count against the group's weekly capacity. */
export const CAPACITY_STATUSES: OrderStatus[] = [
  "ACCEPTED",
  "IN_PRODUCTION",
  "SHIPPED",
  "RECEIVED",
  "DISPUTED",
  "INVOICED",
  "PAID",
];
/** Orders still to be produced (production plan). */
export const PLAN_STATUSES: OrderStatus[] = [
  "PLACED",
  "ACCEPTED",
  "IN_PRODUCTION",
];
