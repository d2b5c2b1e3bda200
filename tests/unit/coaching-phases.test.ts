import { COACHING_EVENT_SIDE, coachingMachine } from "~/coaching/coaching-machine";
import { missedDeadline, sessionPhase, summarize } from "~/coaching/coaching.server";
import { monthKey } from "~/mentoring/visits.server";
import { addMonthsAt, endOfDay, startOfDay, startOfMonth } from "~/time/calendar";

const at = (iso: string) => new Date(iso);
const WIB = "Asia/Jakarta";

describe("coaching dates (WIB)", () => {
  it("reads due dates as midnight WIB and ends the due day at the next midnight WIB", () => {
    expect(startOfDay("2026-12-01").toISOString()).toBe("2026-11-30T17:00:00.000Z");
    expect(endOfDay(at("2026-12-01T10:00:00Z")).toISOString()).toBe("2026-12-01T17:00:00.000Z");
    expect(startOfMonth(at("2026-11-30T18:00:00Z")).toISOString()).toBe("2026-11-30T17:00:00.000Z"); // already 1 Dec in WIB
    expect(addMonthsAt(startOfDay("2026-12-31"), 2).toISOString()).toBe(startOfDay("2027-02-28").toISOString());
    expect(monthKey(at("2026-11-30T18:00:00Z"), WIB)).toBe("2026-12");
  });
});

describe("session phases with a controllable clock", () => {
  const dueDate = startOfDay("2026-12-10");
  it("a due session is upcoming until its due day ends, then overdue (the job will mark it missed)", () => {
    expect(sessionPhase({ status: "DUE", dueDate, scheduledAt: null, zone: WIB }, at("2026-12-10T16:59:00Z"))).toBe("upcoming");
    expect(sessionPhase({ status: "DUE", dueDate, scheduledAt: null, zone: WIB }, at("2026-12-10T17:00:00Z"))).toBe("overdue");
    expect(missedDeadline({ status: "DUE", dueDate, scheduledAt: null }, WIB)).toEqual(at("2026-12-10T17:00:00Z"));
  });

  it("a scheduled session waits for the group's confirmation once its time has passed", () => {
    const scheduledAt = at("2026-12-09T02:00:00Z");
    expect(sessionPhase({ status: "SCHEDULED", dueDate, scheduledAt, zone: WIB }, at("2026-12-09T01:00:00Z"))).toBe("upcoming");
    expect(sessionPhase({ status: "RESCHEDULED", dueDate, scheduledAt, zone: WIB }, at("2026-12-09T03:00:00Z"))).toBe("toConfirm");
    expect(missedDeadline({ status: "SCHEDULED", dueDate, scheduledAt }, WIB)).toEqual(at("2026-12-17T17:00:00Z"));
  });

  it("summarizes delivered, open, overdue, missed", () => {
    const now = at("2026-12-20T00:00:00Z");
    const summary = summarize(
      [
        { status: "DELIVERED", dueDate, scheduledAt: at("2026-12-09T02:00:00Z"), zone: WIB },
        { status: "MISSED", dueDate, scheduledAt: null, zone: WIB },
        { status: "DUE", dueDate, scheduledAt: null, zone: WIB },
        { status: "DUE", dueDate: startOfDay("2027-01-10"), scheduledAt: null, zone: WIB },
        { status: "CANCELLED", dueDate, scheduledAt: null, zone: WIB },
      ],
      now,
    );
    expect(summary).toEqual({ total: 5, delivered: 1, open: 2, overdue: 1, missed: 1, cancelled: 1, toConfirm: 0 });
  });

  it("gives every event exactly one side; only the system misses", () => {
    expect(COACHING_EVENT_SIDE).toEqual({ schedule: "partner", reschedule: "partner", cancel: "partner", confirm: "group", miss: "system" });
    expect(coachingMachine.eventsFrom("DUE").sort()).toEqual(["cancel", "miss", "schedule"]);
    expect(coachingMachine.eventsFrom("DELIVERED")).toEqual([]);
  });
});
