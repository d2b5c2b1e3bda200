import { partnersSpokenForBy, type Actor } from "~/auth/actor";
import { db } from "~/db/db.server";

/**
 * What the partner's catalogue order form shows (decision 060): the group named by a product slug or a
 * group id/slug with its active products (public catalogue data), and the acting partner's own address,
 * loaded through the partner-side scope. Null when the group is not found or the actor speaks for no partner.
 */
export async function catalogueOrderForm(actor: Actor, key: { productSlug: string | null; groupKey: string | null }) {
  const partner = await db.partner.findFirst({ where: partnersSpokenForBy(actor), select: { id: true, address: true } });
  if (!partner) return null;
  let groupId: string | null = null;
  if (key.productSlug) {
    groupId = (await db.product.findUnique({ where: { slug: key.productSlug }, select: { groupId: true } }))?.groupId ?? null;
  } else if (key.groupKey) {
    groupId = (await db.group.findFirst({ where: { OR: [{ id: key.groupKey }, { slug: key.groupKey }] }, select: { id: true } }))?.id ?? null;
  }
  if (!groupId) return null;
  const group = await db.group.findUnique({
    where: { id: groupId },
    select: {
      id: true,
      name: true,
      products: { where: { status: "ACTIVE" }, orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, unit: true, priceRupiah: true, minOrderQty: true, leadTimeDays: true } },
    },
  });
  if (!group) return null;
  return { group, defaultAddress: partner.address ?? "" };
}
