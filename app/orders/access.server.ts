import { actorOf, authorizeGroupAction, forbidden, type Actor } from "~/auth/guard.server";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/db.server";
import type { OrderSide } from "./orders.server";

/**
 * Who the user is for an order or invoice of (groupId, partnerId): the group side (its accounts, or its
 * facilitator in assisted mode), the partner side, or Dinas/admin (read, confirm payments, cancel).
 * Anyone else gets 403.
 */
export async function sideFor(
  user: SessionUser,
  record: { groupId: string; partnerId: string },
  request: Request,
  action: "read" | "update" = "read",
): Promise<{ side: OrderSide; actor: Actor }> {
  if (user.role === "PARTNER") {
    if (user.partnerId !== record.partnerId) throw forbidden();
    return { side: "partner", actor: actorOf(user, request) };
  }
  if (user.role === "GROUP" || user.role === "FACILITATOR") {
    const actor = await authorizeGroupAction(user, action, "order", record.groupId, request);
    return { side: "group", actor };
  }
  if (user.role === "DINAS" || user.role === "ADMIN") {
    return { side: "dinas", actor: actorOf(user, request) };
  }
  throw forbidden();
}

/** The list scope of a user: own group, own partner, assigned groups (or one of them), or everything (Dinas). */
export async function listScopeFor(user: SessionUser, groupParam?: string | null): Promise<{ groupId?: string; groupIds?: string[]; partnerId?: string; groups?: { id: string; name: string }[] }> {
  switch (user.role) {
    case "GROUP":
      if (!user.groupId) throw forbidden();
      return { groupId: user.groupId };
    case "PARTNER":
      if (!user.partnerId) throw forbidden();
      return { partnerId: user.partnerId };
    case "FACILITATOR": {
      const groups = await db.group.findMany({ where: { facilitatorId: user.id }, select: { id: true, name: true }, orderBy: { name: "asc" } });
      const ids = groups.map((g) => g.id);
      if (groupParam) {
        if (!ids.includes(groupParam)) throw forbidden();
        return { groupId: groupParam, groups };
      }
      return { groupIds: ids, groups };
    }
    case "DINAS":
    case "ADMIN":
      return groupParam ? { groupId: groupParam } : {};
  }
}

/** The group whose own pages (production plan, ledger) the user may see: own group, or ?group= for facilitators and Dinas. */
export async function groupForPages(user: SessionUser, groupParam: string | null, request: Request): Promise<string> {
  if (user.role === "GROUP") {
    if (!user.groupId) throw forbidden();
    return user.groupId;
  }
  if (user.role === "FACILITATOR") {
    const groupId = groupParam ?? (await db.group.findFirst({ where: { facilitatorId: user.id }, select: { id: true }, orderBy: { name: "asc" } }))?.id;
    if (!groupId) throw forbidden();
    await authorizeGroupAction(user, "read", "order", groupId, request);
    return groupId;
  }
  if ((user.role === "DINAS" || user.role === "ADMIN") && groupParam) return groupParam;
  throw forbidden();
}

/** A facilitator's assigned groups (to switch between them on the plan and ledger pages); empty for others. */
export async function assignedGroups(user: SessionUser): Promise<{ id: string; name: string }[]> {
  if (user.role !== "FACILITATOR") return [];
  return db.group.findMany({ where: { facilitatorId: user.id }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
