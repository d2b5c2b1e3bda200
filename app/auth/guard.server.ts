import { redirect } from "@remix-run/node";
import { findGroupFor } from "~/groups/access.server";
import { roleHas, scopesFor, type Permission } from "~/permissions/permissions";
import { actorFromUser, type Actor } from "./actor";
import { clientIp } from "~/http/client-ip";
import { loadSessionUser, type SessionUser } from "./session.server";

export type { Actor, AuditActor } from "./actor";

export function forbidden(reasonKey = "errors:forbidden"): Response {
  return new Response(reasonKey, { status: 403, statusText: "Forbidden" });
}

export function notFound(): Response {
  return new Response("errors:notFound", { status: 404, statusText: "Not Found" });
}

/** The client's address (X-Forwarded-For only behind TRUST_PROXY): see ~/http/client-ip. */
export { clientIp } from "~/http/client-ip";

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  return (await loadSessionUser(request))?.user ?? null;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  return user;
}

export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roleHas(user.role, permission)) throw forbidden();
  return user;
}

export function actorOf(user: SessionUser, request?: Request, actingForGroupId?: string | null): Actor {
  return actorFromUser(user, { actingForGroupId, ip: request ? clientIp(request) : null });
}

/**
 * Checks that `user` may do `action` on `entity` of the group `groupId`, through the group scope of
 * app/groups/access.server.ts (ADMIN any, DINAS its office's groups, the assigned facilitator, the group).
 * Returns the actor; in assisted mode it names the group the facilitator acts for.
 */
export async function authorizeGroupAction(
  user: SessionUser,
  action: string,
  entity: string,
  groupId: string,
  request?: Request,
): Promise<Actor> {
  const base = actorOf(user, request);
  const group = await findGroupFor(base, groupId, action, entity, { id: true, facilitatorId: true });
  if (!group) throw forbidden();
  return user.role === "FACILITATOR" && group.facilitatorId === user.id ? actorOf(user, request, groupId) : base;
}

/** Same for a partner's records: scopes any / own. */
export function authorizePartnerAction(
  user: SessionUser,
  action: string,
  entity: string,
  partnerId: string,
  request?: Request,
): Actor {
  const scopes = scopesFor(user.role, action, entity);
  if (scopes.has("any")) return actorOf(user, request);
  if (scopes.has("own") && user.partnerId === partnerId) return actorOf(user, request);
  throw forbidden();
}

/** Groups and partners that are not verified by Dinas cannot trade (post demand, offer, order, sign). */
export function requireVerifiedTrader(user: SessionUser): void {
  if (user.role === "GROUP" && user.group?.verificationStatus !== "VERIFIED") throw forbidden("errors:notVerified");
  if (user.role === "PARTNER" && user.partner?.verificationStatus !== "VERIFIED") throw forbidden("errors:notVerified");
}

/** The home page of each role. */
export function homePathFor(role: SessionUser["role"]): string {
  switch (role) {
    case "ADMIN":
      return "/admin";
    case "DINAS":
      return "/dinas";
    case "FACILITATOR":
      return "/facilitator";
    case "GROUP":
      return "/group";
    case "PARTNER":
      return "/partner";
    case "PROVINCE":
      return "/dinas/monitoring";
  }
}
