/**
 * Demo seed: orders in every state, handover records (BAST) with some rejections, invoices numbered per
 * group and year, bank transfers (confirmed and waiting), cash payments, an overdue invoice, and standing
 * orders of the active MoUs found in the database (the MoU seed, when present, runs before this one).
 * Own PRNG, so the modules after this one are not affected.
 */
import type { OrderStatus, PrismaClient, ProductUnit } from "../../app/generated/prisma/client";
import type { MouContent, MouPaymentTerms } from "../../app/mou/content";
import { dueDateFor } from "../../app/payments/due-date";
import { groupTimeZone } from "../../app/time/office-zone.server";
import { addDays, groupCode, invoiceNumber } from "../../app/orders/numbers";
import type { SeedContext, SeededGroup, SeededPartner } from "./foundation";
import { chance, intBetween, mulberry32, pick, type RandomFn } from "./random";
import { dayKey, isoWeekday, startOfDay } from "../../app/time/calendar";

type Line = { productId: string | null; description: string; unit: ProductUnit; quantity: number; unitPrice: number };

type Spec = {
  status: OrderStatus;
  group: { id: string; slug: string };
  partnerId: string;
  lines: Line[];
  deliveryDate: Date;
  address: string;
  source: "CATALOGUE" | "STANDING";
  mouId?: string;
  periodKey?: string;
  netDays: number;
  /** the MoU's payment terms (standing orders); catalogue orders are NET_DAYS `netDays` */
  terms?: MouPaymentTerms;
  reason?: string;
  rejection?: boolean;
  pay?: "BANK_TRANSFER" | "CASH" | "PENDING_TRANSFER" | "NONE";
  createdById: string | null;
  receivedBy: string;
};

const REJECTION_REASONS = ["Kemasan sobek", "Beberapa kue penyok saat dikirim", "Tidak sesuai ukuran standar", "Warna tidak merata", "Kedaluwarsa lebih cepat"];
const DECLINE_REASONS = ["Kapasitas minggu ini sudah penuh", "Bahan baku (pisang raja) sedang langka", "Anggota sedang ikut pelatihan"];
const CANCEL_REASONS = ["Acara hotel dibatalkan", "Salah memasukkan tanggal", "Tamu rombongan batal datang"];
const RECEIVERS = ["Pak Slamet (gudang)", "Bu Wulan (pastry)", "Mas Agus (purchasing)", "Bu Endah (F&B)"];

function orderNumber(random: RandomFn, day: Date): string {
  const hex = Math.floor(random() * 0xffffff).toString(16).toUpperCase().padStart(6, "0");
  return `ORD-${dayKey(day).replaceAll("-", "").slice(2)}-${hex}`;
}

export async function seedOrders(db: PrismaClient, ctx: SeedContext): Promise<void> {
  const random = mulberry32(60_606);
  const today = ctx.today;
  const sequences = new Map<string, number>();

  const pending: Spec[] = [];
  const create = async (spec: Spec) => {
    pending.push(spec);
  };

  async function createNow(spec: Spec) {
    const placedAt = addDays(spec.deliveryDate, -intBetween(random, 2, 5));
    const total = spec.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
    const received = ["RECEIVED", "DISPUTED", "INVOICED", "PAID"].includes(spec.status);
    const shipped = received || spec.status === "SHIPPED";
    const lines = spec.lines.map((l) => {
      if (!received) return { ...l, acceptedQty: null as number | null, rejectedQty: null as number | null };
      const rejected = spec.rejection ? Math.max(1, Math.round(l.quantity * (0.02 + random() * 0.06))) : 0;
      return { ...l, acceptedQty: l.quantity - rejected, rejectedQty: rejected };
    });
    const order = await db.order.create({
      data: {
        number: orderNumber(random, placedAt),
        groupId: spec.group.id,
        partnerId: spec.partnerId,
        source: spec.source,
        mouId: spec.mouId ?? null,
        periodKey: spec.periodKey ?? null,
        status: spec.status,
        deliveryDate: spec.deliveryDate,
        deliveryAddress: spec.address,
        reason: spec.reason ?? null,
        totalRupiah: total,
        createdById: spec.createdById,
        createdAt: placedAt,
        lines: { create: lines.map((l) => ({ productId: l.productId, description: l.description, unit: l.unit, quantity: l.quantity, unitPrice: l.unitPrice, acceptedQty: l.acceptedQty, rejectedQty: l.rejectedQty })) },
      },
      include: { lines: true },
    });
    await db.auditEvent.create({
      data: { action: spec.source === "STANDING" ? "order.generate" : "order.place", entityType: "Order", entityId: order.id, at: placedAt, after: JSON.stringify({ status: "PLACED", totalRupiah: total }) },
    });
    if (!shipped) return order;
    const receivedAt = new Date(spec.deliveryDate.getTime() + intBetween(random, 6, 10) * 3600_000);
    await db.delivery.create({
      data: {
        orderId: order.id,
        shippedAt: new Date(spec.deliveryDate.getTime() + 5 * 3600_000),
        receivedAt: received ? receivedAt : null,
        receivedByName: received ? pick(random, RECEIVERS) : null,
        disputeDeadline: received ? new Date(receivedAt.getTime() + 48 * 3600_000) : null,
        disputedAt: spec.status === "DISPUTED" ? addDays(receivedAt, 1) : null,
        disputeReason: spec.status === "DISPUTED" ? "Jumlah yang ditolak terlalu banyak; kue dalam keadaan baik saat diserahkan." : null,
        lines: received
          ? {
              create: order.lines.map((l) => ({
                orderLineId: l.id,
                deliveredQty: l.quantity,
                acceptedQty: l.acceptedQty ?? l.quantity,
                rejectedQty: l.rejectedQty ?? 0,
                rejectionReason: l.rejectedQty ? pick(random, REJECTION_REASONS) : null,
              })),
            }
          : undefined,
      },
    });
    if (spec.status !== "INVOICED" && spec.status !== "PAID") return order;
    const issuedAt = addDays(receivedAt, 2);
    const year = Number(dayKey(issuedAt).slice(0, 4));
    const seqKey = `${spec.group.id}/${year}`;
    const sequence = (sequences.get(seqKey) ?? 0) + 1;
    sequences.set(seqKey, sequence);
    const amount = order.lines.reduce((s, l) => s + (l.acceptedQty ?? l.quantity) * l.unitPrice, 0);
    const paidAt = addDays(issuedAt, intBetween(random, 1, Math.max(1, spec.netDays)));
    const invoice = await db.invoice.create({
      data: {
        number: invoiceNumber(groupCode(spec.group.slug), year, sequence),
        groupId: spec.group.id,
        partnerId: spec.partnerId,
        orderId: order.id,
        year,
        sequence,
        amountRupiah: amount,
        issuedAt,
        // the app's own rule (decision 079): a calendar due day in the office's zone, stored as its last millisecond
        dueAt: dueDateFor(spec.terms ?? { kind: "NET_DAYS", netDays: spec.netDays }, { issuedAt, deliveryDate: spec.deliveryDate }, await groupTimeZone(db, spec.group.id)),
        status: spec.status === "PAID" ? "PAID" : "ISSUED",
        paidAt: spec.status === "PAID" ? paidAt : null,
      },
    });
    if (spec.status === "PAID") {
      const cash = spec.pay === "CASH";
      await db.payment.create({
        data: {
          invoiceId: invoice.id,
          method: cash ? "CASH" : "BANK_TRANSFER",
          amountRupiah: amount,
          status: "CONFIRMED",
          reference: cash ? null : `TRF${dayKey(paidAt).replaceAll("-", "")}${intBetween(random, 1000, 9999)}`,
          createdAt: paidAt,
          confirmedAt: paidAt,
        },
      });
    } else if (spec.pay === "PENDING_TRANSFER") {
      await db.payment.create({
        data: { invoiceId: invoice.id, method: "BANK_TRANSFER", amountRupiah: amount, status: "PENDING", reference: `TRF${dayKey(today).replaceAll("-", "")}${intBetween(random, 1000, 9999)}`, createdAt: today },
      });
    }
    return order;
  }

  const linesFor = (group: SeededGroup, count: number): Line[] => {
    const products = group.productSlugs.map((s) => ctx.products[s]).filter((p) => p && p.status === "ACTIVE");
    const chosen = [...new Set(Array.from({ length: count }, () => pick(random, products)))];
    return chosen.map((p) => ({
      productId: p!.id,
      description: p!.name,
      unit: p!.unit,
      quantity: Math.max(p!.minOrderQty, Math.min(p!.minOrderQty * intBetween(random, 1, 3), Math.floor(p!.weeklyCapacity / 7))),
      unitPrice: p!.priceRupiah,
    }));
  };

  const trading = Object.values(ctx.groups).filter((g) => g.verificationStatus === "VERIFIED" && g.active && g.productSlugs.some((s) => ctx.products[s]?.status === "ACTIVE"));
  const partners = Object.values(ctx.partners).filter((p) => p.verificationStatus === "VERIFIED");
  const demoGroup = ctx.groups[ctx.demoGroupSlug];
  const demoPartner = ctx.partners[ctx.demoPartnerSlug];

  // Catalogue orders of the demo pair: one in every state the catalogue flow reaches.
  const demoStates: [OrderStatus, number, Partial<Spec>][] = [
    ["PLACED", 3, {}],
    ["PLACED", 5, {}],
    ["ACCEPTED", 2, {}],
    ["IN_PRODUCTION", 1, {}],
    ["SHIPPED", 0, {}],
    ["RECEIVED", -1, { rejection: true }],
    ["DISPUTED", -2, { rejection: true, reason: "Jumlah yang ditolak terlalu banyak" }],
    ["INVOICED", -6, { pay: "PENDING_TRANSFER" }],
    ["INVOICED", -30, { rejection: true }], // overdue
    ["PAID", -12, { pay: "BANK_TRANSFER" }],
    ["PAID", -20, { pay: "CASH", rejection: true }],
    ["PAID", -45, { pay: "BANK_TRANSFER" }],
    ["DECLINED", -8, { reason: DECLINE_REASONS[0] }],
    ["CANCELLED", -4, { reason: CANCEL_REASONS[0] }],
  ];
  if (demoGroup && demoPartner) {
    for (const [status, offset, extra] of demoStates) {
      await create({
        status,
        group: demoGroup,
        partnerId: demoPartner.id,
        lines: linesFor(demoGroup, status === "PAID" ? 2 : 1),
        deliveryDate: startOfDay(dayKey(addDays(today, offset))),
        address: demoPartner.address,
        source: "CATALOGUE",
        netDays: 14,
        createdById: demoPartner.userIds[0] ?? null,
        receivedBy: "",
        ...extra,
      });
    }
  }

  // Other pairs: a believable spread of states over the last two months.
  const others = trading.filter((g) => g.slug !== ctx.demoGroupSlug).slice(0, 12);
  const spread: OrderStatus[] = ["PAID", "PAID", "PAID", "INVOICED", "RECEIVED", "ACCEPTED", "PLACED", "CANCELLED", "DECLINED", "SHIPPED", "IN_PRODUCTION"];
  for (const group of others) {
    const n = intBetween(random, 2, 5);
    for (let i = 0; i < n; i++) {
      const partner = pick(random, partners);
      const status = pick(random, spread);
      const offset = ["PLACED", "ACCEPTED", "IN_PRODUCTION"].includes(status) ? intBetween(random, 1, 6) : status === "SHIPPED" ? 0 : -intBetween(random, 1, 60);
      await create({
        status,
        group,
        partnerId: partner.id,
        lines: linesFor(group, intBetween(random, 1, 2)),
        deliveryDate: startOfDay(dayKey(addDays(today, offset))),
        address: partner.address,
        source: "CATALOGUE",
        netDays: pick(random, [0, 7, 14, 30]),
        reason: status === "CANCELLED" ? pick(random, CANCEL_REASONS) : status === "DECLINED" ? pick(random, DECLINE_REASONS) : undefined,
        rejection: chance(random, 0.3),
        pay: chance(random, 0.3) ? "CASH" : "BANK_TRANSFER",
        createdById: partner.staffUserId,
        receivedBy: "",
      });
    }
  }

  // Standing orders of active MoUs (read from the database: the MoU seed owns them).
  const mous = await db.mou.findMany({ where: { status: "ACTIVE" }, select: { id: true, partnerId: true, activeVersionId: true, currentVersionId: true } });
  for (const mou of mous) {
    const versionId = mou.activeVersionId ?? mou.currentVersionId;
    if (!versionId) continue;
    const version = await db.mouVersion.findUnique({ where: { id: versionId }, select: { content: true } });
    let content: MouContent;
    try {
      content = JSON.parse(version?.content ?? "") as MouContent;
    } catch {
      continue;
    }
    const items = content.scope?.items?.filter((i) => i.quantityPerDelivery > 0) ?? [];
    const groupIds = [...new Set(items.map((i) => i.groupId))];
    const groups = await db.group.findMany({ where: { id: { in: groupIds } }, select: { id: true, slug: true } });
    const netDays = content.payment?.kind === "NET_DAYS" ? content.payment.netDays : 0;
    const partner = Object.values(ctx.partners).find((p: SeededPartner) => p.id === mou.partnerId);
    for (let offset = -21; offset <= 7; offset++) {
      const day = dayKey(addDays(today, offset));
      if (day < content.period.startDate || day > content.period.endDate) continue;
      if (!content.scope.deliveryDays.includes(isoWeekday(day))) continue;
      for (const group of groups) {
        const periodKey = groups.length > 1 ? `${day}#${group.id}` : day;
        const status: OrderStatus =
          offset > 2 ? "PLACED" : offset > 0 ? (offset === 2 && chance(random, 0.3) ? "SKIPPED" : "ACCEPTED") : offset === 0 ? "SHIPPED" : offset >= -2 ? "RECEIVED" : offset >= -9 ? "INVOICED" : "PAID";
        await create({
          status,
          group,
          partnerId: mou.partnerId,
          lines: items.filter((i) => i.groupId === group.id).map((i) => ({ productId: i.productId, description: i.description, unit: i.unit, quantity: i.quantityPerDelivery, unitPrice: i.unitPrice })),
          deliveryDate: startOfDay(day),
          address: content.scope.deliveryAddress,
          source: "STANDING",
          mouId: mou.id,
          periodKey,
          netDays,
          terms: content.payment,
          reason: status === "SKIPPED" ? "Hotel tutup untuk renovasi dapur" : undefined,
          rejection: chance(random, 0.25),
          pay: "BANK_TRANSFER",
          createdById: null,
          receivedBy: partner?.staffName ?? "",
        });
      }
    }
  }

  // oldest first, so invoice numbers follow the issue dates
  pending.sort((a, b) => a.deliveryDate.getTime() - b.deliveryDate.getTime());
  for (const spec of pending) await createNow(spec);
}
