import type { AuditActor } from "~/auth/actor";
import type { DbClient } from "~/db/db.server";
import { dinasUserIds, groupUserIds, partnerUserIds } from "~/notifications/notify.server";
import { canonicalJson, contentHash } from "./canonical";
import type { MouContent } from "./content";
import { readMouContent } from "./stored-content";

/** Content of a stored version (or of one about to be stored); unreadable content throws, logged (decision 076). */
export function parseContent(text: string, versionId = "(new)"): MouContent {
  return readMouContent(text, versionId);
}

/** Everybody who should hear about an MoU: partner users, group users and their facilitators, Dinas. */
export async function mouPartyUserIds(client: DbClient, mouId: string): Promise<string[]> {
  const mou = await client.mou.findUnique({ where: { id: mouId }, select: { partnerId: true, dinasOfficeId: true, groups: { select: { groupId: true } } } });
  if (!mou) return [];
  const ids = [...(await partnerUserIds(client, mou.partnerId)), ...(await dinasUserIds(client, mou.dinasOfficeId))];
  for (const g of mou.groups) ids.push(...(await groupUserIds(client, g.groupId, true)));
  return [...new Set(ids)];
}

/** A new DRAFT version with `contentText`, which becomes the MoU's current version. */
export async function openNewVersion(tx: DbClient, actor: AuditActor, mouId: string, contentText: string, changeSummary?: string | null) {
  const last = await tx.mouVersion.findFirstOrThrow({ where: { mouId }, orderBy: { versionNumber: "desc" }, select: { versionNumber: true } });
  const content = parseContent(contentText);
  const version = await tx.mouVersion.create({
    data: {
      mouId,
      versionNumber: last.versionNumber + 1,
      status: "DRAFT",
      content: canonicalJson(content),
      contentHash: contentHash(content),
      changeSummary: changeSummary ?? null,
      createdById: actor.actorId,
    },
    select: { id: true, versionNumber: true },
  });
  await tx.mou.update({ where: { id: mouId }, data: { currentVersionId: version.id } });
  return version;
}

