/**
 * Helper process for tests/integration/abuse-limits.test.ts: uses up a limit from another process (as a
 * second server would), through the same database file. Usage: tsx rate-limit-child.ts <limit> <key> <times>
 */
import { consume, isRateLimited, type LimitName } from "~/security/rate-limit.server";

const [name, key, times] = process.argv.slice(2);
let limited = 0;
for (let i = 0; i < Number(times); i++) {
  try {
    await consume(name as LimitName, key!);
  } catch (error) {
    if (!isRateLimited(error)) throw error;
    limited++;
  }
}
console.log(JSON.stringify({ limited }));
