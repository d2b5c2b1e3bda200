/**
 * Who is on the other end of a request. The web server (server.ts) always overwrites CLIENT_IP_HEADER with
 * the socket's address — or, only when TRUST_PROXY is set, the address the trusted proxy reports in
 * X-Forwarded-For — so a client cannot choose the IP that is sealed into signatures, written to the audit
 * log or used as a rate-limit key by sending its own X-Forwarded-For.
 */
type Env = Record<string, string | undefined>;

export const CLIENT_IP_HEADER = "x-bermitra-client-ip";

/** TRUST_PROXY: unset/0/false → off; 1/true → one proxy hop; N → N hops (Express "trust proxy" semantics). */
export function trustedProxyHops(env: Env = process.env): number {
  const raw = env.TRUST_PROXY?.trim().toLowerCase();
  if (!raw || raw === "0" || raw === "false" || raw === "off" || raw === "no") return 0;
  if (raw === "true" || raw === "on" || raw === "yes") return 1;
  const hops = Number(raw);
  return Number.isInteger(hops) && hops > 0 ? hops : 1;
}

/**
 * The client's address as a Remix loader/action sees it: the header server.ts set. Without server.ts (a test
 * calling an action directly) X-Forwarded-For is read only when TRUST_PROXY is set: the address `hops`
 * from the right, as the trusted proxies appended it.
 */
export function clientIp(request: Request, env: Env = process.env): string | null {
  const sealed = request.headers.get(CLIENT_IP_HEADER)?.trim();
  if (sealed) return sealed.slice(0, 64);
  const hops = trustedProxyHops(env);
  if (hops === 0) return null;
  const chain = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return null;
  return chain[Math.max(0, chain.length - hops)].slice(0, 64);
}
