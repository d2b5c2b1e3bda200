import type { MouPaymentTerms } from "~/mou/content";
import { addDays as addCalendarDays, dayKey, endOfDay } from "~/time/calendar";

/** Payment terms of orders outside a MoU (catalogue and demand orders). */
export const DEFAULT_TERMS: MouPaymentTerms = { kind: "NET_DAYS", netDays: 14 };

/**
 * Due date from the terms, a calendar date in the office's zone: ON_DELIVERY (and CARD) on the delivery day
 * plus the MoU's grace days, NET_DAYS N days after the issue day. Returned (and stored as `dueAt`) as the
 * last millisecond of that day, so an invoice is overdue exactly when `dueAt < now`, i.e. from the next
 * midnight in the office's zone, and `dueAt` shows as the due day. Pure. Decision 079.
 */
export function dueDateFor(terms: MouPaymentTerms, at: { issuedAt: Date; deliveryDate: Date }, zone: string): Date {
  const dueDay =
    terms.kind === "NET_DAYS"
      ? addCalendarDays(dayKey(at.issuedAt, zone), terms.netDays)
      : addCalendarDays(dayKey(at.deliveryDate, zone), terms.kind === "ON_DELIVERY" ? (terms.graceDays ?? 0) : 0);
  return new Date(endOfDay(dueDay, zone).getTime() - 1);
}
