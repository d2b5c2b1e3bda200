import { defineStateMachine } from "~/domain/state-machine";
import type { DemandStatus, OfferStatus } from "~/generated/prisma/enums";

export type DemandEvent = "publish" | "awardPartly" | "award" | "close" | "cancel";

/**
 * A partner's demand: draft → open → partly awarded / awarded → closed; cancelled (with a reason)
 * from draft or open. Awarding is driven by accepted offers (see offers.server.ts).
 */
export const demandMachine = /* @__PURE__ */ defineStateMachine<DemandStatus, DemandEvent>("demand", {
  publish: { from: ["DRAFT"], to: "OPEN" },
  awardPartly: { from: ["OPEN", "PARTLY_AWARDED"], to: "PARTLY_AWARDED" },
  award: { from: ["OPEN", "PARTLY_AWARDED"], to: "AWARDED" },
  close: { from: ["PARTLY_AWARDED", "AWARDED"], to: "CLOSED" },
  cancel: { from: ["DRAFT", "OPEN"], to: "CANCELLED", requiresReason: true },
});

export type OfferEvent = "revise" | "withdraw" | "resubmit" | "shortlist" | "accept" | "decline";

/** A group's offer on a demand: revisable and withdrawable until the partner decides. */
export const offerMachine = /* @__PURE__ */ defineStateMachine<OfferStatus, OfferEvent>("offer", {
  revise: { from: ["SUBMITTED", "SHORTLISTED"], to: "SUBMITTED" },
  withdraw: { from: ["SUBMITTED", "SHORTLISTED"], to: "WITHDRAWN" },
  resubmit: { from: ["WITHDRAWN"], to: "SUBMITTED" },
  shortlist: { from: ["SUBMITTED"], to: "SHORTLISTED" },
  accept: { from: ["SUBMITTED", "SHORTLISTED"], to: "ACCEPTED" },
  decline: { from: ["SUBMITTED", "SHORTLISTED"], to: "DECLINED", requiresReason: true },
});

/** Demand states in which groups may still send or revise offers. */
export const OFFERABLE_STATUSES: DemandStatus[] = ["OPEN", "PARTLY_AWARDED"];
/** Offer states still waiting for the partner's decision. */
export const PENDING_OFFER_STATUSES: OfferStatus[] = ["SUBMITTED", "SHORTLISTED"];

/** The offer still waits for the partner's decision (usable in the browser too). */
export function isPending(status: string): boolean {
  return (PENDING_OFFER_STATUSES as string[]).includes(status);
}
