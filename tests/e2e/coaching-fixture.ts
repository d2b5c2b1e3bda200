/**
 * E2E fixture for tests/e2e/coaching.spec.ts, run with `npx tsx` against the e2e database (DATABASE_URL):
 *  - `setup`: an ACTIVE MoU (Hotel Taman Sari Batu ↔ KPM Melati Sisir) whose commitment has 4 monthly coaching
 *    sessions, the first already 3 days past its due date (unscheduled, so the server's job marks it missed);
 *    prints the session ids and the group's facilitator as JSON.
 *  - `held <sessionId>`: moves the session's scheduled time to two hours ago — the test's stand-in for the
 *    clock reaching the day of the session (the app itself never does this).
 */
import { db } from "~/db/db.server";
import { createActiveMouWithCoaching } from "../helpers/coaching-fixture";

const WIB = 7 * 3600_000;

function ymd(ms: number): string {
  return new Date(ms + WIB).toISOString().slice(0, 10);
}

async function main() {
  const [command, arg] = process.argv.slice(2);
  if (command === "setup") {
    const mouId = await createActiveMouWithCoaching(db, {
      partnerSlug: "hotel-taman-sari-batu",
      groupSlug: "kpm-melati-sisir",
      number: `E2E/${Date.now()}/MOU-KPM/COACHING`,
      coaching: [{ topic: "Higiene dan standar dapur hotel", sessionsCount: 4, frequency: "MONTHLY", firstDueDate: ymd(Date.now() - 3 * 86_400_000), hoursPerSession: 3 }],
    });
    const sessions = await db.coachingSession.findMany({ where: { commitment: { mouId } }, orderBy: { sequence: "asc" }, select: { id: true } });
    const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" }, select: { id: true, facilitator: { select: { email: true } } } });
    console.log(JSON.stringify({ mouId, sessionIds: sessions.map((s) => s.id), groupId: group.id, facilitatorEmail: group.facilitator!.email }));
  } else if (command === "held" && arg) {
    await db.coachingSession.update({ where: { id: arg }, data: { scheduledAt: new Date(Date.now() - 2 * 3600_000) } });
    console.log("{}");
  } else {
    throw new Error("usage: coaching-fixture.ts setup | held <sessionId>");
  }
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
