import type { CoachingFrequency, GroupType, ProductUnit } from "~/generated/prisma/enums";

/**
 * The structured content of one MoU version (Nota Kesepahaman Kemitraan). Stored as canonical JSON in
 * MouVersion.content; its SHA-256 is what signatures bind to. Dates are "yyyy-mm-dd" (WIB).
 * Shared contract between the MoU, demand, order (standing orders, payment terms) and coaching modules.
 */
export type MouPaymentTerms =
  /** due at the end of the delivery day (office zone) plus `graceDays` calendar days (0 when absent) */
  | { kind: "ON_DELIVERY"; graceDays?: number }
  | { kind: "NET_DAYS"; netDays: number }
  | { kind: "CARD" };

/** Most grace days the MoU form accepts after an ON_DELIVERY delivery day. */
export const MAX_GRACE_DAYS = 60;

/**
 * The translation key suffix and day count of a payment clause (`mou:payment.<key>`, `mou:summary.pay.<key>`):
 * ON_DELIVERY with grace days reads "at most N days after the goods are received". Pure, shared by the
 * page, the summary and the sealed PDF.
 */
export function paymentClause(terms: MouPaymentTerms): { key: "ON_DELIVERY" | "ON_DELIVERY_GRACE" | "NET_DAYS" | "CARD"; days: number } {
  if (terms.kind === "NET_DAYS") return { key: "NET_DAYS", days: terms.netDays };
  if (terms.kind === "ON_DELIVERY" && (terms.graceDays ?? 0) > 0) return { key: "ON_DELIVERY_GRACE", days: terms.graceDays! };
  return { key: terms.kind, days: 0 };
}

export type MouScopeItem = {
  groupId: string;
  productId: string | null;
  description: string;
  unit: ProductUnit;
  /** quantity per delivery day */
  quantityPerDelivery: number;
  unitPrice: number;
};

export type MouCoachingCommitment = {
  topic: string;
  sessionsCount: number;
  frequency: CoachingFrequency;
  firstDueDate: string;
  hoursPerSession: number;
};

export type MouContent = {
  title: string;
  /** signatory emails are optional: without one the party's account email is used; an email without an account signs with an emailed code */
  parties: {
    partner: { id: string; legalName: string; displayName: string; address: string; signatoryName: string; signatoryTitle: string; signatoryEmail?: string };
    groups: { id: string; name: string; type: GroupType; village: string; kecamatan: string; chairName: string; chairEmail?: string }[];
    dinas: { id: string; name: string; signatoryName: string; signatoryTitle: string; signatoryEmail?: string };
  };
  /** the city's partnership regulation and context */
  background: string;
  scope: {
    items: MouScopeItem[];
    /** ISO weekdays 1 (Monday) – 7 (Sunday) on which deliveries are due */
    deliveryDays: number[];
    deliveryAddress: string;
    qualityStandards: string;
  };
  obligations: { partner: string[]; group: string[] };
  coaching: MouCoachingCommitment[];
  payment: MouPaymentTerms;
  period: { startDate: string; endDate: string };
  termination: string;
  dispute: string;
};
