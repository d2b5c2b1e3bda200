import { z } from "./validation";

/**
 * Binding actions with a second look (issue 13 item 8, decision 115): the first POST of a binding action
 * (verifying a group or partner, accepting offers, confirming a payment) only answers a confirmation view that
 * says what will happen; the same fields posted again with `confirm=yes` do it. Works without JavaScript: both
 * steps are plain form posts. A plain module: the page component reads these names too.
 */
export const CONFIRM_FIELD = "confirm";
export const CONFIRM_VALUE = "yes";

const ConfirmSchema = /* @__PURE__ */ (() => z.union([z.literal(CONFIRM_VALUE), z.undefined()]))();

/** "preview" (first post), "confirmed" (second post) or "malformed" (any other value: answer 400). */
export function confirmStep(formData: FormData): "preview" | "confirmed" | "malformed" {
  const all = formData.getAll(CONFIRM_FIELD);
  if (all.length > 1) return "malformed";
  const parsed = ConfirmSchema.safeParse(all[0] ?? undefined);
  if (!parsed.success) return "malformed";
  return parsed.data === CONFIRM_VALUE ? "confirmed" : "preview";
}
