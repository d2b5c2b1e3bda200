import { redirect } from "@remix-run/node";
import { db } from "~/db/db.server";
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
 * Checks that `user` may do `action` on `entity` of the group `groupId` (scopes any / own / assigned).
 * Returns the audit actor; in assisted mode it names the group the facilitator acts for.
 */
export async function authorizeGroupAction(
  user: SessionUser,
  action: string,
  entity: string,
  groupId: string,
  request?: Request,
): Promise<Actor> {
  const scopes = scopesFor(user.role, action, entity);
  if (scopes.has("any")) return actorOf(user, request);
  if (scopes.has("own") && user.groupId === groupId) return actorOf(user, request);
  if (scopes.has("assigned")) {
    const group = await db.group.findFirst({ where: { id: groupId, facilitatorId: user.id }, select: { id: true } });
    if (group) return actorOf(user, request, groupId);
  }
  throw forbidden();
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
  }
}
