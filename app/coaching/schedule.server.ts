import type { AuditActor } from "~/auth/actor";
import { recordAudit } from "~/audit/audit.server";
import type { DbClient } from "~/db/db.server";
import type { MouContent } from "~/mou/content";
import { readMouContent } from "~/mou/stored-content";
import { coachingMachine } from "./coaching-machine";
import { sessionDueDates } from "./dates";
import { startOfDay } from "~/time/calendar";
import { mouTimeZone } from "~/time/office-zone.server";

/**
 * Turns the coaching commitments of an MoU's active version into CoachingCommitment rows and a schedule of
 * CoachingSession rows (status DUE): `sessionsCount` sessions from `firstDueDate` by `frequency`, for every
 * group of the MoU. When the MoU already has commitments (an amendment was signed), the schedule is
 * re-planned instead (see `replanCoachingForMou`). Idempotent.
 * Call it inside the transaction that activates the MoU or its new version.
 */
export async function activateCoachingForMou(tx: DbClient, actor: AuditActor | null, mouId: string): Promise<void> {
  const mou = await tx.mou.findUnique({
    where: { id: mouId },
    select: { id: true, partnerId: true, activeVersionId: true, groups: { select: { groupId: true } } },
  });
  if (!mou?.activeVersionId) return;
  const existing = await tx.coachingCommitment.count({ where: { mouId } });
  const version = await tx.mouVersion.findUnique({ where: { id: mou.activeVersionId }, select: { content: true } });
  if (!version) return;
  // Unreadable content fails the activation loudly instead of silently skipping coaching (decision 076).
  const content: MouContent = readMouContent(version.content, mou.activeVersionId);
  const commitments = content.coaching;
  // Groups: the MoU's groups; fall back to the parties named in the content.
  let groupIds = mou.groups.map((g) => g.groupId);
  if (groupIds.length === 0) groupIds = (content.parties?.groups ?? []).map((g) => g.id);
  if (existing > 0) {
    await replanCoachingForMou(tx, actor, { mouId, partnerId: mou.partnerId, groupIds, commitments });
    return;
  }
  if (commitments.length === 0 || groupIds.length === 0) return;
  // due days are calendar days of the MoU's office (WIB, WITA or WIT), decision 104
  const zone = await mouTimeZone(tx, mouId);

  for (const item of commitments) {
    const sessionsCount = Math.max(0, Math.floor(Number(item.sessionsCount) || 0));
    if (!item.topic || sessionsCount === 0 || !item.firstDueDate) continue;
    const firstDueDate = startOfDay(item.firstDueDate, zone);
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
    const dueDates = sessionDueDates(firstDueDate, item.frequency, sessionsCount, zone);
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

const AMENDMENT_REASON = "Diubah oleh amandemen MoU / changed by an MoU amendment";

/**
 * After an amendment: commitments are matched by topic. Sessions already acted on (scheduled, delivered,
 * missed, cancelled) are history and stay as they are; sessions still DUE follow the new plan (new due
 * dates and hours, extra sessions added, surplus ones cancelled); commitments dropped by the amendment
 * have their DUE sessions cancelled; new commitments get a fresh schedule. Every change is audited.
 */
export async function replanCoachingForMou(
  tx: DbClient,
  actor: AuditActor | null,
  input: { mouId: string; partnerId: string; groupIds: string[]; commitments: MouContent["coaching"] },
): Promise<void> {
  const { mouId, partnerId, groupIds } = input;
  const existing = await tx.coachingCommitment.findMany({
    where: { mouId },
    include: { sessions: { select: { id: true, groupId: true, sequence: true, status: true, dueDate: true, hours: true } } },
  });
  const byTopic = new Map(existing.map((c) => [c.topic.trim().toLowerCase(), c]));
  const zone = await mouTimeZone(tx, mouId);
  const kept = new Set<string>();

  for (const item of input.commitments) {
    const sessionsCount = Math.max(0, Math.floor(Number(item.sessionsCount) || 0));
    if (!item.topic || sessionsCount === 0 || !item.firstDueDate) continue;
    const firstDueDate = startOfDay(item.firstDueDate, zone);
    const hours = Math.max(1, Math.floor(Number(item.hoursPerSession) || 1));
    const dueDates = sessionDueDates(firstDueDate, item.frequency, sessionsCount, zone);
    const current = byTopic.get(item.topic.trim().toLowerCase());
    const commitment = current
      ? await tx.coachingCommitment.update({
          where: { id: current.id },
          data: { sessionsCount, frequency: item.frequency, firstDueDate, hoursPerSession: hours },
        })
      : await tx.coachingCommitment.create({
          data: { mouId, topic: item.topic, sessionsCount, frequency: item.frequency, firstDueDate, hoursPerSession: hours },
        });
    kept.add(commitment.id);
    const sessions = current?.sessions ?? [];
    let changed = 0;
    for (const groupId of groupIds) {
      for (let i = 0; i < dueDates.length; i++) {
        const session = sessions.find((x) => x.groupId === groupId && x.sequence === i + 1);
        if (!session) {
          await tx.coachingSession.create({
            data: { commitmentId: commitment.id, groupId, partnerId, sequence: i + 1, topic: item.topic, dueDate: dueDates[i], hours, status: "DUE" },
          });
          changed++;
        } else if (session.status === "DUE" && (session.dueDate.getTime() !== dueDates[i].getTime() || session.hours !== hours)) {
          await tx.coachingSession.updateMany({ where: { id: session.id, status: "DUE" }, data: { dueDate: dueDates[i], hours, topic: item.topic } });
          changed++;
        }
      }
      for (const surplus of sessions.filter((x) => x.groupId === groupId && x.sequence > dueDates.length && x.status === "DUE")) {
        await tx.coachingSession.updateMany({
          where: { id: surplus.id, status: "DUE" },
          data: { status: coachingMachine.apply("DUE", "cancel", AMENDMENT_REASON), cancelReason: AMENDMENT_REASON },
        });
        changed++;
      }
    }
    if (!current || changed > 0) {
      await recordAudit(tx, actor, {
        action: current ? "coaching.commitment.replanned" : "coaching.commitment.created",
        entityType: "CoachingCommitment",
        entityId: commitment.id,
        before: current ? { sessionsCount: current.sessionsCount, frequency: current.frequency, firstDueDate: current.firstDueDate, hoursPerSession: current.hoursPerSession } : undefined,
        after: { mouId, topic: item.topic, sessionsCount, frequency: item.frequency, firstDueDate: item.firstDueDate, hoursPerSession: hours, sessionsChanged: changed },
      });
    }
  }

  for (const dropped of existing.filter((c) => !kept.has(c.id))) {
    const open = dropped.sessions.filter((x) => x.status === "DUE");
    if (open.length === 0) continue;
    await tx.coachingSession.updateMany({
      where: { id: { in: open.map((x) => x.id) }, status: "DUE" },
      data: { status: coachingMachine.apply("DUE", "cancel", AMENDMENT_REASON), cancelReason: AMENDMENT_REASON },
    });
    await recordAudit(tx, actor, {
      action: "coaching.commitment.dropped",
      entityType: "CoachingCommitment",
      entityId: dropped.id,
      after: { mouId, topic: dropped.topic, sessionsCancelled: open.length },
      reason: AMENDMENT_REASON,
    });
  }
}
