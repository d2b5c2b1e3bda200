/**
 * Indonesian phone numbers, normalised to E.164 (+62…): "0812-3456-7890", "62812…", "+62 812 …" and
 * "812…" all become "+6281234567890". Mobile numbers only (8…, 9 to 12 digits after the 8); anything else is
 * null, so a form can say the number is not valid.
 */
export function normaliseIndonesianPhone(input: string | null | undefined): string | null {
  if (!input) return null;
  const trimmed = input.trim();
  if (!/^[+0-9 ()./-]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, "");
  if (digits.startsWith("62")) digits = digits.slice(2);
  else if (digits.startsWith("0")) digits = digits.slice(1);
  if (!/^8\d{8,11}$/.test(digits)) return null;
  return `+62${digits}`;
}

/** "+62 812-3456-7890" for display. */
export function formatPhone(e164: string): string {
  const m = /^\+62(\d{3})(\d{4})(\d+)$/.exec(e164);
  return m ? `+62 ${m[1]}-${m[2]}-${m[3]}` : e164;
}
