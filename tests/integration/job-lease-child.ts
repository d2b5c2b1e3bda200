/**
 * Child process for job-lease.test.ts: at a given instant, tries to take the scheduler lease through its own
 * database connection (as a second web process would). argv: holder startAtMs nowIso. Prints {"held":bool}.
 */
import { db, dbReady } from "~/db/db.server";
import { tryAcquireLease } from "~/jobs/lease.server";

async function main() {
  const [holder, startAt, nowIso] = process.argv.slice(2);
  await dbReady;
  await db.$queryRawUnsafe("SELECT 1");
  const wait = Number(startAt) - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const held = await tryAcquireLease(db, { name: "race", holder: holder!, ttlMs: 30_000, now: new Date(nowIso!) });
  console.log(JSON.stringify({ held }));
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
