import { activateCoachingForMou } from "~/coaching/schedule.server";
import { db } from "~/db/db.server";
import type { MouContent } from "~/mou/content";
import { createActiveMouWithCoaching } from "../helpers/coaching-fixture";

/** Signs a new version of the MoU with the given coaching list, as an amendment would. */
async function amend(mouId: string, coaching: MouContent["coaching"]) {
  const mou = await db.mou.findUniqueOrThrow({ where: { id: mouId }, include: { versions: { orderBy: { versionNumber: "desc" }, take: 1 } } });
  const previous = mou.versions[0]!;
  const content = { ...(JSON.parse(previous.content) as MouContent), coaching };
  const version = await db.mouVersion.create({
    data: { mouId, versionNumber: previous.versionNumber + 1, status: "SIGNED", content: JSON.stringify(content), contentHash: "amended", createdById: previous.createdById },
  });
  await db.mouVersion.update({ where: { id: previous.id }, data: { status: "SUPERSEDED" } });
  await db.mou.update({ where: { id: mouId }, data: { activeVersionId: version.id, currentVersionId: version.id } });
  await activateCoachingForMou(db, null, mouId);
}

describe("coaching after an MoU amendment", () => {
  it("keeps sessions already acted on, moves and trims the ones still due, drops removed commitments, adds new ones", async () => {
    const mouId = await createActiveMouWithCoaching(db, {
      partnerSlug: "hotel-taman-sari-batu",
      groupSlug: "kpm-melati-sisir",
      coaching: [
        { topic: "Standar kebersihan dapur", sessionsCount: 4, frequency: "MONTHLY", firstDueDate: "2027-01-10", hoursPerSession: 3 },
        { topic: "Pengemasan", sessionsCount: 2, frequency: "MONTHLY", firstDueDate: "2027-01-20", hoursPerSession: 2 },
      ],
    });
    const first = await db.coachingSession.findFirstOrThrow({ where: { commitment: { mouId, topic: "Standar kebersihan dapur" }, sequence: 1 } });
    await db.coachingSession.update({ where: { id: first.id }, data: { status: "SCHEDULED", scheduledAt: new Date("2027-01-08T02:00:00Z"), place: "Dapur hotel" } });

    await amend(mouId, [
      { topic: "Standar kebersihan dapur", sessionsCount: 2, frequency: "MONTHLY", firstDueDate: "2027-02-01", hoursPerSession: 4 },
      { topic: "Pembukuan sederhana", sessionsCount: 3, frequency: "QUARTERLY", firstDueDate: "2027-03-01", hoursPerSession: 2 },
    ]);

    const hygiene = await db.coachingSession.findMany({ where: { commitment: { mouId, topic: "Standar kebersihan dapur" } }, orderBy: { sequence: "asc" } });
    expect(hygiene.map((s) => s.status)).toEqual(["SCHEDULED", "DUE", "CANCELLED", "CANCELLED"]);
    expect(hygiene[0]!.place).toBe("Dapur hotel");
    expect(hygiene[1]!.dueDate.toISOString()).toBe("2027-02-28T17:00:00.000Z");
    expect(hygiene[1]!.hours).toBe(4);
    const packaging = await db.coachingSession.findMany({ where: { commitment: { mouId, topic: "Pengemasan" } } });
    expect(packaging.every((s) => s.status === "CANCELLED" && s.cancelReason)).toBe(true);
    expect(await db.coachingSession.count({ where: { commitment: { mouId, topic: "Pembukuan sederhana" }, status: "DUE" } })).toBe(3);
    const actions = (await db.auditEvent.findMany({ where: { entityType: "CoachingCommitment", action: { startsWith: "coaching.commitment." } }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["coaching.commitment.replanned", "coaching.commitment.dropped"]));

    // Signing the same plan again changes nothing.
    const before = await db.coachingSession.count({ where: { commitment: { mouId } } });
    await activateCoachingForMou(db, null, mouId);
    expect(await db.coachingSession.count({ where: { commitment: { mouId } } })).toBe(before);
  });
});
