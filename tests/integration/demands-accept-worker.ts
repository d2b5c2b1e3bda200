/**
 * Helper process for tests/integration/demands.test.ts: accepts one offer at a given moment, in its own
 * process and database connection (as a second server process would). Prints the outcome as JSON.
 * Usage: tsx demands-accept-worker.ts <actorId> <demandId> <offerId> <quantity> <startAtMs>
 */
import { actorFromUser } from "~/auth/actor";
import { db, dbReady } from "~/db/db.server";
import { acceptOffers } from "~/demands/offers.server";
import { isDomainError } from "~/domain/errors";

const [actorId, demandId, offerId, quantity, startAt] = process.argv.slice(2);
await dbReady;
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
try {
  const result = await acceptOffers(actorFromUser(await db.user.findUniqueOrThrow({ where: { id: actorId! } })), demandId!, [{ offerId: offerId!, quantity: Number(quantity) }]);
  console.log(JSON.stringify({ ok: true, status: result.status }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: isDomainError(error) ? error.key : String((error as Error).message).slice(0, 200) }));
} finally {
  await db.$disconnect();
}
