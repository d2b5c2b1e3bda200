import { defineStateMachine } from "~/domain/state-machine";
import type { MouStatus, MouVersionStatus } from "~/generated/prisma/enums";

export type MouEvent =
  | "submit"
  | "returnToDraft"
  | "sendForSignature"
  | "decline"
  | "complete"
  | "amend"
  | "expire"
  | "terminate";

/**
 * The life of an MoU: draft → in review (Dinas) → out for signature → active → expired | terminated.
 * A declined signature sends it back to draft for a new version; an amendment of an active MoU keeps the
 * MoU ACTIVE (the signed version stays in force) while a new version goes through review and signature.
 */
export const mouMachine = /* @__PURE__ */ defineStateMachine<MouStatus, MouEvent>(
  "mou",
  {
    submit: { from: ["DRAFT"], to: "IN_REVIEW" },
    returnToDraft: { from: ["IN_REVIEW"], to: "DRAFT", requiresReason: true },
    sendForSignature: { from: ["IN_REVIEW"], to: "OUT_FOR_SIGNATURE" },
    decline: { from: ["OUT_FOR_SIGNATURE"], to: "DRAFT", requiresReason: true },
    complete: { from: ["OUT_FOR_SIGNATURE"], to: "ACTIVE" },
    amend: { from: ["ACTIVE"], to: "ACTIVE" },
    expire: { from: ["ACTIVE"], to: "EXPIRED" },
    terminate: {
      from: ["ACTIVE", "OUT_FOR_SIGNATURE", "IN_REVIEW", "DRAFT"],
      to: "TERMINATED",
      requiresReason: true,
    },
  },
  { refusalKey: "mou:errors.transitionNotAllowed" }
); // the refusal names the MoU's status, translated

export type MouVersionEvent =
  | "submit"
  | "returnToDraft"
  | "sendForSignature"
  | "decline"
  | "sign"
  | "supersede";

/** The life of one version of the text. Only DRAFT versions can be edited. */
export const mouVersionMachine = /* @__PURE__ */ defineStateMachine<
  MouVersionStatus,
  MouVersionEvent
>(
  "mouVersion",
  {
    submit: { from: ["DRAFT"], to: "IN_REVIEW" },
    returnToDraft: { from: ["IN_REVIEW"], to: "DRAFT", requiresReason: true },
    sendForSignature: { from: ["IN_REVIEW"], to: "OUT_FOR_SIGNATURE" },
    decline: {
      from: ["OUT_FOR_SIGNATURE"],
      to: "DECLINED",
      requiresReason: true,
    },
    sign: { from: ["OUT_FOR_SIGNATURE"], to: "SIGNED" },
    supersede: {
      from: ["SIGNED", "DRAFT", "IN_REVIEW", "DECLINED"],
      to: "SUPERSEDED",
    },
  },
  { refusalKey: "mou:errors.versionTransitionNotAllowed" }
);
