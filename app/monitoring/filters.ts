import { z } from "zod";
import { errorKey } from "~/forms/validation";

export const GROUP_TYPES = ["KPM", "KUBE"] as const;
export const PARTNER_SECTORS = ["HOTEL", "RESTAURANT", "TOURISM", "MUSEUM", "RETAIL", "COMPANY_CSR", "GOVERNMENT"] as const;

const dayKey = /* @__PURE__ */ (() => z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, errorKey("invalidDate"))
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), errorKey("invalidDate")))();

const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

/** The filters of every monitoring page, read from the query string (links and GET forms, no JavaScript). */
export const MonitoringFiltersSchema = /* @__PURE__ */ (() => z
  .object({
    from: optional(dayKey),
    to: optional(dayKey),
    kecamatanId: optional(z.string().min(1).max(64)),
    groupType: optional(z.enum(GROUP_TYPES)),
    sector: optional(z.enum(PARTNER_SECTORS)),
    /** province view: one city's office */
    officeId: optional(z.string().min(1).max(64)),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: errorKey("dateTooEarly"), path: ["to"] }))();

export type MonitoringFilterInput = z.infer<typeof MonitoringFiltersSchema>;

export const FILTER_KEYS = ["from", "to", "kecamatanId", "groupType", "sector", "officeId"] as const;

/** The filter part of a query string, to carry the filters into drill-down links and exports. */
export function filterQuery(filters: Partial<Record<(typeof FILTER_KEYS)[number], string | undefined | null>>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}
