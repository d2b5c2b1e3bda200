import { z } from "zod";
import { errorKey } from "./error-key";

/**
 * zod's error map for the whole server process: messages are translation keys (see ./error-key).
 * Server-only (decision 113): imported for its effect by ./validation, an empty module in the browser.
 */
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
