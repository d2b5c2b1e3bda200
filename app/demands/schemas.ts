import { DATE_WINDOWS, formCheckbox, formDate, formInt, formText, optionalFormText, z } from "~/forms/validation";
import { DEFAULT_TIME_ZONE, startOfDayAt } from "~/time/calendar";

/** Sane bounds for quantities (per period) and prices (Rupiah per unit). */
export const MAX_QUANTITY = 100_000;
export const MAX_PRICE = 50_000_000;

export const UNITS = ["PCS", "BOX", "PACK", "KG", "LITER", "SERVICE"] as const;
export const FREQUENCIES = ["ONE_OFF", "DAILY", "WEEKLY", "MONTHLY"] as const;

const optionalInt = (min: number, max: number) => z.preprocess((v) => (v === "" ? undefined : v), formInt(min, max).optional());
const optionalDate = (window = DATE_WINDOWS.nearTerm) => z.preprocess((v) => (v === "" ? undefined : v), formDate(window).optional());
const days = () =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(["1", "2", "3", "4", "5", "6", "7"])).max(7),
  );

/** 00:00 of today in the demand's office zone (the partner's office, decision 123). */
export function officeToday(now: Date, zone: string): Date {
  return startOfDayAt(now, zone);
}

export const DemandSchema = /* @__PURE__ */ (() => z
  .object({
    title: formText(120),
    categoryId: z.string().min(1),
    specification: formText(2000),
    qualityRequirements: optionalFormText(1000),
    packaging: optionalFormText(500),
    quantity: formInt(1, MAX_QUANTITY),
    unit: z.enum(UNITS),
    frequency: z.enum(FREQUENCIES),
    daysOfWeek: days(),
    deliveryAddress: formText(300),
    deliveryKecamatanId: z.string().min(1),
    startDate: formDate(DATE_WINDOWS.nearTerm),
    endDate: optionalDate(DATE_WINDOWS.agreement),
    priceMin: optionalInt(1, MAX_PRICE),
    priceMax: optionalInt(1, MAX_PRICE),
    offerDeadline: formDate(DATE_WINDOWS.nearTerm),
    allowSplit: formCheckbox(),
  })
  .superRefine((d, ctx) => {
    // A first check on the form's days as read (WIB, before the office is known); the domain checks again in
    // the partner's office zone, which is never behind WIB, so this one can only let more through (decision 123).
    const today = officeToday(new Date(), DEFAULT_TIME_ZONE);
    if (d.offerDeadline < today) ctx.addIssue({ code: "custom", path: ["offerDeadline"], message: "demands:validation.deadlinePast" });
    if (d.offerDeadline >= d.startDate) ctx.addIssue({ code: "custom", path: ["offerDeadline"], message: "demands:validation.deadlineBeforeStart" });
    if (d.endDate && d.endDate <= d.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "demands:validation.endAfterStart" });
    if (d.frequency !== "ONE_OFF" && !d.endDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "demands:validation.endRequired" });
    if (d.frequency === "WEEKLY" && d.daysOfWeek.length !== 1) ctx.addIssue({ code: "custom", path: ["daysOfWeek"], message: "demands:validation.oneDay" });
    if (d.priceMin !== undefined && d.priceMax !== undefined && d.priceMax < d.priceMin) {
      ctx.addIssue({ code: "custom", path: ["priceMax"], message: "demands:validation.priceRange" });
    }
    if (d.endDate && d.endDate.getTime() - d.startDate.getTime() > 3 * 366 * 86_400_000) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "demands:validation.tooLong" });
    }
  }))();

export type DemandInput = z.infer<typeof DemandSchema>;

export const OfferSchema = /* @__PURE__ */ (() => z.object({
  pricePerUnit: formInt(1, MAX_PRICE),
  quantityPerPeriod: formInt(1, MAX_QUANTITY),
  startDate: formDate(DATE_WINDOWS.nearTerm),
  note: optionalFormText(1000),
}))();

export type OfferInput = z.infer<typeof OfferSchema>;

export const MessageSchema = /* @__PURE__ */ (() => z.object({ body: formText(1000) }))();
export const ReasonSchema = /* @__PURE__ */ (() => z.object({ reason: formText(500) }))();
