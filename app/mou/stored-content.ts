import { z } from "zod";
import { parseStoredJson } from "~/db/stored-data";
import type { MouContent } from "./content";

/**
 * The parts of a stored MoU version other modules act on: the payment terms (invoice due dates) and the
 * coaching commitments (the coaching schedule). If they are unreadable the version is corrupt; nothing falls
 * back to default terms or skips coaching (decision 076).
 */
const StoredMouContent = /* @__PURE__ */ (() => z
  .object({
    parties: z.object({ groups: z.array(z.object({ id: z.string() }).passthrough()) }).passthrough().optional(),
    scope: z.object({ items: z.array(z.object({}).passthrough()), deliveryDays: z.array(z.number().int().min(1).max(7)) }).passthrough(),
    coaching: z.array(
      z
        .object({
          topic: z.string(),
          sessionsCount: z.number().int().min(0),
          frequency: z.enum(["ONCE", "WEEKLY", "MONTHLY", "QUARTERLY"]),
          firstDueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
          hoursPerSession: z.number().min(0),
        })
        .passthrough(),
    ),
    payment: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("ON_DELIVERY"), graceDays: z.number().int().min(0).max(365).optional() }).passthrough(),
      z.object({ kind: z.literal("NET_DAYS"), netDays: z.number().int().min(0).max(365) }).passthrough(),
      z.object({ kind: z.literal("CARD") }).passthrough(),
    ]),
    period: z.object({ startDate: z.string(), endDate: z.string() }).passthrough(),
  })
  .passthrough())();

function checkMouContent(value: unknown) {
  const result = StoredMouContent.safeParse(value);
  if (result.success) return { ok: true as const, value: value as MouContent };
  const issue = result.error.issues[0]!;
  return { ok: false as const, problem: `${issue.path.join(".") || "(root)"}: ${issue.message}` };
}

/** The content of MoU version `versionId` as stored; throws CorruptStoredDataError (logged) if it is unreadable. */
export function readMouContent(text: string | null | undefined, versionId: string): MouContent {
  return parseStoredJson(text, { table: "MouVersion", id: versionId, column: "content" }, checkMouContent);
}
