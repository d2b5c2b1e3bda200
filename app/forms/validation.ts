import { z } from "zod";
import { parseDateInput } from "~/time/calendar";

/**
 * zod messages are translation keys (namespace `validation`), with parameters after a `|`:
 * "validation:tooSmall|{\"min\":3}". The UI translates them with `translateError`.
 */
export function errorKey(key: string, params?: Record<string, unknown>): string {
  return params ? `validation:${key}|${JSON.stringify(params)}` : `validation:${key}`;
}

const errorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === "undefined" || issue.received === "null") return { message: errorKey("required") };
      if (issue.expected === "number" || issue.expected === "integer") return { message: errorKey("notANumber") };
      if (issue.expected === "date") return { message: errorKey("invalidDate") };
      return { message: errorKey("invalid") };
    case z.ZodIssueCode.too_small:
      if (issue.type === "string") {
        return { message: Number(issue.minimum) <= 1 ? errorKey("required") : errorKey("tooShort", { min: Number(issue.minimum) }) };
      }
      if (issue.type === "number") return { message: errorKey(issue.inclusive ? "min" : "greaterThan", { min: Number(issue.minimum) }) };
      if (issue.type === "array") return { message: errorKey("chooseAtLeast", { min: Number(issue.minimum) }) };
      if (issue.type === "date") return { message: errorKey("dateTooEarly") };
      return { message: errorKey("invalid") };
    case z.ZodIssueCode.too_big:
      if (issue.type === "string") return { message: errorKey("tooLong", { max: Number(issue.maximum) }) };
      if (issue.type === "number") return { message: errorKey("max", { max: Number(issue.maximum) }) };
      if (issue.type === "array") return { message: errorKey("chooseAtMost", { max: Number(issue.maximum) }) };
      return { message: errorKey("invalid") };
    case z.ZodIssueCode.invalid_string:
      if (issue.validation === "email") return { message: errorKey("email") };
      if (issue.validation === "url") return { message: errorKey("url") };
      return { message: errorKey("invalid") };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: errorKey("choose") };
    case z.ZodIssueCode.invalid_date:
      return { message: errorKey("invalidDate") };
    case z.ZodIssueCode.not_multiple_of:
      return { message: errorKey("wholeNumber") };
    default:
      return { message: ctx.defaultError.startsWith("validation:") ? ctx.defaultError : errorKey("invalid") };
  }
};
z.setErrorMap(errorMap);

export { z };

/** Form field helpers: empty strings become undefined so `.optional()` works with HTML forms. */
export const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const formText = (max = 500) => z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().min(1).max(max));
export const optionalFormText = (max = 2000) =>
  z.preprocess((v) => emptyToUndefined(typeof v === "string" ? v.trim() : v), z.string().max(max).optional());
export const formInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.replace(/[.\s]/g, ""))) : v),
    z.number().int().min(min).max(max),
  );
export const formEmail = () =>
  z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.string().min(1).max(200).email());
export const formDate = () =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v === "" ? undefined : (parseDateInput(v) ?? v)) : v),
    z.date(),
  );
export const formCheckbox = () => z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** Optional Indonesian mobile number: digits, spaces, dashes, optional leading +. */
export const optionalFormPhone = () =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim().regex(/^\+?[0-9\s-]{8,20}$/, errorKey("phone")).optional(),
  );
