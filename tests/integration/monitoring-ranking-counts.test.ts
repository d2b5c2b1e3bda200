import { db } from "~/db/db.server";
import { componentCounts, partnerRanking, partnerRankingFromRecords } from "~/monitoring/partners.server";
import { resolveScope, type MonitoringViewer } from "~/monitoring/scope.server";

/**
 * The partner ranking counts sessions and invoices in SQL per partner and month (decision 136): it must give
 * exactly what `enthusiasm` gives over every record read into the process, for any window and reading instant,
 * including deadlines that fall on an office midnight to the millisecond.
 */
const NOW = new Date("2026-11-17T03:00:00.000Z");
// 00:00 WIB (Kota Batu's zone) of 17 November 2026
const MIDNIGHT = new Date("2026-11-16T17:00:00.000Z");
const DAY = 86_400_000;

async function batuViewer(): Promise<MonitoringViewer> {
  const user = await db.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } });
  return { role: user.role, dinasOfficeId: user.dinasOfficeId };
}

const filterSets = [{}, { sector: "HOTEL" as const }, { from: "2024-10-01", to: "2024-10-31" }, { from: "2025-06-01", to: "2026-12-31" }, { from: "2026-11-01", to: "2026-11-17" }];
const instants = [NOW, MIDNIGHT, new Date(MIDNIGHT.getTime() - 1), new Date(MIDNIGHT.getTime() + 1)];

async function expectSameRanking(viewer: MonitoringViewer) {
  for (const f of filterSets) {
    for (const now of instants) {
      const scope = await resolveScope(viewer, f, now);
      const fromCounts = await partnerRanking(scope);
      const fromRecords = await partnerRankingFromRecords(scope);
      expect(fromCounts, `${JSON.stringify(f)} at ${now.toISOString()}`).toEqual(fromRecords);
    }
  }
}

describe("partner ranking from SQL counts", () => {
  it("equals the ranking over every record on the seed, for several windows and around an office midnight", async () => {
    const viewer = await batuViewer();
    const rows = await partnerRanking(await resolveScope(viewer, {}, NOW));
    // the seed gives the ranking something to rank (not a comparison of empty lists)
    expect(rows.filter((r) => r.index !== null).length).toBeGreaterThan(2);
    expect(rows.some((r) => r.components.coaching.records > 0 && r.components.payment.records > 0)).toBe(true);
    await expectSameRanking(viewer);
  });

  it("counts deadlines on office midnights to the millisecond, as enthusiasm does", async () => {
    const viewer = await batuViewer();
    const hotel = await db.partner.findFirstOrThrow({ where: { displayName: "Hotel Taman Sari Batu" } });
    const sessions = await db.coachingSession.findMany({ where: { partnerId: hotel.id }, orderBy: { id: "asc" }, take: 5 });
    const invoices = await db.invoice.findMany({ where: { partnerId: hotel.id, status: { not: "VOID" } }, orderBy: { id: "asc" }, take: 4 });
    expect(sessions.length).toBe(5);
    expect(invoices.length).toBe(4);
    // due 20 October (WIB): the deadline is 00:00 WIB of 28 October = 2024-10-27T17:00Z
    const due = new Date("2024-10-20T03:00:00.000Z");
    const deadline = new Date("2024-10-27T17:00:00.000Z");
    const set = (id: string, data: { status: "DELIVERED" | "DUE" | "MISSED"; scheduledAt: Date | null; dueDate: Date; rating?: number | null }) =>
      db.coachingSession.update({ where: { id }, data: { confirmedAt: null, rating: null, ...data } });
    await set(sessions[0]!.id, { status: "DELIVERED", scheduledAt: deadline, dueDate: due, rating: 7 }); // on time to the ms, rating clamped to 5
    await set(sessions[1]!.id, { status: "DELIVERED", scheduledAt: new Date(deadline.getTime() + 1), dueDate: due, rating: 1 }); // late
    await set(sessions[2]!.id, { status: "DUE", scheduledAt: null, dueDate: due }); // open: 0 once the deadline is over
    // due 25 October: its deadline (00:00 WIB of 2 November) is after October's end, so October's trend does not count it
    await set(sessions[3]!.id, { status: "DUE", scheduledAt: null, dueDate: new Date("2024-10-25T03:00:00.000Z") });
    await set(sessions[4]!.id, { status: "MISSED", scheduledAt: null, dueDate: due });
    const inv = (id: string, dueAt: Date, paidAt: Date | null) => db.invoice.update({ where: { id }, data: { dueAt, paidAt, status: paidAt ? "PAID" : "ISSUED" } });
    await inv(invoices[0]!.id, new Date("2024-10-10T05:00:00.000Z"), new Date("2024-10-10T17:00:00.000Z")); // paid at 00:00 WIB after its due day: on time
    await inv(invoices[1]!.id, new Date("2024-10-10T05:00:00.000Z"), new Date("2024-10-10T17:00:00.001Z")); // late
    await inv(invoices[2]!.id, new Date("2024-10-31T05:00:00.000Z"), null); // unpaid, due on October's last day: not in October's trend
    await inv(invoices[3]!.id, new Date("2024-10-12T05:00:00.000Z"), null); // unpaid, overdue

    const october = { from: "2024-10-01", to: "2024-10-31" };
    // nothing else of the hotel's is due in October 2024: the counts are the records above, hand-counted
    const window = { gte: new Date("2024-09-30T17:00:00.000Z"), lt: new Date("2024-10-31T17:00:00.000Z") };
    expect(await db.coachingSession.count({ where: { partnerId: hotel.id, dueDate: window } })).toBe(5);
    expect(await db.invoice.count({ where: { partnerId: hotel.id, dueAt: window } })).toBe(4);
    const countsAt = async (now: Date) => (await componentCounts(await resolveScope(viewer, october, now), hotel.id)).get(hotel.id)!.get("2024-10")!;
    const settled = { sessionsOnTime: 1, sessionsLate: 1, ratings: 2, ratingPoints: 4, invoicesOnTime: 1, invoicesLate: 1 };
    // at the first session deadline itself it is not over yet (the open session does not count); the invoice due on the 12th is overdue
    expect(await countsAt(deadline)).toEqual({ ...settled, sessionsZero: 1, sessionsZeroMonth: 1, invoicesZero: 1, invoicesZeroMonth: 1 });
    // 1 ms later it counts 0, in the window and in October's trend
    expect(await countsAt(new Date(deadline.getTime() + 1))).toEqual({ ...settled, sessionsZero: 2, sessionsZeroMonth: 2, invoicesZero: 1, invoicesZeroMonth: 1 });
    // read at the end of October: the session due on the 25th (deadline 00:00 WIB of 2 November) and the invoice due on
    // the 31st (00:00 WIB of 1 November) are not over yet
    expect(await countsAt(NOW)).toEqual({ ...settled, sessionsZero: 2, sessionsZeroMonth: 2, invoicesZero: 1, invoicesZeroMonth: 1 });
    // October and November, read now: every deadline is over for the window; October's trend (read at October's end)
    // still leaves those two out
    const autumn = { from: "2024-10-01", to: "2024-11-30" };
    const autumnScope = await resolveScope(viewer, { ...autumn, sector: "HOTEL" }, NOW);
    const byMonth = (await componentCounts(autumnScope, hotel.id)).get(hotel.id)!;
    expect([...byMonth.keys()]).toEqual(["2024-10"]);
    expect(byMonth.get("2024-10")).toEqual({ ...settled, sessionsZero: 3, sessionsZeroMonth: 2, invoicesZero: 2, invoicesZeroMonth: 1 });
    const [row] = (await partnerRanking(autumnScope)).filter((r) => r.partnerId === hotel.id);
    // coaching (1 + ½ + 0 + 0 + 0) / 5, payment (1 + ½ + 0 + 0) / 4, rating ((5 − 1) / 4 + 0) / 2
    expect(row!.components.coaching).toEqual({ score: 0.3, records: 5 });
    expect(row!.components.payment).toEqual({ score: 0.375, records: 4 });
    expect(row!.components.rating).toEqual({ score: 0.5, records: 2 });
    expect(row!.trend.map((t) => t.month)).toEqual(["2024-10", "2024-11"]);
    expect(row!.trend[1]!.index).toBeNull();

    await expectSameRanking(viewer);
    for (const window of [october, autumn])
      for (const now of [deadline, new Date(deadline.getTime() + 1), new Date(deadline.getTime() + 7 * DAY), NOW]) {
        const s = await resolveScope(viewer, window, now);
        expect(await partnerRanking(s)).toEqual(await partnerRankingFromRecords(s));
      }
  });
});
