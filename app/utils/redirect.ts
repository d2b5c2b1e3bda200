const BASE = "http://bermitra.invalid";

/**
 * Only same-site paths ("/x?y#z") are followed after a form or a login. Anything a browser could read as
 * another site is refused: `//host`, `/\host`, schemes, and control characters or spaces anywhere (browsers
 * drop tabs and newlines from URLs, so "/\t/evil.example" would become "//evil.example").
 */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return fallback;
  // eslint-disable-next-line no-control-regex
  if (!value.startsWith("/") || /[\u0000-\u0020\u007f-\u009f\\]/.test(value) || value.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
