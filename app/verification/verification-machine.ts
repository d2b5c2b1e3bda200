import { defineStateMachine } from "~/domain/state-machine";
import type { VerificationStatus } from "~/generated/prisma/enums";

export type VerificationEvent = "verify" | "reject" | "resubmit";

/** Dinas verifies or rejects (with a reason) a group or partner that signed up. */
export const verificationMachine = /* @__PURE__ */ defineStateMachine<VerificationStatus, VerificationEvent>("verification", {
  verify: { from: ["PENDING"], to: "VERIFIED" },
  reject: { from: ["PENDING"], to: "REJECTED", requiresReason: true },
  resubmit: { from: ["REJECTED"], to: "PENDING" },
});
