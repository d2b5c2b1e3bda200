/**
 * Which new passwords are accepted (issue 10 item 6): at least 8 characters, not only spaces or one repeated
 * character, and not on Firefox Accounts' list of common passwords (fxa-common-password-list: the most used
 * passwords of public breach corpora). Used for sign-up and password resets.
 */
import { createRequire } from "node:module";
import { errorKey, z } from "~/forms/validation";

const require = createRequire(import.meta.url);
const commonPasswords = require("fxa-common-password-list") as { test(password: string): boolean };

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

/** The translation key of the problem with a new password, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return errorKey("tooShort", { min: MIN_PASSWORD_LENGTH });
  if (password.length > MAX_PASSWORD_LENGTH) return errorKey("tooLong", { max: MAX_PASSWORD_LENGTH });
  if (password.trim().length === 0 || new Set([...password]).size === 1) return errorKey("passwordWeak");
  if (commonPasswords.test(password) || commonPasswords.test(password.toLowerCase()) || commonPasswords.test(password.trim())) {
    return errorKey("passwordCommon");
  }
  return null;
}

/** zod field for a new password. */
export function newPassword() {
  return z.string().superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });
}
