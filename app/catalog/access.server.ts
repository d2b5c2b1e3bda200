import type { Actor } from "~/auth/actor";
import { db, type DbClient } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { findGroupFor, groupScope } from "~/groups/access.server";

/**
 * Who may manage a group's products, in one place (decision 060): the group's chair, its assigned
 * facilitator (only the group acted for, in assisted mode) and an admin (`create|update:product`,
 * see app/permissions/permissions.ts). Dinas and partners reach no product through these lookups.
 * The public catalogue (app/catalog/public.server.ts) needs no actor.
 */
export type ProductAction = "create" | "update";

export function productGroupScope(actor: Actor, action: ProductAction = "update"): Prisma.GroupWhereInput {
  return groupScope(actor, action, "product");
}

/** Products the actor may manage, optionally only those of the group `groupId` (the group in the URL). */
export function productsManagedBy(actor: Actor, groupId?: string, action: ProductAction = "update"): Prisma.ProductWhereInput {
  return { ...(groupId ? { groupId } : {}), group: productGroupScope(actor, action) };
}

/** The group whose products the actor manages; null when it is outside the actor's scope. */
export function productGroupFor<S extends Prisma.GroupSelect>(actor: Actor, groupId: string, action: ProductAction, select: S, client: DbClient = db) {
  return findGroupFor(actor, groupId, action, "product", select, client);
}

/** The product `productId` if the actor may manage it (and, with `groupId`, it belongs to that group); null otherwise. */
export function productFor<S extends Prisma.ProductSelect>(actor: Actor, productId: string, groupId: string | undefined, select: S, client: DbClient = db) {
  return client.product.findFirst({ where: { AND: [{ id: productId }, productsManagedBy(actor, groupId)] }, select });
}
