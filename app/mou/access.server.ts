import { actorFromUser, NO_ROW, type Actor } from "~/auth/actor";
import type { SessionUser } from "~/auth/session.server";
import { forbidden, notFound } from "~/auth/guard.server";
import { db, type DbClient } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { roleHas } from "~/permissions/permissions";

/**
 * Who may see and who may manage an MoU, in one place (decision 060). Every lookup puts the scope in the
 * `where`; a record outside it is not found (404, no hint that it exists).
 *  - see: Dinas (its office) and admins; the partner's users; the users of each group that is a party and
 *    those groups' facilitator;
 *  - manage (draft, edit, review, send, withdraw, amend, terminate, renew): Dinas of the MoU's office, admins.
 * Signers who use an emailed link are authorised by the link's token (app/mou/signing.server.ts).
 */
export function mousVisibleTo(actor: Actor): Prisma.MouWhereInput {
  if (!roleHas(actor.role, "read:mou:any") && !roleHas(actor.role, "read:mou:own") && !roleHas(actor.role, "read:mou:assigned")) return NO_ROW;
  switch (actor.role) {
    case "ADMIN":
      return {};
    case "DINAS":
      return actor.dinasOfficeId ? { dinasOfficeId: actor.dinasOfficeId } : NO_ROW;
    case "PARTNER":
      return actor.partnerId ? { partnerId: actor.partnerId } : NO_ROW;
    case "GROUP":
      return actor.groupId ? { groups: { some: { groupId: actor.groupId } } } : NO_ROW;
    case "FACILITATOR":
      return { groups: { some: { group: { facilitatorId: actor.actorId } } } };
    case "PROVINCE":
      return NO_ROW;
  }
}

/** MoUs the actor manages: admins all, Dinas its own office's, nobody else any. */
export function mousManagedBy(actor: Actor): Prisma.MouWhereInput {
  if (!roleHas(actor.role, "review:mou:any")) return NO_ROW;
  if (actor.role === "ADMIN") return {};
  return actor.dinasOfficeId ? { dinasOfficeId: actor.dinasOfficeId } : NO_ROW;
}

/** The offices in which the actor may draft a new MoU: admins any, Dinas its own. */
export function draftingOfficesOf(actor: Actor): Prisma.DinasOfficeWhereInput {
  if (!roleHas(actor.role, "create:mou:any")) return NO_ROW;
  if (actor.role === "ADMIN") return {};
  return actor.dinasOfficeId ? { id: actor.dinasOfficeId } : NO_ROW;
}

/** Kept for routes that hold a session user: the same scope as `mousVisibleTo`. */
export function mouScopeWhere(user: Pick<SessionUser, "id" | "name" | "role" | "groupId" | "partnerId" | "dinasOfficeId">): Prisma.MouWhereInput {
  return mousVisibleTo(actorFromUser(user));
}

export function visibleMouFor<S extends Prisma.MouSelect>(actor: Actor, mouId: string, select: S, client: DbClient = db) {
  return client.mou.findFirst({ where: { AND: [{ id: mouId }, mousVisibleTo(actor)] }, select });
}

export function managedMouFor<S extends Prisma.MouSelect>(actor: Actor, mouId: string, select: S, client: DbClient = db) {
  return client.mou.findFirst({ where: { AND: [{ id: mouId }, mousManagedBy(actor)] }, select });
}

export async function canSeeMou(user: SessionUser, mouId: string, client: DbClient = db): Promise<boolean> {
  return !!(await visibleMouFor(actorFromUser(user), mouId, { id: true }, client));
}

/** Throws 404 unless the user is a party to the MoU (or Dinas of its office, or an admin). */
export async function requireMouAccess(user: SessionUser, mouId: string): Promise<void> {
  if (!(await canSeeMou(user, mouId))) throw notFound();
}

/** Dinas of the MoU's office (or an admin) manages it; others get 403 (no permission) or 404 (not theirs). */
export async function requireMouManager(user: SessionUser, mouId: string): Promise<void> {
  if (!roleHas(user.role, "review:mou:any")) throw forbidden();
  if (!(await managedMouFor(actorFromUser(user), mouId, { id: true }))) throw notFound();
}
