import { expireMous, notifyExpiringMous } from "./mou.server";
import { remindSigners } from "./signing.server";

/** Periodic MoU work, a function of `now`: signing reminders after 3 days, 30-day end notices, expiry. */
export async function runMouJobs(now: Date) {
  const reminded = await remindSigners(now);
  const noticed = await notifyExpiringMous(now);
  const expired = await expireMous(now);
  return { reminded, noticed, expired };
}
