import { DATE_WINDOWS, errorKey, readFormInt } from "~/forms/validation";
import { dateInWindow, readDate, readInteger } from "~/forms/values";
import { startOfDay, DEFAULT_TIME_ZONE } from "~/time/calendar";
import { MAX_GRACE_DAYS, type MouCoachingCommitment, type MouContent, type MouScopeItem } from "./content";

const UNITS = ["PCS", "BOX", "PACK", "KG", "LITER", "SERVICE"] as const;
const FREQUENCIES = ["ONCE", "WEEKLY", "MONTHLY", "QUARTERLY"] as const;

export type ContentFormResult = { ok: true; content: MouContent } | { ok: false; errors: Record<string, string>; values: Record<string, string | string[]> };

/**
 * Reads the MoU edit form into structured content. Parties' ids, types and places come from the stored
 * version (not from the form); only names, titles, emails and the clauses are editable. Scope and
 * coaching rows with an empty description/topic are dropped; obligations are one per line.
 */
export function parseContentForm(form: FormData, base: MouContent): ContentFormResult {
  const errors: Record<string, string> = {};
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = key.endsWith("[]") ? all : (all[0] ?? "");
  }
  const str = (name: string, max: number, required = true): string => {
    const v = String(values[name] ?? "").trim();
    if (required && !v) errors[name] = errorKey("required");
    else if (v.length > max) errors[name] = errorKey("tooLong", { max });
    return v;
  };
  const int = (name: string, min: number, max: number): number => {
    const reading = readFormInt(values[name] ?? "", min, max);
    if (!reading.ok) {
      errors[name] = reading.message;
      return 0;
    }
    return reading.value;
  };
  // An existing day within two years back and ten ahead of now (an MoU ends within ten years).
  const date = (name: string): string => {
    const raw = values[name];
    const reading = typeof raw === "string" ? readDate(raw) : ({ ok: false } as const);
    if (!reading.ok) {
      errors[name] = errorKey("invalidDate");
      return typeof raw === "string" ? raw.trim() : "";
    }
    // a plausibility window of years with a day's slack each side: the office zone cannot change the outcome
    const where = dateInWindow(startOfDay(reading.ymd, DEFAULT_TIME_ZONE), DATE_WINDOWS.agreement, new Date());
    if (where === "tooEarly") errors[name] = errorKey("dateTooFarBack", { years: DATE_WINDOWS.agreement.yearsBack });
    if (where === "tooLate") errors[name] = errorKey("dateTooFarAhead", { years: DATE_WINDOWS.agreement.yearsAhead });
    return reading.ymd;
  };
  const email = (name: string): string | undefined => {
    const v = String(values[name] ?? "").trim().toLowerCase();
    if (!v) return undefined;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) || v.length > 200) errors[name] = errorKey("email");
    return v;
  };
  const lines = (name: string): string[] => {
    const list = String(values[name] ?? "")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    if (list.length === 0) errors[name] = errorKey("required");
    if (list.some((l) => l.length > 1000)) errors[name] = errorKey("tooLong", { max: 1000 });
    return list;
  };

  const partnerEmail = email("partnerSignatoryEmail");
  const dinasEmail = email("dinasSignatoryEmail");
  const parties: MouContent["parties"] = {
    partner: { ...base.parties.partner, signatoryName: str("partnerSignatoryName", 200), signatoryTitle: str("partnerSignatoryTitle", 200) },
    groups: base.parties.groups.map((g, i) => {
      const chairEmail = email(`group${i}ChairEmail`);
      const next = { ...g, chairName: str(`group${i}ChairName`, 200) };
      delete next.chairEmail;
      return chairEmail ? { ...next, chairEmail } : next;
    }),
    dinas: { ...base.parties.dinas, signatoryName: str("dinasSignatoryName", 200), signatoryTitle: str("dinasSignatoryTitle", 200) },
  };
  delete parties.partner.signatoryEmail;
  delete parties.dinas.signatoryEmail;
  if (partnerEmail) parties.partner.signatoryEmail = partnerEmail;
  if (dinasEmail) parties.dinas.signatoryEmail = dinasEmail;

  const groupIds = new Set(base.parties.groups.map((g) => g.id));
  const items: MouScopeItem[] = [];
  const rowCount = (name: string, max: number): number => {
    const reading = typeof values[name] === "string" ? readInteger(values[name]) : null;
    return reading?.ok ? Math.max(0, Math.min(reading.value, max)) : 0;
  };
  const rows = rowCount("itemRows", 50);
  for (let i = 0; i < Math.min(rows, 50); i++) {
    const description = String(values[`item${i}Description`] ?? "").trim();
    if (!description) continue;
    const groupId = String(values[`item${i}GroupId`] ?? "");
    if (!groupIds.has(groupId)) errors[`item${i}GroupId`] = errorKey("choose");
    const unit = String(values[`item${i}Unit`] ?? "") as MouScopeItem["unit"];
    if (!UNITS.includes(unit)) errors[`item${i}Unit`] = errorKey("choose");
    if (description.length > 500) errors[`item${i}Description`] = errorKey("tooLong", { max: 500 });
    const productId = String(values[`item${i}ProductId`] ?? "").trim() || null;
    items.push({ groupId, productId, description, unit, quantityPerDelivery: int(`item${i}Quantity`, 1, 1_000_000), unitPrice: int(`item${i}UnitPrice`, 0, 1_000_000_000) });
  }
  const deliveryDays = [...new Set((Array.isArray(values["deliveryDays[]"]) ? values["deliveryDays[]"] : []).filter((d) => /^[1-7]$/.test(d)).map(Number))].sort((a, b) => a - b);

  const coaching: MouCoachingCommitment[] = [];
  const coachingRows = rowCount("coachingRows", 30);
  for (let i = 0; i < Math.min(coachingRows, 30); i++) {
    const topic = String(values[`coaching${i}Topic`] ?? "").trim();
    if (!topic) continue;
    if (topic.length > 300) errors[`coaching${i}Topic`] = errorKey("tooLong", { max: 300 });
    const frequency = String(values[`coaching${i}Frequency`] ?? "") as MouCoachingCommitment["frequency"];
    if (!FREQUENCIES.includes(frequency)) errors[`coaching${i}Frequency`] = errorKey("choose");
    coaching.push({ topic, sessionsCount: int(`coaching${i}Sessions`, 1, 60), frequency, firstDueDate: date(`coaching${i}FirstDueDate`), hoursPerSession: int(`coaching${i}Hours`, 1, 24) });
  }

  const kind = String(values.paymentKind ?? "");
  let payment: MouContent["payment"];
  if (kind === "NET_DAYS") payment = { kind: "NET_DAYS", netDays: int("netDays", 1, 120) };
  else if (kind === "CARD") payment = { kind: "CARD" };
  else if (kind === "ON_DELIVERY") {
    // grace days after the delivery day (decision 079); blank is 0, stored only when > 0 so the text hash of
    // an MoU without grace stays what it was
    const grace = String(values.graceDays ?? "").trim() === "" ? 0 : int("graceDays", 0, MAX_GRACE_DAYS);
    payment = grace > 0 ? { kind: "ON_DELIVERY", graceDays: grace } : { kind: "ON_DELIVERY" };
  }
  else {
    errors.paymentKind = errorKey("choose");
    payment = { kind: "ON_DELIVERY" };
  }

  const startDate = date("startDate");
  const endDate = date("endDate");
  if (!errors.startDate && !errors.endDate && endDate <= startDate) errors.endDate = "mou:errors.endBeforeStart";

  const content: MouContent = {
    title: str("title", 300),
    parties,
    background: str("background", 4000),
    scope: { items, deliveryDays, deliveryAddress: str("deliveryAddress", 500), qualityStandards: str("qualityStandards", 2000) },
    obligations: { partner: lines("obligationsPartner"), group: lines("obligationsGroup") },
    coaching,
    payment,
    period: { startDate, endDate },
    termination: str("termination", 4000),
    dispute: str("dispute", 4000),
  };
  for (const key of Object.keys(values)) if (key.toLowerCase().includes("password")) delete values[key];
  return Object.keys(errors).length ? { ok: false, errors, values } : { ok: true, content };
}
