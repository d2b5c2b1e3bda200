import { z } from "zod";
import { DEFAULT_TIME_ZONE, parseDateTimeInput, startOfDay } from "~/time/calendar";
import { dateInWindow, readDate, readHttpUrl, readInteger, type DateWindow } from "./values";

// The error map (zod messages as translation keys) is set on the server only: a module-level
// z.setErrorMap here kept zod in the browser bundle of every page that imports this module (decision 113).
import "./zod-error-map.server";
import { errorKey } from "./error-key";

export { errorKey };

export { z };

/** Form field helpers: empty strings become undefined so `.optional()` works with HTML forms. */
export const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const formText = (max = 500) => z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().min(1).max(max));
export const optionalFormText = (max = 2000) =>
  z.preprocess((v) => emptyToUndefined(typeof v === "string" ? v.trim() : v), z.string().max(max).optional());
/**
 * A whole number typed in a form: digits, optionally with dots as thousands separators in groups of three
 * ("1.500" = 1500); "1.5", "1,5", "0x10", "1e3", "NaN", a negative below `min` are refused with a message
 * (see readInteger in ./values). Every integer, money and quantity field uses it.
 */
export const formInt = (min: number, max: number) =>
  z
    .unknown()
    .transform((v, ctx): number => {
      if (typeof v === "number" && Number.isFinite(v)) return v;
      if (typeof v !== "string") {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: errorKey(v === undefined || v === null ? "required" : "notANumber") });
        return z.NEVER;
      }
      const reading = readInteger(v);
      if (reading.ok) return reading.value;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: integerMessage(reading.reason, max) });
      return z.NEVER;
    })
    .pipe(z.number().int().min(min).max(max));

/** The translated message key for a refused integer reading. */
export function integerMessage(reason: "empty" | "decimal" | "notANumber" | "tooBig", max: number): string {
  if (reason === "empty") return errorKey("required");
  if (reason === "decimal") return errorKey("wholeNumber");
  if (reason === "tooBig") return errorKey("max", { max });
  return errorKey("notANumber");
}

/** Reads an integer field by hand (forms read without a schema): the value or the message key. */
export function readFormInt(raw: unknown, min: number, max: number): { ok: true; value: number } | { ok: false; message: string } {
  const r = formInt(min, max).safeParse(raw);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: r.error.issues[0]?.message ?? errorKey("invalid") };
}

/** Sane windows for dates typed in forms, around the app's clock (app/time/clock.ts). */
export const DATE_WINDOWS = {
  /** Anything: founding dates, certificate expiry (years 100 back, 20 ahead). */
  any: { yearsBack: 100, yearsAhead: 20 },
  /** Deliveries, demand start dates, offers, visits and follow-ups: within two years of now. */
  nearTerm: { yearsBack: 2, yearsAhead: 2 },
  /** Coaching sessions: at most two years ahead; a past date is refused by the domain with its own message. */
  upcoming: { yearsBack: 20, yearsAhead: 2 },
  /** Dates that cannot lie ahead (a group's founding): "cannot be in the future". */
  past: { yearsBack: 100, yearsAhead: 0 },
  /** MoU periods and coaching commitments: back two years, ahead ten. */
  agreement: { yearsBack: 2, yearsAhead: 10 },
} satisfies Record<string, DateWindow>;

// The app's clock: on the server ~/time/clock shifts the global Date (pinned in tests, BERMITRA_NOW in demos).
// Not imported here: this module is also bundled for the browser, where that module cannot run.
const clockNow = () => new Date();

function checkWindow(date: Date, window: DateWindow, ctx: z.RefinementCtx): boolean {
  const where = dateInWindow(date, window, clockNow());
  if (where === "ok") return true;
  ctx.addIssue({
    code: z.ZodIssueCode.custom,
    message:
      where === "tooEarly"
        ? errorKey("dateTooFarBack", { years: window.yearsBack })
        : window.yearsAhead === 0
          ? errorKey("dateInFuture")
          : errorKey("dateTooFarAhead", { years: window.yearsAhead }),
  });
  return false;
}

export const formEmail = () =>
  z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.string().min(1).max(200).email());
/**
 * A calendar day "yyyy-mm-dd" (from `<input type="date">`) as 00:00 in `zone` (WIB unless told). The day must exist
 * ("2026-02-30" refused) and lie within `window` around now (default: 100 years back, 20 ahead).
 */
export const formDate = (window: DateWindow = DATE_WINDOWS.any, zone: string = DEFAULT_TIME_ZONE) =>
  z.preprocess(
    emptyToUndefined,
    z.unknown().transform((v, ctx): Date => {
      if (v === undefined || v === null) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: errorKey("required") });
        return z.NEVER;
      }
      const reading = typeof v === "string" ? readDate(v) : ({ ok: false } as const);
      if (!reading.ok) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: errorKey("invalidDate") });
        return z.NEVER;
      }
      const date = startOfDay(reading.ymd, zone);
      return checkWindow(date, window, ctx) ? date : z.NEVER;
    }),
  );

/** "yyyy-mm-ddThh:mm" (from `<input type="datetime-local">`) as that wall-clock time in `zone` (WIB unless told), an existing day and time within `window`. */
export const formDateTime = (window: DateWindow = DATE_WINDOWS.nearTerm, zone: string = DEFAULT_TIME_ZONE) =>
  z.preprocess(
    emptyToUndefined,
    z.unknown().transform((v, ctx): Date => {
      if (v === undefined || v === null) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: errorKey("required") });
        return z.NEVER;
      }
      const date = typeof v === "string" ? parseDateTimeInput(v, zone) : null;
      if (!date) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: errorKey("invalidDate") });
        return z.NEVER;
      }
      return checkWindow(date, window, ctx) ? date : z.NEVER;
    }),
  );

/** An optional link typed by a person: http(s) only, at most `max` characters (see readHttpUrl). */
export const optionalFormUrl = (max = 500) =>
  z.preprocess(
    (v) => emptyToUndefined(v),
    z
      .unknown()
      .transform((v, ctx): string => {
        const href = typeof v === "string" && v.trim().length <= max ? readHttpUrl(v) : null;
        if (href === null || href.length > max) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: typeof v === "string" && v.trim().length > max ? errorKey("tooLong", { max }) : errorKey("urlHttp") });
          return z.NEVER;
        }
        return href;
      })
      .optional(),
  );
export const formCheckbox = () => z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** Optional Indonesian mobile number: digits, spaces, dashes, optional leading +. */
export const optionalFormPhone = () =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim().regex(/^\+?[0-9\s-]{8,20}$/, errorKey("phone")).optional(),
  );
