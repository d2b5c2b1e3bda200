import type { DemandFrequency } from "~/generated/prisma/enums";

/**
 * Matching of demands and groups: pure functions, no database (see docs/decisions/020-demand-matching.md).
 * Quantities are compared per week, because Product.weeklyCapacity is weekly.
 */

/** ISO weekdays from "1,3,5"; empty for none. */
export function parseDaysOfWeek(value: string | null | undefined): number[] {
  if (!value) return [];
  return [...new Set(value.split(",").map((d) => Number(d.trim())).filter((d) => Number.isInteger(d) && d >= 1 && d <= 7))].sort();
}

/** How many delivery periods fall in one week. */
export function periodsPerWeek(frequency: DemandFrequency, daysOfWeek?: string | null): number {
  switch (frequency) {
    case "DAILY": {
      const days = parseDaysOfWeek(daysOfWeek).length;
      return days > 0 ? days : 7;
    }
    case "WEEKLY":
      return 1;
    case "MONTHLY":
      return 12 / 52;
    case "ONE_OFF":
      return 1;
  }
}

/** The demand's quantity expressed per week (a one-off quantity counts as one week's work). */
export function weeklyNeed(frequency: DemandFrequency, quantity: number, daysOfWeek?: string | null): number {
  return Math.ceil(quantity * periodsPerWeek(frequency, daysOfWeek));
}

/** A weekly amount expressed per delivery period of the demand (rounded down: what can surely be supplied). */
export function perPeriod(frequency: DemandFrequency, weekly: number, daysOfWeek?: string | null): number {
  return Math.floor(weekly / periodsPerWeek(frequency, daysOfWeek));
}

export type TrackRecord = {
  /** share of received deliveries that arrived on or before the delivery date; null = no history */
  onTimeRate: number | null;
  /** accepted / delivered quantity over all handovers; null = no history */
  qualityRate: number | null;
  /** groups' MoUs in status ACTIVE */
  partnerships: number;
  deliveries: number;
};

export type Candidate = {
  groupId: string;
  name: string;
  kecamatanName: string;
  /** the group's kecamatan is the delivery kecamatan */
  sameKecamatan: boolean;
  /** one of its products in the category lists the delivery kecamatan as a delivery area */
  deliversThere: boolean;
  /** active products in the demand's category */
  productsInCategory: number;
  /** sum of weeklyCapacity of those products */
  weeklyCapacity: number;
  /** weekly quantity already committed in this category (accepted offers on running demands) */
  weeklyLoad: number;
  trackRecord: TrackRecord;
};

export type Reason =
  | { key: "categoryFit"; params: { count: number } }
  | { key: "capacityCovers"; params: { available: number; need: number } }
  | { key: "capacityPartial"; params: { available: number; need: number; percent: number } }
  | { key: "sameKecamatan"; params: { kecamatan: string } }
  | { key: "deliversThere"; params: { kecamatan: string } }
  | { key: "farAway"; params: { kecamatan: string } }
  | { key: "trackRecord"; params: { onTime: number; quality: number; partnerships: number } }
  | { key: "noHistory"; params: { partnerships: number } }
  | { key: "load"; params: { percent: number } };

export type RankedCandidate = Candidate & { score: number; available: number; reasons: Reason[] };

/** Points per criterion; they add up to 100. */
export const WEIGHTS = { capacity: 35, distance: 20, trackRecord: 25, load: 20 } as const;

const pct = (x: number) => Math.round(x * 100);

/** Scores one group against a weekly need; every point comes with a reason the user can read. */
export function scoreCandidate(need: number, c: Candidate): RankedCandidate {
  const reasons: Reason[] = [{ key: "categoryFit", params: { count: c.productsInCategory } }];
  const available = Math.max(0, c.weeklyCapacity - c.weeklyLoad);
  const coverage = need > 0 ? Math.min(1, available / need) : 1;
  reasons.push(
    coverage >= 1
      ? { key: "capacityCovers", params: { available, need } }
      : { key: "capacityPartial", params: { available, need, percent: pct(coverage) } },
  );
  let distance = 0;
  if (c.sameKecamatan) {
    distance = 1;
    reasons.push({ key: "sameKecamatan", params: { kecamatan: c.kecamatanName } });
  } else if (c.deliversThere) {
    distance = 0.6;
    reasons.push({ key: "deliversThere", params: { kecamatan: c.kecamatanName } });
  } else {
    reasons.push({ key: "farAway", params: { kecamatan: c.kecamatanName } });
  }
  const tr = c.trackRecord;
  let record: number;
  if (tr.onTimeRate === null && tr.qualityRate === null) {
    record = 0.5; // neutral: a new group is neither rewarded nor punished
    reasons.push({ key: "noHistory", params: { partnerships: tr.partnerships } });
  } else {
    const onTime = tr.onTimeRate ?? tr.qualityRate ?? 0;
    const quality = tr.qualityRate ?? tr.onTimeRate ?? 0;
    record = 0.8 * ((onTime + quality) / 2) + 0.2 * Math.min(tr.partnerships, 3) / 3;
    reasons.push({ key: "trackRecord", params: { onTime: pct(onTime), quality: pct(quality), partnerships: tr.partnerships } });
  }
  const utilisation = c.weeklyCapacity > 0 ? Math.min(1, c.weeklyLoad / c.weeklyCapacity) : 1;
  reasons.push({ key: "load", params: { percent: pct(utilisation) } });
  const score =
    WEIGHTS.capacity * coverage + WEIGHTS.distance * distance + WEIGHTS.trackRecord * record + WEIGHTS.load * (1 - utilisation);
  return { ...c, available, score: Math.round(score * 10) / 10, reasons };
}

/** Groups without a product in the category are not candidates; the rest by score, then name. */
export function rankCandidates(need: number, candidates: Candidate[]): RankedCandidate[] {
  return candidates
    .filter((c) => c.productsInCategory > 0)
    .map((c) => scoreCandidate(need, c))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
}

export type SplitSuggestion =
  | { kind: "single"; groupIds: string[] }
  | { kind: "split"; parts: { groupId: string; name: string; weekly: number }[]; total: number }
  | { kind: "impossible"; total: number; shortfall: number; groups: number };

/**
 * When no single group covers the weekly need, the fewest groups whose free weekly capacity together
 * covers it (largest free capacity first, ties by rank); each is asked for what it can spare, the last
 * one only for the rest. "impossible" when all candidates together fall short.
 */
export function suggestSplit(need: number, ranked: RankedCandidate[]): SplitSuggestion {
  const single = ranked.filter((c) => c.available >= need).map((c) => c.groupId);
  if (single.length > 0) return { kind: "single", groupIds: single };
  const pool = ranked.filter((c) => c.available > 0);
  const total = pool.reduce((sum, c) => sum + c.available, 0);
  const byFree = [...pool].sort((a, b) => b.available - a.available || b.score - a.score);
  const parts: { groupId: string; name: string; weekly: number }[] = [];
  let rest = need;
  for (const c of byFree) {
    if (rest <= 0) break;
    const take = Math.min(c.available, rest);
    parts.push({ groupId: c.groupId, name: c.name, weekly: take });
    rest -= take;
  }
  if (rest > 0) return { kind: "impossible", total, shortfall: need - total, groups: pool.length };
  return { kind: "split", parts, total: need };
}

export type OfferOption = { offerId: string; name: string; quantity: number; price: number };

export type OfferSplit =
  | { kind: "single"; offerIds: string[] }
  | { kind: "split"; parts: { offerId: string; name: string; quantity: number }[] }
  | { kind: "impossible"; total: number; shortfall: number };

/**
 * For the partner: how the offers received could cover what is still needed (per delivery). Offers that
 * cover it alone are listed; otherwise the cheapest offers are combined (ties: larger quantity first).
 */
export function suggestOfferSplit(remaining: number, offers: OfferOption[]): OfferSplit {
  const single = offers.filter((o) => o.quantity >= remaining).map((o) => o.offerId);
  if (single.length > 0) return { kind: "single", offerIds: single };
  const total = offers.reduce((s, o) => s + o.quantity, 0);
  if (total < remaining) return { kind: "impossible", total, shortfall: remaining - total };
  const parts: { offerId: string; name: string; quantity: number }[] = [];
  let rest = remaining;
  for (const o of [...offers].sort((a, b) => a.price - b.price || b.quantity - a.quantity)) {
    if (rest <= 0) break;
    const take = Math.min(o.quantity, rest);
    parts.push({ offerId: o.offerId, name: o.name, quantity: take });
    rest -= take;
  }
  return { kind: "split", parts };
}
