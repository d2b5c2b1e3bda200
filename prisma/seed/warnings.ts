/**
 * Demo seed for the early warning "rising rejections" (issue 12, decision 084): one running KUBE whose
 * buyer, Hotel Taman Sari Batu, received a clean batch 45 days ago and then rejected a fifth of the last two
 * batches (20 and 8 days ago), so /dinas/warnings shows "Penolakan barang meningkat" for it. Catalogue
 * orders, received with handover records, invoiced and paid within the due day. Runs after "monitoring"
 * with its own fixed choices (no PRNG), so the earlier modules' data stays as it is.
 */
import type { PrismaClient, ProductUnit } from "../../app/generated/prisma/client";
import { canonicalJson, contentHash } from "../../app/mou/canonical";
import type { MouContent } from "../../app/mou/content";
import { readMouContent } from "../../app/mou/stored-content";
import { addDays, groupCode, invoiceNumber } from "../../app/orders/numbers";
import { addDays as addDayKeys, addYears, dayKey, startOfDay } from "../../app/time/calendar";
import type { SeedContext } from "./foundation";

export const REJECTING_GROUP = "KUBE Mandiri Sejahtera Junrejo";
export const REJECTING_PARTNER = "hotel-taman-sari-batu";

/** days before today, delivered quantity and rejected quantity of each batch */
const BATCHES: Batch[] = [
  { daysAgo: 45, quantity: 60, rejected: 0, reason: null },
  { daysAgo: 20, quantity: 60, rejected: 12, reason: "Kue keras, sudah lewat sehari dari produksi" },
  { daysAgo: 8, quantity: 60, rejected: 15, reason: "Kemasan penyok dan berembun" },
];

/**
 * "Orders stopped" (decision 126): Hotel Taman Sari Batu signed a second MoU, with KPM Anggrek Oro-Oro Ombo
 * (already partnered with the museum, so the study's 8 partnered KPM stay 8), 150 days ago, ordered from the
 * catalogue 110, 80 and 50 days ago and has not ordered since: the partnership's orders stopped. The MoU lists no
 * delivery days (no standing orders are generated for it); the orders are received, invoiced and paid.
 */
export const STOPPED_GROUP = "KPM Anggrek Oro-Oro Ombo";
export const STOPPED_PARTNER = "hotel-taman-sari-batu";
export const STOPPED_MOU_NUMBER = "008/MOU-KPM/DINSOS-BATU/2026";
const STOPPED_BATCHES: Batch[] = [
  { daysAgo: 110, quantity: 40, rejected: 0, reason: null },
  { daysAgo: 80, quantity: 40, rejected: 0, reason: null },
  { daysAgo: 50, quantity: 30, rejected: 0, reason: null },
];

type Batch = { daysAgo: number; quantity: number; rejected: number; reason: string | null };
type SeededGroup = SeedContext["groups"][string];
type SeededPartner = SeedContext["partners"][string];

export async function seedWarnings(db: PrismaClient, ctx: SeedContext): Promise<void> {
  const group = Object.values(ctx.groups).find((g) => g.name === REJECTING_GROUP);
  const partner = ctx.partners[REJECTING_PARTNER];
  if (!group || !partner) throw new Error(`seed: warnings — ${REJECTING_GROUP} or ${REJECTING_PARTNER} missing`);
  await tradeBatches(db, ctx, group, partner, BATCHES, "REJ");
  console.log(`seed: warnings — ${BATCHES.length} batches of ${REJECTING_GROUP} to ${partner.displayName} with rising rejections`);
  await seedOrdersStopped(db, ctx);
}

async function seedOrdersStopped(db: PrismaClient, ctx: SeedContext): Promise<void> {
  const group = Object.values(ctx.groups).find((g) => g.name === STOPPED_GROUP);
  const partner = ctx.partners[STOPPED_PARTNER];
  if (!group || !partner) throw new Error(`seed: warnings — ${STOPPED_GROUP} or ${STOPPED_PARTNER} missing`);
  // the content: the partner's party from its MoU with KPM Melati Sisir, the group's from its MoU with the museum
  const versionOf = async (where: object) => {
    const mou = await db.mou.findFirstOrThrow({ where: { status: "ACTIVE", activeVersionId: { not: null }, ...where }, select: { activeVersionId: true }, orderBy: { number: "asc" } });
    const version = await db.mouVersion.findUniqueOrThrow({ where: { id: mou.activeVersionId! }, select: { id: true, content: true } });
    return readMouContent(version.content, version.id);
  };
  const partnerContent = await versionOf({ partnerId: partner.id });
  const groupContent = await versionOf({ groups: { some: { groupId: group.id } } });
  const todayKey = dayKey(ctx.today);
  const start = addDayKeys(todayKey, -150);
  const end = addDayKeys(addYears(start, 1), -1);
  const content: MouContent = {
    ...partnerContent,
    title: `Nota Kesepahaman Kemitraan ${partner.displayName} dan ${group.name}`,
    parties: { ...partnerContent.parties, groups: groupContent.parties.groups },
    scope: { ...partnerContent.scope, items: [], deliveryDays: [] },
    coaching: [],
    period: { startDate: start, endDate: end },
  };
  const drafted = addDays(startOfDay(start), -14);
  const mou = await db.mou.create({
    data: {
      number: STOPPED_MOU_NUMBER,
      partnerId: partner.id,
      dinasOfficeId: (await db.group.findUniqueOrThrow({ where: { id: group.id }, select: { dinasOfficeId: true } })).dinasOfficeId,
      status: "ACTIVE",
      startDate: startOfDay(start),
      endDate: startOfDay(end),
      createdById: (await db.user.findFirstOrThrow({ where: { email: "dinas@bermitra.id" }, select: { id: true } })).id,
      createdAt: drafted,
      groups: { create: [{ groupId: group.id }] },
    },
  });
  const version = await db.mouVersion.create({
    data: { mouId: mou.id, versionNumber: 1, status: "SIGNED", content: canonicalJson(content), contentHash: contentHash(content), createdById: mou.createdById, createdAt: drafted },
  });
  await db.mou.update({ where: { id: mou.id }, data: { currentVersionId: version.id, activeVersionId: version.id } });
  await db.auditEvent.create({ data: { action: "mou.created", entityType: "Mou", entityId: mou.id, at: drafted, after: JSON.stringify({ number: mou.number, versionNumber: 1 }) } });
  await tradeBatches(db, ctx, group, partner, STOPPED_BATCHES, "STP");
  console.log(`seed: warnings — ${STOPPED_MOU_NUMBER}: ${partner.displayName} ordered from ${STOPPED_GROUP} ${STOPPED_BATCHES.length} times, the last ${STOPPED_BATCHES.at(-1)!.daysAgo} days ago (orders stopped)`);
}

/** Catalogue orders of a group to a partner, received with handover records, invoiced and paid within the due day. */
async function tradeBatches(db: PrismaClient, ctx: SeedContext, group: SeededGroup, partner: SeededPartner, batches: Batch[], tag: string): Promise<void> {
  const product = group.productSlugs.map((s) => ctx.products[s]).find((p) => p && p.status === "ACTIVE");
  if (!product) throw new Error(`seed: warnings — ${group.name} has no active product`);
  for (const [n, batch] of batches.entries()) {
    const deliveryDay = dayKey(addDays(ctx.today, -batch.daysAgo));
    const deliveryDate = startOfDay(deliveryDay);
    const placedAt = addDays(deliveryDate, -3);
    const accepted = batch.quantity - batch.rejected;
    const order = await db.order.create({
      data: {
        number: `ORD-${deliveryDay.replaceAll("-", "").slice(2)}-W${n}${tag}`,
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
}
