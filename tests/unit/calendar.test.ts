import {
  addDays,
  addMonths,
  addMonthsAt,
  addYears,
  dayKey,
  daysBetween,
  endOfDay,
  formatDate,
  formatDateTime,
  formatDayKey,
  formatTime,
  isDayKey,
  isoWeekday,
  parseDateInput,
  parseDateTimeInput,
  startOfDay,
  startOfDayAt,
  startOfMonth,
  toDateTimeInputValue,
  weekBounds,
  zoneAbbreviation,
  zoneOffsetMs,
} from "~/time/calendar";

const WIB = "Asia/Jakarta";
const WITA = "Asia/Makassar";
const WIT = "Asia/Jayapura";
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe("calendar days in the three Indonesian zones", () => {
  it("takes the offsets from the time-zone data (7, 8, 9 hours)", () => {
    const t = at("2026-11-17T03:00:00Z");
    expect(zoneOffsetMs(t, WIB) / 3_600_000).toBe(7);
    expect(zoneOffsetMs(t, WITA) / 3_600_000).toBe(8);
    expect(zoneOffsetMs(t, WIT) / 3_600_000).toBe(9);
    expect([WIB, WITA, WIT].map(zoneAbbreviation)).toEqual(["WIB", "WITA", "WIT"]);
  });

  it("puts an instant near midnight on the right day in each zone", () => {
    // 16:30 UTC = 23:30 WIB on the 22nd, but already 00:30 WITA / 01:30 WIT on the 23rd
    const t = at("2026-11-22T16:30:00Z");
    expect(dayKey(t, WIB)).toBe("2026-11-22");
    expect(dayKey(t, WITA)).toBe("2026-11-23");
    expect(dayKey(t, WIT)).toBe("2026-11-23");
    // one minute before midnight in each zone is still the 22nd, midnight itself is the 23rd
    expect(dayKey(at("2026-11-22T16:59:00Z"), WIB)).toBe("2026-11-22");
    expect(dayKey(at("2026-11-22T17:00:00Z"), WIB)).toBe("2026-11-23");
    expect(dayKey(at("2026-11-22T15:59:00Z"), WITA)).toBe("2026-11-22");
    expect(dayKey(at("2026-11-22T16:00:00Z"), WITA)).toBe("2026-11-23");
    expect(dayKey(at("2026-11-22T14:59:00Z"), WIT)).toBe("2026-11-22");
    expect(dayKey(at("2026-11-22T15:00:00Z"), WIT)).toBe("2026-11-23");
  });

  it("starts and ends a day at the zone's midnights", () => {
    expect(iso(startOfDay("2026-11-22", WIB))).toBe("2026-11-21T17:00:00.000Z");
    expect(iso(startOfDay("2026-11-22", WITA))).toBe("2026-11-21T16:00:00.000Z");
    expect(iso(startOfDay("2026-11-22", WIT))).toBe("2026-11-21T15:00:00.000Z");
    const t = at("2026-11-22T16:30:00Z");
    expect(iso(startOfDayAt(t, WIB))).toBe("2026-11-21T17:00:00.000Z");
    expect(iso(endOfDay(t, WIB))).toBe("2026-11-22T17:00:00.000Z");
    expect(iso(startOfDayAt(t, WITA))).toBe("2026-11-22T16:00:00.000Z");
    expect(iso(endOfDay(t, WITA))).toBe("2026-11-23T16:00:00.000Z");
    expect(iso(endOfDay("2026-11-22", WIT))).toBe("2026-11-22T15:00:00.000Z");
  });

  it("does calendar arithmetic on dates, across month, year and leap days", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-12-15", -12)).toBe("2025-12-15");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addYears("2026-11-22", 1)).toBe("2027-11-22");
    expect(daysBetween("2026-11-17", "2026-12-01")).toBe(14);
    expect(daysBetween("2026-12-01", "2026-11-17")).toBe(-14);
    expect(iso(addMonthsAt(startOfDay("2026-12-31", WITA), 2, WITA))).toBe(iso(startOfDay("2027-02-28", WITA)));
  });

  it("counts weeks Monday to Monday in the zone", () => {
    expect(isoWeekday("2026-11-16")).toBe(1); // Monday
    expect(isoWeekday("2026-11-22")).toBe(7); // Sunday
    // Sunday 23:30 WIB is still that week in WIB; in WITA it is already Monday of the next week
    const t = at("2026-11-22T16:30:00Z");
    expect(weekBounds(t, WIB)).toEqual({ start: startOfDay("2026-11-16", WIB), end: startOfDay("2026-11-23", WIB) });
    expect(weekBounds(t, WITA)).toEqual({ start: startOfDay("2026-11-23", WITA), end: startOfDay("2026-11-30", WITA) });
    expect(iso(startOfMonth(at("2026-11-30T16:30:00Z"), WIB))).toBe(iso(startOfDay("2026-11-01", WIB)));
    expect(iso(startOfMonth(at("2026-11-30T16:30:00Z"), WIT))).toBe(iso(startOfDay("2026-12-01", WIT)));
  });

  it("formats dd/mm/yyyy and hh:mm in the zone", () => {
    const t = at("2026-11-22T16:30:00Z");
    expect(formatDate(t, WIB)).toBe("22/11/2026");
    expect(formatDate(t, WITA)).toBe("23/11/2026");
    expect(formatDateTime(t, WIB)).toBe("22/11/2026 23:30");
    expect(formatDateTime(t, WITA)).toBe("23/11/2026 00:30");
    expect(formatTime(t, WIT)).toBe("01:30");
    expect(formatDayKey("2026-01-05")).toBe("05/01/2026");
    // midnight is 00:00, never 24:00
    expect(formatTime(startOfDay("2026-11-22", WIT), WIT)).toBe("00:00");
  });

  it("reads date inputs as calendar dates in the zone and refuses impossible ones", () => {
    expect(iso(parseDateInput("2026-11-22", WIB)!)).toBe("2026-11-21T17:00:00.000Z");
    expect(iso(parseDateInput("2026-11-22", WITA)!)).toBe("2026-11-21T16:00:00.000Z");
    expect(dayKey(parseDateInput("2026-11-22", WIT)!, WIT)).toBe("2026-11-22");
    expect(parseDateInput("2026-02-30")).toBeNull();
    expect(parseDateInput("22/11/2026")).toBeNull();
    expect(parseDateInput("")).toBeNull();
    expect(isDayKey("2028-02-29")).toBe(true);
    expect(isDayKey("2027-02-29")).toBe(false);
    expect(iso(parseDateTimeInput("2026-11-22T14:05", WITA)!)).toBe("2026-11-22T06:05:00.000Z");
    expect(parseDateTimeInput("2026-11-22T24:05")).toBeNull();
    expect(toDateTimeInputValue(at("2026-11-22T06:05:00Z"), WITA)).toBe("2026-11-22T14:05");
  });
});
