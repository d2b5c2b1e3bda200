/**
 * Demo seed for the early warning "rising rejections" (issue 12, decision 084): one running KUBE whose
 * buyer, Hotel Taman Sari Batu, received a clean batch 45 days ago and then rejected a fifth of the last two
 * batches (20 and 8 days ago), so /dinas/warnings shows "Penolakan barang meningkat" for it. Catalogue
 * orders, received with handover records, invoiced and paid within the due day. Runs after "monitoring"
 * with its own fixed choices (no PRNG), so the earlier modules' data stays as it is.
 */
import type { PrismaClient, ProductUnit } from "../../app/generated/prisma/client";
import { addDays, groupCode, invoiceNumber } from "../../app/orders/numbers";
import { dayKey, startOfDay } from "../../app/time/calendar";
import type { SeedContext } from "./foundation";

export const REJECTING_GROUP = "KUBE Mandiri Sejahtera Junrejo";
export const REJECTING_PARTNER = "hotel-taman-sari-batu";

/** days before today, delivered quantity and rejected quantity of each batch */
const BATCHES: { daysAgo: number; quantity: number; rejected: number; reason: string | null }[] = [
  { daysAgo: 45, quantity: 60, rejected: 0, reason: null },
  { daysAgo: 20, quantity: 60, rejected: 12, reason: "Kue keras, sudah lewat sehari dari produksi" },
  { daysAgo: 8, quantity: 60, rejected: 15, reason: "Kemasan penyok dan berembun" },
];

export async function seedWarnings(db: PrismaClient, ctx: SeedContext): Promise<void> {
  const group = Object.values(ctx.groups).find((g) => g.name === REJECTING_GROUP);
  const partner = ctx.partners[REJECTING_PARTNER];
  if (!group || !partner) throw new Error(`seed: warnings — ${REJECTING_GROUP} or ${REJECTING_PARTNER} missing`);
  const product = group.productSlugs.map((s) => ctx.products[s]).find((p) => p && p.status === "ACTIVE");
  if (!product) throw new Error(`seed: warnings — ${REJECTING_GROUP} has no active product`);
  for (const [n, batch] of BATCHES.entries()) {
    const deliveryDay = dayKey(addDays(ctx.today, -batch.daysAgo));
    const deliveryDate = startOfDay(deliveryDay);
    const placedAt = addDays(deliveryDate, -3);
    const accepted = batch.quantity - batch.rejected;
    const order = await db.order.create({
      data: {
        number: `ORD-${deliveryDay.replaceAll("-", "").slice(2)}-W${n}REJ`,
        groupId: group.id,
        partnerId: partner.id,
        source: "CATALOGUE",
        status: "PAID",
        deliveryDate,
        deliveryAddress: partner.address,
        totalRupiah: batch.quantity * product.priceRupiah,
        createdById: partner.staffUserId,
        createdAt: placedAt,
        lines: { create: [{ productId: product.id, description: product.name, unit: product.unit as ProductUnit, quantity: batch.quantity, unitPrice: product.priceRupiah, acceptedQty: accepted, rejectedQty: batch.rejected }] },
      },
      include: { lines: true },
    });
    await db.auditEvent.create({ data: { action: "order.place", entityType: "Order", entityId: order.id, at: placedAt, after: JSON.stringify({ status: "PLACED", totalRupiah: order.totalRupiah }) } });
    const receivedAt = new Date(deliveryDate.getTime() + 8 * 3_600_000);
    await db.delivery.create({
      data: {
        orderId: order.id,
        shippedAt: new Date(deliveryDate.getTime() + 5 * 3_600_000),
        receivedAt,
        receivedByName: "Bu Wulan (pastry)",
        disputeDeadline: new Date(receivedAt.getTime() + 48 * 3_600_000),
        lines: { create: order.lines.map((l) => ({ orderLineId: l.id, deliveredQty: l.quantity, acceptedQty: accepted, rejectedQty: batch.rejected, rejectionReason: batch.reason })) },
      },
    });
    const issuedAt = addDays(receivedAt, 1);
    const paidAt = addDays(issuedAt, 3);
    const year = Number(dayKey(issuedAt).slice(0, 4));
    const sequence = ((await db.invoice.aggregate({ where: { groupId: group.id, year }, _max: { sequence: true } }))._max.sequence ?? 0) + 1;
    const amount = accepted * product.priceRupiah;
    const invoice = await db.invoice.create({
      data: {
        number: invoiceNumber(groupCode(group.slug), year, sequence),
        groupId: group.id,
        partnerId: partner.id,
        orderId: order.id,
        year,
        sequence,
        amountRupiah: amount,
        issuedAt,
        dueAt: addDays(issuedAt, 14),
        status: "PAID",
        paidAt,
      },
    });
    await db.payment.create({ data: { invoiceId: invoice.id, method: "BANK_TRANSFER", amountRupiah: amount, status: "CONFIRMED", createdAt: paidAt, confirmedAt: paidAt } });
  }
  console.log(`seed: warnings — ${BATCHES.length} batches of ${REJECTING_GROUP} to ${partner.displayName} with rising rejections`);
}
