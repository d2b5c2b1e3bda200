import type { Actor } from "~/auth/guard.server";
import { recordAudit } from "~/audit/audit.server";
import type { DbClient } from "~/db/db.server";
import type { MouContent } from "~/mou/content";
import { sessionDueDates, wibMidnight } from "./dates";

/**
 * Turns the coaching commitments of an MoU's active version into CoachingCommitment rows and a schedule of
 * CoachingSession rows (status DUE): `sessionsCount` sessions from `firstDueDate` by `frequency`, for every
 * group of the MoU. Idempotent: an MoU that already has commitments is left as it is.
 * Call it inside the transaction that activates the MoU.
 */
export async function activateCoachingForMou(tx: DbClient, actor: Actor | null, mouId: string): Promise<void> {
  const mou = await tx.mou.findUnique({
    where: { id: mouId },
    select: { id: true, partnerId: true, activeVersionId: true, groups: { select: { groupId: true } } },
  });
  if (!mou?.activeVersionId) return;
  const existing = await tx.coachingCommitment.count({ where: { mouId } });
  if (existing > 0) return;
  const version = await tx.mouVersion.findUnique({ where: { id: mou.activeVersionId }, select: { content: true } });
  if (!version) return;
  let content: Partial<MouContent>;
  try {
    content = JSON.parse(version.content) as Partial<MouContent>;
  } catch {
    return;
  }
  const commitments = Array.isArray(content.coaching) ? content.coaching : [];
  // Groups: the MoU's groups; fall back to the parties named in the content.
  let groupIds = mou.groups.map((g) => g.groupId);
  if (groupIds.length === 0) groupIds = (content.parties?.groups ?? []).map((g) => g.id);
  if (commitments.length === 0 || groupIds.length === 0) return;

  for (const item of commitments) {
    const sessionsCount = Math.max(0, Math.floor(Number(item.sessionsCount) || 0));
    if (!item.topic || sessionsCount === 0 || !item.firstDueDate) continue;
    const firstDueDate = wibMidnight(item.firstDueDate);
    const hours = Math.max(1, Math.floor(Number(item.hoursPerSession) || 1));
    const commitment = await tx.coachingCommitment.create({
      data: {
        mouId,
        topic: item.topic,
        sessionsCount,
        frequency: item.frequency,
        firstDueDate,
        hoursPerSession: hours,
      },
    });
    const dueDates = sessionDueDates(firstDueDate, item.frequency, sessionsCount);
    for (const groupId of groupIds) {
      for (let i = 0; i < dueDates.length; i++) {
        await tx.coachingSession.create({
          data: {
            commitmentId: commitment.id,
            groupId,
            partnerId: mou.partnerId,
            sequence: i + 1,
            topic: item.topic,
            dueDate: dueDates[i],
            hours,
            status: "DUE",
          },
        });
      }
    }
    await recordAudit(tx, actor, {
      action: "coaching.commitment.created",
      entityType: "CoachingCommitment",
      entityId: commitment.id,
      after: {
        mouId,
        topic: item.topic,
        sessionsCount,
        frequency: item.frequency,
        firstDueDate: item.firstDueDate,
        groups: groupIds.length,
      },
    });
  }
}
