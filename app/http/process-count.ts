/**
 * How many web processes server.ts starts (decision 100). WEB_CONCURRENCY: a whole number from 1 (one
 * process, no cluster) to 64, or "auto" for one per core. Unset: one per core in production, one otherwise
 * (development keeps a single process so the Remix dev server's reloads stay simple).
 */
export function webProcessCount({
  setting,
  production,
  cores,
}: {
  setting: string | undefined;
  production: boolean;
  cores: number;
}): number {
  const value = setting?.trim().toLowerCase();
  if (!value) return production ? Math.max(1, cores) : 1;
  if (value === "auto") return Math.max(1, cores);
  if (!/^\d{1,2}$/.test(value) || Number(value) < 1 || Number(value) > 64) {
    throw new Error(
      `WEB_CONCURRENCY must be a whole number from 1 to 64 or "auto", not "${setting}"`
    );
  }
  return Number(value);
}
