import { domainErrorMessage, isDomainError } from "~/domain/errors";
import { formError, formRefusal, formValues, parseForm } from "~/forms/parse.server";
import { formDate, formInt, formText, optionalFormText, z } from "~/forms/validation";
import type { CertificationKind } from "~/generated/prisma/enums";
import { CERT_KINDS, PRODUCT_UNITS, type ProductInput } from "./products.server";

const list = (max: number) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]), z.array(z.string().min(1)).max(max));

const certFields = Object.fromEntries(
  CERT_KINDS.flatMap((kind) => [
    [`certNumber_${kind}`, optionalFormText(60)],
    [`certExpiry_${kind}`, z.preprocess((v) => (v === "" ? undefined : v), formDate().optional())],
  ]),
) as Record<string, z.ZodTypeAny>;

export const ProductSchema = z
  .object({
    name: formText(120),
    categoryId: z.string().min(1),
    description: formText(2000),
    unit: z.enum(PRODUCT_UNITS as [string, ...string[]]),
    priceRupiah: formInt(100, 100_000_000),
    minOrderQty: formInt(1, 1_000_000),
    weeklyCapacity: formInt(1, 10_000_000),
    leadTimeDays: formInt(0, 90),
    deliveryAreaIds: list(20),
    removePhotoIds: list(10),
    ...certFields,
  })
  .superRefine((data, ctx) => {
    const d = data as Record<string, unknown>;
    for (const kind of CERT_KINDS) {
      if (d[`certExpiry_${kind}`] && !d[`certNumber_${kind}`]) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [`certNumber_${kind}`], message: "catalog:errors.certNumberRequired" });
      }
    }
  });

export type ParsedProductForm = { input: ProductInput; removePhotoIds: string[] };

/** Parses the product form; returns the domain input or a 400 response with field errors. */
export function parseProductForm(formData: FormData): { ok: true; data: ParsedProductForm } | { ok: false; response: Response } {
  const parsed = parseForm(ProductSchema, formData);
  if (!parsed.ok) return { ok: false, response: formError(parsed) };
  const d = parsed.data as Record<string, unknown> & z.infer<typeof ProductSchema>;
  const certifications = CERT_KINDS.filter((kind) => d[`certNumber_${kind}`]).map((kind) => ({
    kind: kind as CertificationKind,
    number: d[`certNumber_${kind}`] as string,
    expiresAt: (d[`certExpiry_${kind}`] as Date | undefined) ?? null,
  }));
  return {
    ok: true,
    data: {
      input: {
        name: d.name,
        categoryId: d.categoryId,
        description: d.description,
        unit: d.unit as ProductInput["unit"],
        priceRupiah: d.priceRupiah,
        minOrderQty: d.minOrderQty,
        weeklyCapacity: d.weeklyCapacity,
        leadTimeDays: d.leadTimeDays,
        deliveryAreaIds: d.deliveryAreaIds,
        certifications,
      },
      removePhotoIds: d.removePhotoIds,
    },
  };
}

/** Turns a DomainError into the form's 400 response (message next to its field); rethrows anything else. */
export function productFormRefusal(error: unknown, formData: FormData): Response {
  if (isDomainError(error)) return formRefusal(domainErrorMessage(error), formValues(formData), error.field);
  throw error;
}
