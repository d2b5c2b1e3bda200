/**
 * Child process for outbox-claims.test.ts: a second web process (or instance) running the email sender on
 * its own database connections. At the given instant it sends batches until it claims nothing more.
 * argv: startAtMs nowIso batchSize. SMTP_URL (the test's stand-in) comes from the environment.
 * Prints {"sent":n,"failed":n}.
 */
import { db, dbReady } from "~/db/db.server";
import { sendPendingEmails } from "~/email/sender.server";

async function main() {
  const [startAt, nowIso, batch] = process.argv.slice(2);
  await dbReady;
  await db.$queryRawUnsafe("SELECT 1");
  const wait = Number(startAt) - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const total = { sent: 0, failed: 0 };
  for (;;) {
    const run = await sendPendingEmails(Number(batch), { now: new Date(nowIso!) });
    total.sent += run.sent;
    total.failed += run.failed;
    if (run.sent + run.failed === 0) break;
  }
  console.log(JSON.stringify(total));
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
