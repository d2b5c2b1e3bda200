import { defineStateMachine } from "~/domain/state-machine";
import type { CoachingSessionStatus } from "~/generated/prisma/enums";

export type CoachingEvent = "schedule" | "reschedule" | "confirm" | "miss" | "cancel";

/**
 * A coaching session's lifecycle, one explicit table:
 * DUE → SCHEDULED (partner) → RESCHEDULED (partner, any number of times) → DELIVERED (group side confirms);
 * MISSED (system job: the due day passed unscheduled, or the confirmation window passed);
 * CANCELLED (partner, with a reason). DELIVERED, MISSED and CANCELLED are final.
 */
export const coachingMachine = /* @__PURE__ */ defineStateMachine<CoachingSessionStatus, CoachingEvent>("coaching", {
  schedule: { from: ["DUE"], to: "SCHEDULED" },
  reschedule: { from: ["SCHEDULED", "RESCHEDULED"], to: "RESCHEDULED" },
  confirm: { from: ["SCHEDULED", "RESCHEDULED"], to: "DELIVERED" },
  miss: { from: ["DUE", "SCHEDULED", "RESCHEDULED"], to: "MISSED" },
  cancel: { from: ["DUE", "SCHEDULED", "RESCHEDULED"], to: "CANCELLED", requiresReason: true },
});

/** Which side may fire each event. */
export const COACHING_EVENT_SIDE: Record<CoachingEvent, "partner" | "group" | "system"> = {
  schedule: "partner",
  reschedule: "partner",
  cancel: "partner",
  confirm: "group",
  miss: "system",
};

export const OPEN_STATUSES: CoachingSessionStatus[] = ["DUE", "SCHEDULED", "RESCHEDULED"];
export const PLANNED_STATUSES: CoachingSessionStatus[] = ["SCHEDULED", "RESCHEDULED"];

/** Days the group side has, after a session's date, to confirm it before the job marks it missed. */
export const CONFIRMATION_WINDOW_DAYS = 7;
