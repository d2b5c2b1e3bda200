import {
  groupInactiveWarnings,
  isPassive,
  noVisitWarnings,
  ordersStoppedWarnings,
  passivePartnerWarnings,
  rejectionWarnings,
  sessionMissedWarnings,
  type GroupActivity,
} from "~/monitoring/warnings";

// 17/11/2026 10:00 WIB; day offsets are hand-counted from it
const NOW = new Date("2026-11-17T03:00:00.000Z");
const WIB = "Asia/Jakarta"; // the unit rules take the office zone; these cases are in a WIB office
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

describe("mitra pasif", () => {
  it("signed ≥ 60 days ago and neither ordered nor coached in the last 60 days", () => {
    expect(isPassive({ signedAt: ago(61), lastOwnOrderAt: null, lastCoachingAt: null }, NOW, WIB)).toBe(true);
    // signed 59 days ago: too early to call it passive
    expect(isPassive({ signedAt: ago(59), lastOwnOrderAt: null, lastCoachingAt: null }, NOW, WIB)).toBe(false);
    // one order 59 days ago keeps it off the list; one 61 days ago does not
    expect(isPassive({ signedAt: ago(200), lastOwnOrderAt: ago(59), lastCoachingAt: null }, NOW, WIB)).toBe(false);
    expect(isPassive({ signedAt: ago(200), lastOwnOrderAt: ago(61), lastCoachingAt: null }, NOW, WIB)).toBe(true);
    expect(isPassive({ signedAt: ago(200), lastOwnOrderAt: null, lastCoachingAt: ago(10) }, NOW, WIB)).toBe(false);
    // no MoU in force: not a partner of the programme yet
    expect(isPassive({ signedAt: null, lastOwnOrderAt: null, lastCoachingAt: null }, NOW, WIB)).toBe(false);
  });

  it("keys the episode by the start of the silence and links the partner's evidence", () => {
    const [w, ...rest] = passivePartnerWarnings(
      [
        { partnerId: "park", name: "Taman", signedAt: ago(280), lastOwnOrderAt: null, lastCoachingAt: ago(100) },
        { partnerId: "hotel", name: "Hotel", signedAt: ago(280), lastOwnOrderAt: ago(3), lastCoachingAt: null },
      ],
      NOW,
      WIB,
    );
    expect(rest).toEqual([]);
    // 100 days before 17/11/2026 10:00 WIB is 09/08/2026
    expect(w).toMatchObject({ key: "PASSIVE_PARTNER:park:2026-08-09", href: "/dinas/partners/park", sinceDay: "2026-08-09", facts: { days: 100, lastOrderDay: null, lastCoachingDay: "2026-08-09" } });
  });
});

describe("orders stopped", () => {
  const pair = (orderDates: Date[]) => ({ mouId: "m1", mouNumber: "MOU/1", partnerId: "p", partnerName: "Hotel", groupId: "g", groupName: "KPM", orderDates });
  it("had orders in the 90 days before the last 30, and none since", () => {
    const [w] = ordersStoppedWarnings([pair([ago(100), ago(45), ago(31)])], NOW, WIB);
    expect(w).toMatchObject({ key: "ORDERS_STOPPED:m1:g:2026-10-17", rule: "ORDERS_STOPPED", href: "/mou/m1", facts: { ordersBefore: 3, days: 31, lastOrderDay: "2026-10-17" } });
  });
  it("stays quiet while orders keep coming (or are planned), and for a partnership that never ordered", () => {
    expect(ordersStoppedWarnings([pair([ago(45), ago(29)])], NOW, WIB)).toEqual([]);
    expect(ordersStoppedWarnings([pair([ago(45), ago(-5)])], NOW, WIB)).toEqual([]);
    expect(ordersStoppedWarnings([pair([])], NOW, WIB)).toEqual([]);
    // the last order 121 days ago is outside the 30 + 90 days looked at: long stopped, not a new warning
    expect(ordersStoppedWarnings([pair([ago(121)])], NOW, WIB)).toEqual([]);
  });
});

describe("rising rejections", () => {
  const group = (deliveries: [number, number, number][]) => ({ groupId: "g", groupName: "KUBE", deliveries: deliveries.map(([days, delivered, rejected]) => ({ receivedAt: ago(days), delivered, rejected })) });
  it("warns when the last 30 days' rejected share is ≥ 5 % and ≥ 5 points above the 30 days before", () => {
    // recent: 12 of 200 = 6 %; previous: 1 of 100 = 1 % → +5 points
    const [w] = rejectionWarnings([group([[5, 100, 6], [20, 100, 6], [40, 100, 1]])], NOW, WIB);
    expect(w).toMatchObject({ key: "REJECTIONS_RISING:g:2026-11", facts: { recentPercent: 6, previousPercent: 1, recentDeliveries: 2, previousDeliveries: 1 } });
  });
  it("does not warn below the thresholds or without two windows of evidence", () => {
    // recent 8 of 200 = 4 %: below 5 %, although 4 points above 0 %
    expect(rejectionWarnings([group([[5, 100, 4], [20, 100, 4], [40, 100, 0]])], NOW, WIB)).toEqual([]);
    // 10 % now, 6 % before: 4 points only
    expect(rejectionWarnings([group([[5, 100, 10], [20, 100, 10], [40, 100, 6]])], NOW, WIB)).toEqual([]);
    // one recent delivery only
    expect(rejectionWarnings([group([[5, 100, 30], [40, 100, 0]])], NOW, WIB)).toEqual([]);
    // nothing delivered in the previous window
    expect(rejectionWarnings([group([[5, 100, 30], [20, 100, 30]])], NOW, WIB)).toEqual([]);
  });
});

describe("sessions missed", () => {
  const session = (id: string, status: string, dueDaysAgo: number) => ({ id, topic: "Higiene", status, dueDate: ago(dueDaysAgo), groupId: "g", groupName: "KPM", partnerId: "p", partnerName: "Hotel" });
  it("lists missed sessions and those still open a week after their due day, due in the last 60 days", () => {
    const list = sessionMissedWarnings([session("a", "MISSED", 3), session("b", "DUE", 8), session("c", "SCHEDULED", 6), session("d", "DELIVERED", 20), session("e", "MISSED", 61), session("f", "CANCELLED", 10)], NOW, WIB);
    expect(list.map((w) => w.key)).toEqual(["SESSION_MISSED:a", "SESSION_MISSED:b"]);
    expect(list[0]).toMatchObject({ href: "/coaching/a", facts: { status: "MISSED", dueDay: "2026-11-14" } });
  });
});

describe("groups: no activity in 90 days, no visit this month", () => {
  const g = (over: Partial<GroupActivity>): GroupActivity => ({ groupId: "g", groupName: "KUBE", running: true, verifiedAt: ago(200), facilitatorId: "f", lastOrderAt: null, lastCoachingAt: null, visitDates: [], ...over });
  it("warns for a running verified group without order or delivered coaching for 90 days", () => {
    const [w] = groupInactiveWarnings([g({ lastOrderAt: ago(91) })], NOW, WIB);
    expect(w).toMatchObject({ key: "GROUP_INACTIVE:g:2026-08-18", href: "/groups/g", facts: { lastActivityDay: "2026-08-18" } });
    expect(groupInactiveWarnings([g({ lastOrderAt: ago(89) })], NOW, WIB)).toEqual([]);
    expect(groupInactiveWarnings([g({ lastCoachingAt: ago(30) })], NOW, WIB)).toEqual([]);
    // verified 60 days ago: it has not had 90 days to trade yet
    expect(groupInactiveWarnings([g({ verifiedAt: ago(60) })], NOW, WIB)).toEqual([]);
    // the register already counts it as stopped, or it is not verified
    expect(groupInactiveWarnings([g({ running: false })], NOW, WIB)).toEqual([]);
    expect(groupInactiveWarnings([g({ verifiedAt: null })], NOW, WIB)).toEqual([]);
    // never any activity: the episode starts at the verification (200 days before: 01/05/2026)
    expect(groupInactiveWarnings([g({})], NOW, WIB)[0]!.key).toBe("GROUP_INACTIVE:g:2026-05-01");
  });
  it("warns for a group with a facilitator and no visit in the current WIB month", () => {
    // 31/10/2026 23:30 WIB is October; 01/11/2026 00:30 WIB is November
    const october = new Date("2026-10-31T16:30:00.000Z");
    const november = new Date("2026-10-31T17:30:00.000Z");
    const [w] = noVisitWarnings([g({ visitDates: [october] })], NOW, WIB);
    expect(w).toMatchObject({ key: "NO_VISIT_THIS_MONTH:g:2026-11", href: "/groups/g/visits", facts: { month: "2026-11", lastVisitDay: "2026-10-31" } });
    expect(noVisitWarnings([g({ visitDates: [november] })], NOW, WIB)).toEqual([]);
    expect(noVisitWarnings([g({ facilitatorId: null })], NOW, WIB)).toEqual([]);
  });
});
