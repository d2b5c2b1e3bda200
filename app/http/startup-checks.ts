/**
 * Refuses to run a production server with the secrets that ship in the repository. The demo
 * (`npm run demo`, the e2e server) sets BERMITRA_DEMO=1 and keeps the built-in ones.
 */
type Env = Record<string, string | undefined>;

export const DEMO_SESSION_SECRET = "bermitra-demo-session-secret";
export const DEV_NIK_HASH_KEY = "bermitra-dev-nik-key";

export function productionConfigProblems(env: Env = process.env): string[] {
  if (env.NODE_ENV !== "production" || env.BERMITRA_DEMO === "1") return [];
  const problems: string[] = [];
  const secrets = (env.SESSION_SECRET ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (secrets.length === 0) problems.push("SESSION_SECRET is not set (the demo secret would sign session cookies).");
  else if (secrets.includes(DEMO_SESSION_SECRET)) problems.push("SESSION_SECRET contains the demo secret from the repository.");
  else if (secrets[0].length < 32) problems.push("SESSION_SECRET must be at least 32 characters long.");
  const nikKey = env.NIK_HASH_KEY?.trim();
  if (!nikKey) problems.push("NIK_HASH_KEY is not set (the development key would hash members' NIKs).");
  else if (nikKey === DEV_NIK_HASH_KEY) problems.push("NIK_HASH_KEY is the development key from the repository.");
  return problems;
}

/** Throws with one clear message listing every problem (server.ts calls this before listening). */
export function assertProductionConfig(env: Env = process.env): void {
  const problems = productionConfigProblems(env);
  if (problems.length === 0) return;
  throw new Error(
    [
      "Bermitra refuses to start in production (NODE_ENV=production) with the repository's demo secrets:",
      ...problems.map((p) => `  - ${p}`),
      "Set them to long random values (e.g. `openssl rand -base64 48`), or run the demo with BERMITRA_DEMO=1 (`npm run demo`).",
    ].join("\n"),
  );
}
