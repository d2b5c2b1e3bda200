import { containsIgnoringCase } from "~/db/text-filters";
import { officesOverseenBy, type Actor } from "~/auth/actor";
import { db } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { groupScope } from "./access.server";

export const GROUP_DIRECTORY_PAGE_SIZE = 25;

export type GroupDirectoryFilter = { q: string; type: string | null; kecamatanId: string | null; page: number };

/**
 * The Dinas list of groups: only groups the actor may read (`read:group`: ADMIN all, DINAS its own office),
 * and only its office's kecamatan as filter choices.
 */
export async function groupDirectory(actor: Actor, filter: GroupDirectoryFilter) {
  const where: Prisma.GroupWhereInput = {
    AND: [
      groupScope(actor, "read", "group"),
      filter.q ? { name: containsIgnoringCase(filter.q) } : {},
      filter.type === "KPM" || filter.type === "KUBE" ? { type: filter.type } : {},
      filter.kecamatanId ? { kecamatanId: filter.kecamatanId } : {},
    ],
  };
  const [groups, total, kecamatans] = await Promise.all([
    db.group.findMany({
      where,
      orderBy: [{ type: "asc" }, { name: "asc" }],
      skip: (filter.page - 1) * GROUP_DIRECTORY_PAGE_SIZE,
      take: GROUP_DIRECTORY_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        type: true,
        active: true,
        verificationStatus: true,
        kecamatan: { select: { name: true } },
        village: { select: { name: true } },
        facilitator: { select: { name: true } },
      },
    }),
    db.group.count({ where }),
    db.kecamatan.findMany({ where: { dinasOffice: officesOverseenBy(actor) }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { groups, total, pages: Math.max(1, Math.ceil(total / GROUP_DIRECTORY_PAGE_SIZE)), kecamatans };
}
