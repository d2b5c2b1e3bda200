const TIME_ZONE = "Asia/Jakarta";

/** Rupiah without decimals, dot as thousands separator: Rp 12.500 (same in both languages). */
export function formatRupiah(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  const digits = Math.round(Math.abs(amount))
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${sign}Rp ${digits}`;
}

export function formatNumber(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

function parts(value: Date | string | number) {
  const date = value instanceof Date ? value : new Date(value);
  const p = new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? "";
  return { d: get("day"), m: get("month"), y: get("year"), h: get("hour"), min: get("minute") };
}

/** 22/11/2026 in Indonesian time (WIB). */
export function formatDate(value: Date | string | number | null | undefined): string {
  if (value == null) return "";
  const { d, m, y } = parts(value);
  return `${d}/${m}/${y}`;
}

/** 22/11/2026 14:05 in Indonesian time (WIB). */
export function formatDateTime(value: Date | string | number | null | undefined): string {
  if (value == null) return "";
  const { d, m, y, h, min } = parts(value);
  return `${d}/${m}/${y} ${h}:${min}`;
}

/** yyyy-mm-dd of the day in WIB, the value format of <input type="date">. */
export function toDateInputValue(value: Date | string | number | null | undefined): string {
  if (value == null) return "";
  const { d, m, y } = parts(value);
  return `${y}-${m}-${d}`;
}

/** Parses a yyyy-mm-dd date input as midnight WIB (UTC+7). */
export function parseDateInput(value: string): Date {
  return new Date(`${value}T00:00:00+07:00`);
}
