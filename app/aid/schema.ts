import { emptyToUndefined, errorKey, formDate, formInt, formText, optionalFormText, z } from "~/forms/validation";

export const AID_KINDS = ["CAPITAL", "EQUIPMENT", "TRAINING"] as const;
export const AID_SOURCES = ["APBD", "APBN", "CSR"] as const;
export type AidKindName = (typeof AID_KINDS)[number];
export type AidSourceName = (typeof AID_SOURCES)[number];
/** rows of items the equipment form offers (a plain form: no JavaScript to add rows) */
export const ITEM_ROWS = 5;
const MAX_RUPIAH = 10_000_000_000;

const optionalInt = (min: number, max: number) => z.preprocess((v) => emptyToUndefined(v), formInt(min, max).optional());

const itemFields = /* @__PURE__ */ (() => Object.fromEntries(
  Array.from({ length: ITEM_ROWS }, (_, i) => [
    [`item${i}Name`, optionalFormText(120)],
    [`item${i}Quantity`, optionalInt(1, 100_000)],
    [`item${i}Value`, optionalInt(1, MAX_RUPIAH)],
  ]).flat(),
) as Record<string, z.ZodTypeAny>)();

/**
 * The "record aid" form (decision 085). Capital and training carry a value; equipment carries items
 * (name, quantity, value of the line) and its value is their sum; CSR names the partner that paid.
 */
export const AidFormSchema = /* @__PURE__ */ (() => z
  .object({
    intent: z.literal("record"),
    groupId: z.string().min(1).max(64),
    kind: z.enum(AID_KINDS),
    source: z.enum(AID_SOURCES),
    partnerId: z.preprocess((v) => emptyToUndefined(v), z.string().max(64).optional()),
    receivedOn: formDate(),
    description: formText(300),
    valueRupiah: optionalInt(0, MAX_RUPIAH),
    ...itemFields,
  })
  .superRefine((v, ctx) => {
    if (v.source === "CSR" && !v.partnerId) ctx.addIssue({ code: "custom", path: ["partnerId"], message: errorKey("required") });
    const row = v as Record<string, unknown>;
    if (v.kind === "EQUIPMENT") {
      let lines = 0;
      for (let i = 0; i < ITEM_ROWS; i++) {
        const name = row[`item${i}Name`] as string | undefined;
        const quantity = row[`item${i}Quantity`] as number | undefined;
        const value = row[`item${i}Value`] as number | undefined;
        if (!name && quantity === undefined && value === undefined) continue;
        lines++;
        if (!name) ctx.addIssue({ code: "custom", path: [`item${i}Name`], message: errorKey("required") });
        if (quantity === undefined) ctx.addIssue({ code: "custom", path: [`item${i}Quantity`], message: errorKey("required") });
        if (value === undefined) ctx.addIssue({ code: "custom", path: [`item${i}Value`], message: errorKey("required") });
      }
      if (!lines) ctx.addIssue({ code: "custom", path: ["item0Name"], message: errorKey("required") });
    } else if (v.valueRupiah === undefined) {
      ctx.addIssue({ code: "custom", path: ["valueRupiah"], message: errorKey("required") });
    }
  }))();

export type AidFormInput = z.infer<typeof AidFormSchema>;

export type AidInput = {
  groupId: string;
  kind: AidKindName;
  source: AidSourceName;
  partnerId: string | null;
  receivedOn: Date;
  description: string;
  /** capital and training */
  valueRupiah: number | null;
  /** equipment */
  items: { name: string; quantity: number; valueRupiah: number }[];
};

/** The parsed form as the domain function's input (items of the equipment rows that were filled). */
export function aidInputOf(form: AidFormInput): AidInput {
  const items: AidInput["items"] = [];
  if (form.kind === "EQUIPMENT") {
    for (let i = 0; i < ITEM_ROWS; i++) {
      const name = form[`item${i}Name` as keyof AidFormInput] as string | undefined;
      if (name) items.push({ name, quantity: form[`item${i}Quantity` as keyof AidFormInput] as number, valueRupiah: form[`item${i}Value` as keyof AidFormInput] as number });
    }
  }
  return {
    groupId: form.groupId,
    kind: form.kind,
    source: form.source,
    partnerId: form.source === "CSR" ? (form.partnerId ?? null) : null,
    receivedOn: form.receivedOn,
    description: form.description,
    valueRupiah: form.kind === "EQUIPMENT" ? null : (form.valueRupiah ?? 0),
    items,
  };
}
