import { defineStateMachine } from "~/domain/state-machine";
import type { SignerStatus } from "~/generated/prisma/enums";

export type SignerEvent = "notify" | "remind" | "sign" | "decline";

/** The state a new signer is created in (the schema default). */
export const SIGNER_INITIAL: SignerStatus = "WAITING";

/**
 * One signer of one MoU version, one explicit table (decision 103): WAITING for their turn → NOTIFIED
 * (a signing link is issued when the earlier signers have signed) → SIGNED, or DECLINED with a reason.
 * A reminder re-issues the link and keeps the signer NOTIFIED. A signer of a version that is withdrawn or
 * superseded keeps its status; its link is spent (tokenUsedAt), which is not a status change.
 */
export const signerMachine = /* @__PURE__ */ defineStateMachine<SignerStatus, SignerEvent>(
  "signer",
  {
    notify: { from: ["WAITING"], to: "NOTIFIED" },
    remind: { from: ["NOTIFIED"], to: "NOTIFIED" },
    sign: { from: ["NOTIFIED"], to: "SIGNED" },
    decline: { from: ["NOTIFIED"], to: "DECLINED", requiresReason: true },
  },
  { refusalKey: "mou:errors.signerTransition" },
);
