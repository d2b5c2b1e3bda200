/** What a redacted secret looks like in a stored or displayed email. */
export const REDACTED = "[•••]";

/**
 * Link shapes that carry a bearer token (MoU signing links, password-reset links): redacted even when a
 * message did not list its secrets (older rows, a forgotten `secrets`), so no stored copy stays usable.
 */
const TOKEN_LINKS = /(\/(?:sign|reset-password)\/)[A-Za-z0-9_-]{16,}/g;

/** Replaces every listed secret and every token-bearing link in `text`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret) out = out.split(secret).join(REDACTED);
  }
  return out.replace(TOKEN_LINKS, `$1${REDACTED}`);
}
