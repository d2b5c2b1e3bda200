import { enthusiasm, indexOf, scheduleDays, type PartnerEvidence } from "~/monitoring/enthusiasm";

const WIB = "Asia/Jakarta"; // these cases are in a WIB office

const FROM = new Date("2026-01-01T00:00:00+07:00");
const TO = new Date("2026-11-18T00:00:00+07:00");
const NOW = new Date("2026-11-17T10:00:00+07:00");
const d = (s: string) => new Date(`${s}T09:00:00+07:00`);
const empty = (): PartnerEvidence => ({ sessions: [], schedules: [], invoices: [], responses: [] });

describe("partner enthusiasm index (hand-computed)", () => {
  it("has too little history without an MoU or any record", () => {
    const r = enthusiasm(empty(), FROM, TO, NOW, WIB);
    expect(r).toMatchObject({ index: null, enoughData: false });
    expect(r.components.ordering).toEqual({ score: null, records: 0 });
  });

  it("does not count cancelled sessions: a partner with only cancelled sessions has no data", () => {
    const e = empty();
    e.sessions = [1, 2, 3].map((i) => ({ id: `s${i}`, status: "CANCELLED", dueDate: d("2026-06-01"), deliveredAt: null, rating: null }));
    const r = enthusiasm(e, FROM, TO, NOW, WIB);
    expect(r.components.coaching).toEqual({ score: null, records: 0 });
    expect(r.index).toBeNull();
  });

  it("shows 'not enough data' for a partner with one paid order", () => {
    const e = empty();
    e.invoices = [{ id: "i1", dueAt: d("2026-10-01"), paidAt: d("2026-09-30"), status: "PAID" }];
    const r = enthusiasm(e, FROM, TO, NOW, WIB);
    expect(r.components.payment).toEqual({ score: 1, records: 1 });
    expect(r).toMatchObject({ index: null, enoughData: false });
  });

  it("weights the components that have records", () => {
    const e = empty();
    // coaching: on time 1, late (10 days) ½, missed 0, overdue 0, not yet due: skipped → 1.5 / 4 = 0.375
    e.sessions = [
      { id: "a", status: "DELIVERED", dueDate: d("2026-03-01"), deliveredAt: d("2026-03-03"), rating: 5 },
      { id: "b", status: "DELIVERED", dueDate: d("2026-04-01"), deliveredAt: d("2026-04-11"), rating: 3 },
      { id: "c", status: "MISSED", dueDate: d("2026-05-01"), deliveredAt: null, rating: null },
      { id: "d", status: "DUE", dueDate: d("2026-10-01"), deliveredAt: null, rating: null },
      { id: "e", status: "SCHEDULED", dueDate: d("2026-11-15"), deliveredAt: null, rating: null },
    ];
    // ordering: 4 scheduled days up to now, 3 with an order → 0.75 (a day after now is not counted)
    e.schedules = [{ mouId: "m", expectedDays: ["2026-11-02", "2026-11-05", "2026-11-09", "2026-11-12", "2026-11-19"], orderedDays: ["2026-11-02", "2026-11-05", "2026-11-12", "2026-11-19"] }];
    // payment: on time 1, late ½, unpaid overdue 0, not yet due skipped → 0.5
    e.invoices = [
      { id: "i1", dueAt: d("2026-09-01"), paidAt: d("2026-09-01"), status: "PAID" },
      { id: "i2", dueAt: d("2026-09-10"), paidAt: d("2026-09-20"), status: "PAID" },
      { id: "i3", dueAt: d("2026-10-10"), paidAt: null, status: "ISSUED" },
      { id: "i4", dueAt: d("2026-11-30"), paidAt: null, status: "ISSUED" },
    ];
    // responsiveness: 1 day → 1, 5 days → ½ ; unanswered 2 days old: skipped → 0.75
    e.responses = [
      { id: "o1", kind: "offer", askedAt: d("2026-08-01"), answeredAt: d("2026-08-02") },
      { id: "q1", kind: "question", askedAt: d("2026-08-01"), answeredAt: d("2026-08-06") },
      { id: "q2", kind: "question", askedAt: new Date("2026-11-15T10:00:00+07:00"), answeredAt: null },
    ];
    const r = enthusiasm(e, FROM, TO, NOW, WIB);
    expect(r.components.coaching).toEqual({ score: 0.375, records: 4 });
    expect(r.components.ordering).toEqual({ score: 0.75, records: 4 });
    expect(r.components.payment).toEqual({ score: 0.5, records: 3 });
    expect(r.components.responsiveness).toEqual({ score: 0.75, records: 2 });
    // rating: (5−1)/4 = 1, (3−1)/4 = 0.5 → 0.75
    expect(r.components.rating).toEqual({ score: 0.75, records: 2 });
    // (30×0.375 + 25×0.75 + 20×0.5 + 10×0.75 + 15×0.75) / 100 = 0.5875 → 59
    expect(r.index).toBe(59);
    // without ratings and responses: (30×0.375 + 25×0.75 + 20×0.5) / 75 = 0.5333 → 53
    expect(indexOf({ ...r.components, rating: { score: null, records: 0 }, responsiveness: { score: null, records: 0 } }).index).toBe(53);
  });

  it("lists an MoU's delivery days by ISO weekday", () => {
    expect(scheduleDays([2, 5], "2026-11-01", "2026-11-14")).toEqual(["2026-11-03", "2026-11-06", "2026-11-10", "2026-11-13"]);
    expect(scheduleDays([], "2026-11-01", "2026-11-14")).toEqual([]);
  });
});
