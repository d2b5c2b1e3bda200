/**
 * Demo seed for Dinas monitoring (issue 12, decision 086): the trade that makes the studies' figures.
 *
 * A group is "active" on the overview when it had an order or a delivered coaching session in the last 90
 * days. The Kota Batu KUBE the register counts as running (36 of 53, as the study reports) sell their
 * products through the platform: each gets one to three catalogue orders from a partner of the office in
 * the last 80 days, received with a handover record, invoiced and mostly paid. The 17 stopped KUBE get none.
 * Runs after "orders" with its own PRNG, so the earlier modules' data stays as it is; invoice numbers continue
 * each group's sequence.
 */
import type { PrismaClient, ProductUnit } from "../../app/generated/prisma/client";
import { addDays, groupCode, invoiceNumber } from "../../app/orders/numbers";
import { DEFAULT_TERMS, dueDateFor } from "../../app/payments/due-date";
import { groupTimeZone } from "../../app/time/office-zone.server";
import { dayKey, startOfDay } from "../../app/time/calendar";
import type { SeedContext } from "./foundation";
import { chance, intBetween, mulberry32, pick } from "./random";

const RECEIVERS = ["Pak Slamet (gudang)", "Bu Wulan (pastry)", "Mas Agus (purchasing)", "Bu Endah (F&B)", "Pak Joko (toko)"];

export async function seedMonitoring(db: PrismaClient, ctx: SeedContext): Promise<void> {
  const random = mulberry32(90_909);
  const today = ctx.today;
  const running = Object.values(ctx.groups).filter((g) => g.type === "KUBE" && g.active && g.verificationStatus === "VERIFIED");
  // the buyers: verified partners, except the two the studies describe as signing without engaging (the theme
  // park and the transport museum stay "mitra pasif", decision 083)
  const PASSIVE = new Set(["Taman Rekreasi Gunung Panderman", "Museum Angkutan Nusantara"]);
  const partners = Object.values(ctx.partners).filter((p) => p.verificationStatus === "VERIFIED" && !PASSIVE.has(p.displayName));
  const sequences = new Map<string, number>();
  let orders = 0;
  let withoutProducts = 0;
  for (const [index, group] of running.entries()) {
    const products = group.productSlugs.map((s) => ctx.products[s]).filter((p) => p && p.status === "ACTIVE");
    if (!products.length) {
      withoutProducts++;
      continue;
    }
    const count = intBetween(random, 1, 3);
    for (let n = 0; n < count; n++) {
      const partner = pick(random, partners);
      const product = pick(random, products)!;
      const quantity = Math.max(product.minOrderQty, Math.min(product.minOrderQty * intBetween(random, 1, 4), Math.max(product.minOrderQty, Math.floor(product.weeklyCapacity / 2))));
      // the first order of each group falls within the last 80 days (index spreads them), later ones earlier still in the window
      const deliveryDay = dayKey(addDays(today, -(5 + ((index * 7 + n * 23) % 75))));
      const deliveryDate = startOfDay(deliveryDay);
      const placedAt = addDays(deliveryDate, -intBetween(random, 2, 5));
      const rejected = chance(random, 0.25) ? Math.max(1, Math.round(quantity * 0.03)) : 0;
      const issuedAt = addDays(new Date(deliveryDate.getTime() + 10 * 3_600_000), 2);
      const paidAt = addDays(issuedAt, intBetween(random, 1, 10));
      // paid when the transfer came in before today; otherwise still invoiced
      const paid = chance(random, 0.8) && paidAt.getTime() < today.getTime();
      const order = await db.order.create({
        data: {
          number: `ORD-${deliveryDay.replaceAll("-", "").slice(2)}-K${String(index).padStart(2, "0")}${n}${Math.floor(random() * 0xfff).toString(16).toUpperCase().padStart(3, "0")}`,
          groupId: group.id,
          partnerId: partner.id,
          source: "CATALOGUE",
          status: paid ? "PAID" : "INVOICED",
          deliveryDate,
          deliveryAddress: partner.address,
          totalRupiah: quantity * product.priceRupiah,
          createdById: partner.staffUserId,
          createdAt: placedAt,
          lines: { create: [{ productId: product.id, description: product.name, unit: product.unit as ProductUnit, quantity, unitPrice: product.priceRupiah, acceptedQty: quantity - rejected, rejectedQty: rejected }] },
        },
        include: { lines: true },
      });
      await db.auditEvent.create({ data: { action: "order.place", entityType: "Order", entityId: order.id, at: placedAt, after: JSON.stringify({ status: "PLACED", totalRupiah: order.totalRupiah }) } });
      const receivedAt = new Date(deliveryDate.getTime() + intBetween(random, 6, 10) * 3_600_000);
      await db.delivery.create({
        data: {
          orderId: order.id,
          shippedAt: new Date(deliveryDate.getTime() + 5 * 3_600_000),
          receivedAt,
          receivedByName: pick(random, RECEIVERS),
          disputeDeadline: new Date(receivedAt.getTime() + 48 * 3_600_000),
          lines: { create: order.lines.map((l) => ({ orderLineId: l.id, deliveredQty: l.quantity, acceptedQty: l.acceptedQty ?? l.quantity, rejectedQty: l.rejectedQty ?? 0, rejectionReason: l.rejectedQty ? "Kemasan rusak saat pengiriman" : null })) },
        },
      });
      const year = Number(dayKey(issuedAt).slice(0, 4));
      const key = `${group.id}/${year}`;
      if (!sequences.has(key)) sequences.set(key, (await db.invoice.aggregate({ where: { groupId: group.id, year }, _max: { sequence: true } }))._max.sequence ?? 0);
      const sequence = sequences.get(key)! + 1;
      sequences.set(key, sequence);
      const amount = (quantity - rejected) * product.priceRupiah;
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
          dueAt: dueDateFor(DEFAULT_TERMS, { issuedAt, deliveryDate: order.deliveryDate }, await groupTimeZone(db, group.id)),
          status: paid ? "PAID" : "ISSUED",
          paidAt: paid ? paidAt : null,
        },
      });
      if (paid) {
        await db.payment.create({ data: { invoiceId: invoice.id, method: chance(random, 0.4) ? "CASH" : "BANK_TRANSFER", amountRupiah: amount, status: "CONFIRMED", createdAt: paidAt, confirmedAt: paidAt } });
      }
      orders++;
    }
  }
  if (withoutProducts) throw new Error(`seed: monitoring — ${withoutProducts} running KUBE without an active product`);
  console.log(`seed: monitoring — ${orders} catalogue orders of ${running.length} running KUBE`);
}
