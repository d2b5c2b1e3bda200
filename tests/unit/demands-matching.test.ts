import { perPeriod, rankCandidates, scoreCandidate, suggestOfferSplit, suggestSplit, weeklyNeed, WEIGHTS, type Candidate } from "~/demands/matching";

const base: Omit<Candidate, "groupId" | "name"> = {
  kecamatanName: "Batu",
  sameKecamatan: false,
  deliversThere: false,
  productsInCategory: 1,
  weeklyCapacity: 1000,
  weeklyLoad: 0,
  trackRecord: { onTimeRate: null, qualityRate: null, partnerships: 0, deliveries: 0 },
};
const candidate = (groupId: string, extra: Partial<Candidate> = {}): Candidate => ({ ...base, groupId, name: groupId, ...extra });

describe("weekly need", () => {
  it("converts each frequency to a week", () => {
    expect(weeklyNeed("DAILY", 300, null)).toBe(2100);
    expect(weeklyNeed("DAILY", 150, "6,7")).toBe(300);
    expect(weeklyNeed("WEEKLY", 40, "1")).toBe(40);
    expect(weeklyNeed("MONTHLY", 52, null)).toBe(12);
    expect(weeklyNeed("ONE_OFF", 300, null)).toBe(300);
    expect(perPeriod("DAILY", 2100, null)).toBe(300);
    expect(perPeriod("DAILY", 700, "1,2,3,4,5")).toBe(140);
  });
});

describe("ranking", () => {
  it("gives every criterion a reason and adds up to 100 for a perfect group", () => {
    const perfect = scoreCandidate(500, candidate("a", { sameKecamatan: true, trackRecord: { onTimeRate: 1, qualityRate: 1, partnerships: 3, deliveries: 10 } }));
    expect(perfect.score).toBe(100);
    expect(perfect.reasons.map((r) => r.key)).toEqual(["categoryFit", "capacityCovers", "sameKecamatan", "trackRecord", "load"]);
    expect(WEIGHTS.capacity + WEIGHTS.distance + WEIGHTS.trackRecord + WEIGHTS.load).toBe(100);
  });

  it("shows no history as neutral, not as zero", () => {
    const fresh = scoreCandidate(500, candidate("fresh"));
    const poor = scoreCandidate(500, candidate("poor", { trackRecord: { onTimeRate: 0.2, qualityRate: 0.3, partnerships: 0, deliveries: 5 } }));
    expect(fresh.reasons.some((r) => r.key === "noHistory")).toBe(true);
    expect(fresh.score).toBeGreaterThan(poor.score);
  });

  it("orders by capacity, distance, track record and load, and drops groups without the category", () => {
    const ranked = rankCandidates(1000, [
      candidate("far-small", { weeklyCapacity: 300 }),
      candidate("near-big", { weeklyCapacity: 1500, sameKecamatan: true }),
      candidate("delivers-big", { weeklyCapacity: 1500, deliversThere: true }),
      candidate("busy-big", { weeklyCapacity: 1500, weeklyLoad: 1400, sameKecamatan: true }),
      candidate("other-category", { productsInCategory: 0, weeklyCapacity: 5000, sameKecamatan: true }),
    ]);
    expect(ranked.map((c) => c.groupId)).toEqual(["near-big", "delivers-big", "far-small", "busy-big"]);
    const busy = ranked.find((c) => c.groupId === "busy-big")!;
    expect(busy.available).toBe(100);
    expect(busy.reasons).toContainEqual({ key: "load", params: { percent: 93 } });
    expect(busy.reasons).toContainEqual({ key: "capacityPartial", params: { available: 100, need: 1000, percent: 10 } });
  });

  it("breaks ties by name so the order is stable", () => {
    const ranked = rankCandidates(100, [candidate("b"), candidate("a")]);
    expect(ranked.map((c) => c.groupId)).toEqual(["a", "b"]);
  });
});

describe("split suggestion", () => {
  it("needs no split when one group covers the quantity", () => {
    const ranked = rankCandidates(800, [candidate("a", { weeklyCapacity: 1000 }), candidate("b", { weeklyCapacity: 500 })]);
    expect(suggestSplit(800, ranked)).toEqual({ kind: "single", groupIds: ["a"] });
  });

  it("combines the fewest groups, largest free capacity first", () => {
    const ranked = rankCandidates(2100, [
      candidate("a", { weeklyCapacity: 900 }),
      candidate("b", { weeklyCapacity: 1200, weeklyLoad: 200 }),
      candidate("c", { weeklyCapacity: 700 }),
      candidate("d", { weeklyCapacity: 400 }),
    ]);
    const split = suggestSplit(2100, ranked);
    expect(split.kind).toBe("split");
    if (split.kind !== "split") return;
    expect(split.parts.map((p) => [p.groupId, p.weekly])).toEqual([
      ["b", 1000],
      ["a", 900],
      ["c", 200],
    ]);
    expect(split.parts.reduce((s, p) => s + p.weekly, 0)).toBe(2100);
  });

  it("says when a split is impossible, with the shortfall", () => {
    const ranked = rankCandidates(3000, [candidate("a", { weeklyCapacity: 900 }), candidate("b", { weeklyCapacity: 800, weeklyLoad: 800 }), candidate("c", { weeklyCapacity: 600 })]);
    expect(suggestSplit(3000, ranked)).toEqual({ kind: "impossible", total: 1500, shortfall: 1500, groups: 2 });
    expect(suggestSplit(100, [])).toEqual({ kind: "impossible", total: 0, shortfall: 100, groups: 0 });
  });

  it("uses as many small groups as it takes", () => {
    const many = Array.from({ length: 8 }, (_, i) => candidate(`g${i}`, { weeklyCapacity: 100 }));
    const split = suggestSplit(700, rankCandidates(700, many));
    expect(split.kind === "split" && split.parts.length).toBe(7);
  });
});

describe("split over received offers (partner)", () => {
  const offers = [
    { offerId: "a", name: "A", quantity: 200, price: 2500 },
    { offerId: "b", name: "B", quantity: 150, price: 2400 },
    { offerId: "c", name: "C", quantity: 100, price: 2600 },
  ];
  it("lists offers that cover the need alone", () => {
    expect(suggestOfferSplit(150, offers)).toEqual({ kind: "single", offerIds: ["a", "b"] });
  });
  it("combines the cheapest offers first", () => {
    expect(suggestOfferSplit(300, offers)).toEqual({
      kind: "split",
      parts: [
        { offerId: "b", name: "B", quantity: 150 },
        { offerId: "a", name: "A", quantity: 150 },
      ],
    });
  });
  it("says when the offers together fall short", () => {
    expect(suggestOfferSplit(500, offers)).toEqual({ kind: "impossible", total: 450, shortfall: 50 });
  });
});
