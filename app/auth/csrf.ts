/**
 * CSRF protection for every non-GET request: the browser's Origin (or, failing that, Referer)
 * must name this site — same scheme, host and port. Together with SameSite=Lax session cookies this
 * stops cross-site form posts without a token in every form, so plain HTML forms keep working without
 * JavaScript. See docs/decisions/003-auth-sessions-csrf.md and docs/security.md.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Paths that receive server-to-server posts and authenticate them otherwise (signatures). */
export const CSRF_EXEMPT_PATHS = ["/webhooks/stripe", "/webhooks/whatsapp"];

export function isCrossSiteRequest(input: {
  method: string;
  path: string;
  /** "http" or "https": the scheme this server was reached by (behind a trusted proxy: X-Forwarded-Proto) */
  protocol: string;
  host: string | undefined;
  origin: string | undefined;
  referer: string | undefined;
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return false;
  if (CSRF_EXEMPT_PATHS.some((p) => input.path === p || input.path.startsWith(`${p}/`))) return false;
  const source = input.origin && input.origin !== "null" ? input.origin : input.referer;
  if (!source || !input.host) return true;
  try {
    const expected = new URL(`${input.protocol.replace(/:$/, "")}://${input.host}`);
    const actual = new URL(source);
    // URL normalises default ports (":443" on https, ":80" on http), so origins compare scheme, host and port.
    return actual.origin !== expected.origin;
  } catch {
    return true;
  }
}
