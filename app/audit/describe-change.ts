import type { TFunction } from "i18next";
import type { TranslateFn } from "~/i18n/translate";

/** i18next on the server (getServerT), the page translator in components (decision 135). */
type Translate = TFunction | TranslateFn;
import { formatDate, formatDateTime, formatNumber, formatRupiah } from "~/i18n/format";

/** One changed field of an audit event, ready to show: translated name, formatted values, a link for ids. */
export type ChangeLine = { field: string; label: string; before: string | null; after: string; href: string | null };

/** Where each entity's status values are translated. */
const STATUS_KEYS: Record<string, string> = {
  Order: "enums:orderStatus",
  Invoice: "enums:invoiceStatus",
  Payment: "enums:paymentStatus",
  CoachingSession: "enums:coachingStatus",
  Group: "enums:verification",
  Partner: "enums:verification",
  Demand: "demands:status",
  Offer: "demands:offerStatus",
  Mou: "mou:status",
  Product: "catalog:status",
};

/** Fields whose values are codes translated elsewhere, whatever the entity. */
const FIELD_ENUMS: Record<string, string> = {
  verificationStatus: "enums:verification",
  sector: "enums:sector",
  role: "roles",
  party: "roles",
  source: "orders:source",
};

/** Ids that have a page of their own: shown as a link, never as the raw id. */
const ID_LINKS: Record<string, (id: string) => string> = {
  mouId: (id) => `/mou/${id}`,
  orderId: (id) => `/orders/${id}`,
  invoiceId: (id) => `/invoices/${id}`,
  groupId: (id) => `/groups/${id}`,
  sessionId: (id) => `/coaching/${id}`,
};

/** Technical fields that say nothing to a reader. */
const HIDDEN = new Set(["contentHash", "userAgent", "id", "versionId", "signerId", "tokenHash"]);

const MONEY = /rupiah|price|amount|fee|capital|total$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function parse(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function formatValue(t: Translate, entityType: string, field: string, value: unknown, zone: string): string {
  if (value === null || value === undefined || value === "") return t("audit:empty_value");
  if (typeof value === "boolean") return t(value ? "audit:yes" : "audit:no");
  if (typeof value === "number") return MONEY.test(field) ? formatRupiah(value) : formatNumber(value);
  if (typeof value === "string") {
    if (field === "status" && STATUS_KEYS[entityType]) return t(`${STATUS_KEYS[entityType]}.${value}`, { defaultValue: value });
    if (FIELD_ENUMS[field]) return t(`${FIELD_ENUMS[field]}${FIELD_ENUMS[field]!.includes(":") ? "." : ":"}${value}`, { defaultValue: value });
    if (ISO_INSTANT.test(value)) return formatDateTime(value, zone);
    if (ISO_DAY.test(value)) return formatDate(value, zone);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => formatValue(t, entityType, field, v, zone)).join(", ");
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !HIDDEN.has(k))
      .map(([k, v]) => `${label(t, k)}: ${formatValue(t, entityType, k, v, zone)}`)
      .join("; ");
  }
  return String(value);
}

function label(t: Translate, field: string): string {
  return t(`audit:fields.${field}`, { defaultValue: humanize(field) });
}

/**
 * Turns an audit event's before/after JSON into lines a person can read ("Status: Draf → Terbuka",
 * money as Rp 12.500, instants in WIB, ids as links). Fields that did not change are left out.
 */
/** `zone`: the zone dates and times in the change are shown in (the record's office). */
export function describeChange(t: Translate, entityType: string, before: string | null, after: string | null, zone: string): ChangeLine[] {
  const b = parse(before);
  const a = parse(after);
  const lines: ChangeLine[] = [];
  for (const field of Object.keys(a)) {
    if (HIDDEN.has(field)) continue;
    const hadBefore = Object.prototype.hasOwnProperty.call(b, field);
    if (hadBefore && JSON.stringify(b[field]) === JSON.stringify(a[field])) continue;
    const link = ID_LINKS[field];
    if (field.endsWith("Id") && typeof a[field] === "string") {
      // An id: a link where the record has a page, otherwise nothing worth showing.
      if (link) lines.push({ field, label: label(t, field), before: null, after: t("audit:open"), href: link(a[field] as string) });
      continue;
    }
    lines.push({
      field,
      label: label(t, field),
      before: hadBefore ? formatValue(t, entityType, field, b[field], zone) : null,
      after: formatValue(t, entityType, field, a[field], zone),
      href: null,
    });
  }
  return lines;
}
