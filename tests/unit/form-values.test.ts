/**
 * Strict form values (issue 10 item 9): integers, dates within a window around the pinned clock, http(s)
 * links. The helpers in app/forms/values.ts and the zod fields of app/forms/validation.ts built on them.
 */
import { DATE_WINDOWS, formDate, formDateTime, formInt, optionalFormUrl, readFormInt, z } from "~/forms/validation";
import { addYears, dateInWindow, readDate, readHttpUrl, readInteger } from "~/forms/values";
import { parseDateTimeInput } from "~/time/calendar";
import { TEST_NOW } from "../helpers/now";

const messageOf = (schema: z.ZodTypeAny, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? null : r.error.issues[0]!.message;
};

describe("integers typed in forms", () => {
  it.each([
    ["1500", 1500],
    ["1.500", 1500],
    ["12.345.678", 12_345_678],
    ["1.000.000", 1_000_000],
    ["007", 7],
    ["0", 0],
    [" 12 ", 12],
    ["\u00a012\u00a0", 12],
    ["-5", -5],
    ["9007199254740991", Number.MAX_SAFE_INTEGER],
  ])("reads %j as %d", (raw, value) => {
    expect(readInteger(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["1.5", "decimal"],
    ["1,5", "decimal"],
    ["1.50", "decimal"],
    ["1.500,25", "decimal"],
    ["1,500", "decimal"],
    ["0x10", "notANumber"],
    ["1e3", "notANumber"],
    ["NaN", "notANumber"],
    ["Infinity", "notANumber"],
    ["+5", "notANumber"],
    ["1 500", "notANumber"],
    ["1..500", "decimal"],
    [".500", "decimal"],
    ["1.5000", "decimal"],
    ["12a", "notANumber"],
    ["١٢", "notANumber"],
    ["１２", "notANumber"],
    ["a\u0000b", "notANumber"],
    ["9".repeat(40), "tooBig"],
    ["9007199254740993", "tooBig"],
  ])("refuses %j (%s)", (raw, reason) => {
    expect(readInteger(raw)).toEqual({ ok: false, reason });
  });

  it("gives each refusal its translated message next to the field", () => {
    const field = formInt(1, 1_000_000);
    expect(field.parse("1.500")).toBe(1500);
    expect(messageOf(field, "1.5")).toBe("validation:wholeNumber");
    expect(messageOf(field, "0x10")).toBe("validation:notANumber");
    expect(messageOf(field, "1e3")).toBe("validation:notANumber");
    expect(messageOf(field, "-1")).toBe('validation:min|{"min":1}');
    expect(messageOf(field, "0")).toBe('validation:min|{"min":1}');
    expect(messageOf(field, "2.000.000")).toBe('validation:max|{"max":1000000}');
    expect(messageOf(field, "9".repeat(40))).toBe('validation:max|{"max":1000000}');
    expect(messageOf(field, "")).toBe("validation:required");
    expect(messageOf(field, undefined)).toBe("validation:required");
    expect(messageOf(field, ["1", "2"])).toBe("validation:notANumber");
    expect(messageOf(field, NaN)).toBe("validation:notANumber");
    expect(readFormInt("3.000", 0, 5000)).toEqual({ ok: true, value: 3000 });
    expect(readFormInt("3,5", 0, 5000)).toEqual({ ok: false, message: "validation:wholeNumber" });
  });

  it("optional integer fields stay optional", () => {
    const schema = z.object({ n: z.preprocess((v) => (v === "" ? undefined : v), formInt(1, 10).optional()) });
    expect(schema.parse({ n: "" })).toEqual({ n: undefined });
    expect(schema.parse({})).toEqual({ n: undefined });
    expect(schema.parse({ n: "7" })).toEqual({ n: 7 });
  });
});

describe("dates typed in forms", () => {
  it("the clock is pinned", () => {
    expect(new Date().getTime()).toBeGreaterThanOrEqual(new Date(TEST_NOW).getTime());
    expect(new Date().getTime()).toBeLessThan(new Date(TEST_NOW).getTime() + 24 * 3600_000);
  });

  it.each(["2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "0000-00-00", "2026-1-1", "17/11/2026", "2026-11-17T10:00", " ", "x"])(
    "refuses the day %j that does not exist or is not yyyy-mm-dd",
    (raw) => {
      expect(readDate(raw).ok).toBe(false);
      expect(messageOf(formDate(), raw)).toBe(raw.trim() === "" ? "validation:required" : "validation:invalidDate");
    },
  );

  it("accepts leap days that exist and reads them as midnight WIB", () => {
    expect(readDate("2028-02-29")).toMatchObject({ ok: true, ymd: "2028-02-29" });
    expect(formDate(DATE_WINDOWS.nearTerm).parse("2027-01-05").toISOString()).toBe("2027-01-04T17:00:00.000Z");
  });

  it("keeps delivery and session dates within two years of now, MoU periods within ten", () => {
    const near = formDate(DATE_WINDOWS.nearTerm);
    expect(near.parse("2028-11-17")).toBeInstanceOf(Date);
    expect(messageOf(near, "2028-11-20")).toBe('validation:dateTooFarAhead|{"years":2}');
    expect(messageOf(near, "2024-11-10")).toBe('validation:dateTooFarBack|{"years":2}');
    expect(messageOf(near, "9999-12-31")).toBe('validation:dateTooFarAhead|{"years":2}');
    const agreement = formDate(DATE_WINDOWS.agreement);
    expect(agreement.parse("2036-11-16")).toBeInstanceOf(Date);
    expect(messageOf(agreement, "2036-12-01")).toBe('validation:dateTooFarAhead|{"years":10}');
    expect(messageOf(formDate(), "1800-01-01")).toBe('validation:dateTooFarBack|{"years":100}');
    expect(messageOf(formDate(DATE_WINDOWS.past), "2999-01-01")).toBe("validation:dateInFuture");
    expect(formDate(DATE_WINDOWS.past).parse("2015-09-03")).toBeInstanceOf(Date);
    expect(messageOf(formDateTime(DATE_WINDOWS.upcoming), "2029-01-01T10:00")).toBe('validation:dateTooFarAhead|{"years":2}');
  });

  it("windows use the given instant", () => {
    const now = new Date("2030-06-01T00:00:00Z");
    expect(dateInWindow(new Date("2032-05-30T00:00:00Z"), DATE_WINDOWS.nearTerm, now)).toBe("ok");
    expect(dateInWindow(new Date("2032-06-05T00:00:00Z"), DATE_WINDOWS.nearTerm, now)).toBe("tooLate");
    expect(dateInWindow(new Date("2028-05-01T00:00:00Z"), DATE_WINDOWS.nearTerm, now)).toBe("tooEarly");
    expect(addYears(new Date("2028-02-29T12:00:00Z"), 1).toISOString()).toBe("2029-02-28T12:00:00.000Z");
  });

  it("reads date-times as WIB and refuses impossible ones", () => {
    expect(parseDateTimeInput("2026-11-20T09:30")?.toISOString()).toBe("2026-11-20T02:30:00.000Z");
    for (const raw of ["2026-11-17T25:61", "2026-02-30T10:00", "2026-11-20T24:00", "2026-11-20", "2026-11-20T9:30"]) expect(parseDateTimeInput(raw)).toBeNull();
    const field = formDateTime(DATE_WINDOWS.nearTerm);
    expect(messageOf(field, "2026-11-17T25:61")).toBe("validation:invalidDate");
    expect(messageOf(field, "2030-01-01T10:00")).toBe('validation:dateTooFarAhead|{"years":2}');
    expect(field.parse("2026-12-01T08:00")).toBeInstanceOf(Date);
  });
});

describe("links typed by users", () => {
  it.each(["https://meet.google.com/abc-defg-hij", "http://zoom.us/j/123?pwd=x", "HTTPS://Example.org/Path"])("accepts %j", (raw) => {
    expect(readHttpUrl(raw)).not.toBeNull();
  });

  it.each([
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "file:///etc/passwd",
    "ftp://example.org/",
    "//evil.example/",
    "http:/evil.example",
    "https://user:pass@evil.example/",
    "https://exa mple.org/",
    "https://example.org/\u202eexe.pdf",
    "https://exa\u0000mple.org",
    "meet.google.com/abc",
    "<script>alert(1)</script>",
  ])("refuses %j", (raw) => {
    expect(readHttpUrl(raw)).toBeNull();
    expect(messageOf(optionalFormUrl(), raw)).toBe("validation:urlHttp");
  });

  it("an empty link is absent, an overlong one is too long", () => {
    expect(optionalFormUrl().parse("")).toBeUndefined();
    expect(optionalFormUrl().parse("  ")).toBeUndefined();
    expect(messageOf(optionalFormUrl(50), `https://example.org/${"a".repeat(60)}`)).toBe('validation:tooLong|{"max":50}');
  });
});
