/**
 * The partner enthusiasm index (decision 083): 0–100 from five components, each a share between 0 and 1
 * computed from the partner's records in a window. Pure functions of the evidence, so the formula is tested
 * with hand-computed fixtures and the page can show it.
 *
 *  - coaching (weight 30): each promised session due in the window scores 1 if delivered by its due day + 7
 *    days, ½ if delivered later, 0 if missed or still not delivered 7 days after its due day; cancelled
 *    sessions and sessions not yet due do not count.
 *  - ordering (25): against the MoU schedule: delivery days of its active MoUs in the window (from the
 *    MoU's delivery weekdays, only MoUs that list quantities), share of those days with a live order.
 *  - payment (20): each invoice due in the window scores 1 if paid by its due day, ½ if paid later, 0 if
 *    unpaid after it; invoices not yet due do not count.
 *  - responsiveness (10): each offer on its demands and each group question to it scores 1 if answered
 *    within 2 days, ½ within 7, 0 later or still unanswered after 7 days.
 *  - rating (15): the groups' ratings of its sessions (1–5), as (rating − 1) / 4.
 *
 * Index = 100 × Σ weight × score / Σ weight over the components that have records (rounded). With fewer
 * than 2 components with records, or fewer than 3 records in all, the partner has too little history:
 * no number ("belum cukup data").
 */

import { addDays, endOfDay, isoWeekday, startOfDay } from "../time/calendar";

export const WEIGHTS = { coaching: 30, ordering: 25, payment: 20, responsiveness: 10, rating: 15 } as const;
export type ComponentKey = keyof typeof WEIGHTS;
export const COMPONENTS = Object.keys(WEIGHTS) as ComponentKey[];
export const MIN_COMPONENTS = 2;
export const MIN_RECORDS = 3;
export const GRACE_DAYS = 7;

const DAY = 86_400_000;

export type SessionEvidence = { id: string; status: string; dueDate: Date; deliveredAt: Date | null; rating: number | null };
export type ScheduleEvidence = { mouId: string; expectedDays: string[]; orderedDays: string[] };
export type InvoiceEvidence = { id: string; dueAt: Date; paidAt: Date | null; status: string };
export type ResponseEvidence = { id: string; kind: "offer" | "question"; askedAt: Date; answeredAt: Date | null };
export type PartnerEvidence = {
  sessions: SessionEvidence[];
  schedules: ScheduleEvidence[];
  invoices: InvoiceEvidence[];
  responses: ResponseEvidence[];
};

export type ComponentScore = { score: number | null; records: number };
export type IndexResult = { index: number | null; enoughData: boolean; components: Record<ComponentKey, ComponentScore> };

/** End of the (office-zone) day of an instant, in ms. */
function endOfDayMs(at: Date, zone: string): number {
  return endOfDay(at, zone).getTime();
}

const mean = (values: number[]): ComponentScore => ({ score: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null, records: values.length });

function inWindow(at: Date, from: Date, to: Date): boolean {
  return at.getTime() >= from.getTime() && at.getTime() < to.getTime();
}

/**
 * 00:00 of a day in a zone, in ms, remembered: a zone's rules do not change while the process runs, and the
 * ranking asks for the same schedule days once per partner and month of the trend (decision 141).
 */
const dayStarts = new Map<string, number>();
function dayStartMs(key: string, zone: string): number {
  const id = `${zone} ${key}`;
  let ms = dayStarts.get(id);
  if (ms === undefined) {
    if (dayStarts.size >= 50_000) dayStarts.clear();
    ms = startOfDay(key, zone).getTime();
    dayStarts.set(id, ms);
  }
  return ms;
}

/** The five components and the index of one partner for the window [from, to), read at `now`. */
export function enthusiasm(e: PartnerEvidence, from: Date, to: Date, now: Date, zone: string): IndexResult {
  const at = Math.min(to.getTime(), now.getTime());
  const coaching: number[] = [];
  const ratings: number[] = [];
  for (const s of e.sessions) {
    if (!inWindow(s.dueDate, from, to) || s.status === "CANCELLED") continue;
    const deadline = endOfDayMs(s.dueDate, zone) + GRACE_DAYS * DAY;
    if (s.status === "DELIVERED") {
      const delivered = (s.deliveredAt ?? s.dueDate).getTime();
      coaching.push(delivered <= deadline ? 1 : 0.5);
      if (s.rating) ratings.push((Math.min(5, Math.max(1, s.rating)) - 1) / 4);
    } else if (s.status === "MISSED" || deadline < at) {
      coaching.push(0);
    }
  }
  let expected = 0;
  let ordered = 0;
  for (const sch of e.schedules) {
    const days = sch.expectedDays.filter((d) => {
      const start = dayStartMs(d, zone);
      return start >= from.getTime() && start < to.getTime() && start <= at;
    });
    const got = new Set(sch.orderedDays);
    expected += days.length;
    ordered += days.filter((d) => got.has(d)).length;
  }
  const payment: number[] = [];
  for (const inv of e.invoices) {
    if (inv.status === "VOID" || !inWindow(inv.dueAt, from, to)) continue;
    const due = endOfDayMs(inv.dueAt, zone);
    if (inv.paidAt) payment.push(inv.paidAt.getTime() <= due ? 1 : 0.5);
    else if (due < at) payment.push(0);
  }
  const responses: number[] = [];
  for (const r of e.responses) {
    if (!inWindow(r.askedAt, from, to)) continue;
    const waited = ((r.answeredAt?.getTime() ?? at) - r.askedAt.getTime()) / DAY;
    if (r.answeredAt) responses.push(waited <= 2 ? 1 : waited <= 7 ? 0.5 : 0);
    else if (waited > 7) responses.push(0);
  }
  const components: Record<ComponentKey, ComponentScore> = {
    coaching: mean(coaching),
    ordering: { score: expected ? ordered / expected : null, records: expected },
    payment: mean(payment),
    responsiveness: mean(responses),
    rating: mean(ratings),
  };
  return { ...indexOf(components), components };
}

/** The weighted index over the components that have records, or null with too little history. */
export function indexOf(components: Record<ComponentKey, ComponentScore>): { index: number | null; enoughData: boolean } {
  const present = COMPONENTS.filter((k) => components[k].score !== null && components[k].records > 0);
  const records = present.reduce((s, k) => s + components[k].records, 0);
  if (present.length < MIN_COMPONENTS || records < MIN_RECORDS) return { index: null, enoughData: false };
  const weight = present.reduce((s, k) => s + WEIGHTS[k], 0);
  const sum = present.reduce((s, k) => s + WEIGHTS[k] * components[k].score!, 0);
  return { index: Math.round((100 * sum) / weight), enoughData: true };
}

/** The delivery days (yyyy-mm-dd, WIB) of an MoU schedule between two day keys, both included. */
export function scheduleDays(deliveryDays: number[], startKey: string, endKey: string): string[] {
  const days: string[] = [];
  if (!deliveryDays.length || startKey > endKey) return days;
  for (let day = startKey, guard = 0; day <= endKey && guard < 3_700; guard++, day = addDays(day, 1)) {
    if (deliveryDays.includes(isoWeekday(day))) days.push(day);
  }
  return days;
}
