/**
 * Child process for orders-capacity-processes.test.ts: accepts one order as the group's chair, through its
 * own database connection, at a given instant (so several processes race for the same capacity).
 * argv: orderId startAtMs. Prints {"ok":true} or {"ok":false,"error":"<key or message>"}.
 */
import { actorFromUser } from "~/auth/actor";
import { db, dbReady } from "~/db/db.server";
import { isDomainError } from "~/domain/errors";
import { acceptOrder } from "~/orders/orders.server";

async function main() {
  const [orderId, startAt] = process.argv.slice(2);
  await dbReady;
  const user = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
  const wait = Number(startAt) - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  try {
    await acceptOrder(actorFromUser(user), orderId!);
    console.log(JSON.stringify({ ok: true }));
  } catch (error) {
    console.log(JSON.stringify({ ok: false, error: isDomainError(error) ? error.key : String((error as Error).message ?? error).replace(/\s+/g, " ").slice(-300) }));
  }
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
