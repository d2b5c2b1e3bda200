import { recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/guard.server";
import type { DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import { groupUserIds, notifyUsers, partnerUserIds } from "~/notifications/notify.server";
import { newOrderNumber } from "./numbers";

/**
 * An accepted one-off offer becomes an order: one line at the offer's price × the accepted quantity
 * (or the offered quantity per period), for the group's product in the demand's category if it has one.
 * Call inside the transaction that accepts the offer. Idempotent: a second call returns the same order.
 */
export async function createOrderFromOffer(tx: DbClient, actor: Actor, offerId: string): Promise<{ id: string }> {
  const existing = await tx.order.findFirst({ where: { offerId, source: "OFFER" }, select: { id: true } });
  if (existing) return existing;
  const offer = await tx.offer.findUnique({
    where: { id: offerId },
    include: { demand: true, group: { select: { id: true, name: true } } },
  });
  if (!offer) throw new DomainError("errors:notFound");
  if (offer.status !== "ACCEPTED") throw new DomainError("orders:errors.offerNotAccepted");
  const quantity = offer.acceptedQuantity ?? offer.quantityPerPeriod;
  if (!Number.isInteger(quantity) || quantity <= 0) throw new DomainError("orders:errors.quantityInvalid");
  const product = await tx.product.findFirst({
    where: { groupId: offer.groupId, categoryId: offer.demand.categoryId, status: { not: "ARCHIVED" } },
    orderBy: [{ status: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, unit: true },
  });
  const totalRupiah = quantity * offer.pricePerUnit;
  const deliveryDate = offer.startDate > offer.demand.startDate ? offer.startDate : offer.demand.startDate;
  const order = await tx.order.create({
    data: {
      number: newOrderNumber(),
      groupId: offer.groupId,
      partnerId: offer.demand.partnerId,
      source: "OFFER",
      offerId: offer.id,
      status: "PLACED",
      deliveryDate,
      deliveryAddress: offer.demand.deliveryAddress,
      note: offer.demand.title,
      totalRupiah,
      createdById: actor.actorId,
      lines: {
        create: [
          {
            productId: product?.id ?? null,
            description: product?.name ?? offer.demand.title,
            unit: product?.unit ?? offer.demand.unit,
            quantity,
            unitPrice: offer.pricePerUnit,
          },
        ],
      },
    },
    select: { id: true, number: true },
  });
  await recordAudit(tx, actor, {
    action: "order.place",
    entityType: "Order",
    entityId: order.id,
    after: { status: "PLACED", source: "OFFER", offerId, totalRupiah },
  });
  await notifyUsers(tx, await groupUserIds(tx, offer.groupId), {
    kind: "orders:notify.placed",
    params: { number: order.number },
    link: `/orders/${order.id}`,
  });
  // the partner is told too: it is the party that accepted the offer, but other staff should see it
  await notifyUsers(tx, (await partnerUserIds(tx, offer.demand.partnerId)).filter((id) => id !== actor.actorId), {
    kind: "orders:notify.placed",
    params: { number: order.number },
    link: `/orders/${order.id}`,
    email: false,
  });
  return { id: order.id };
}
