/**
 * E2E fixture for tests/e2e/orders.spec.ts, run with `npx tsx` against the e2e database (DATABASE_URL):
 * `setup` creates an ACTIVE MoU (Hotel Taman Sari Batu ↔ a verified group that has no MoU yet, 10 units of
 * one product every day, payment 7 days after invoice), then runs the standing-order job function
 * (generateStandingOrders, what the server's periodic job calls) and prints the first generated order.
 */
import { db } from "~/db/db.server";
import { addDays } from "~/orders/numbers";
import { generateStandingOrders } from "~/orders/standing.server";
import { dayKey } from "../../app/time/calendar";

async function main() {
  const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
  const group = await db.group.findFirstOrThrow({
    where: { verificationStatus: "VERIFIED", active: true, mouGroups: { none: {} }, products: { some: { status: "ACTIVE" } }, users: { some: {} } },
    orderBy: { slug: "asc" },
    include: { products: { where: { status: "ACTIVE" }, take: 1 }, users: { take: 1, select: { email: true } } },
  });
  const product = group.products[0]!;
  await db.product.update({ where: { id: product.id }, data: { weeklyCapacity: Math.max(product.weeklyCapacity, 1000) } });
  const admin = await db.user.findFirstOrThrow({ where: { role: "ADMIN" } });
  const now = new Date();
  const content = {
    title: "Nota Kesepahaman (uji e2e pesanan rutin)",
    scope: {
      items: [{ groupId: group.id, productId: product.id, description: product.name, unit: product.unit, quantityPerDelivery: 10, unitPrice: product.priceRupiah }],
      deliveryDays: [1, 2, 3, 4, 5, 6, 7],
      deliveryAddress: partner.address,
      qualityStandards: "Segar, dikemas rapi",
    },
    coaching: [],
    payment: { kind: "NET_DAYS", netDays: 7 },
    period: { startDate: dayKey(now), endDate: dayKey(addDays(now, 180)) },
  };
  const mou = await db.mou.create({
    data: {
      number: `E2E/${Date.now()}/MOU-KPM/ORDERS`,
      partnerId: partner.id,
      dinasOfficeId: partner.dinasOfficeId,
      status: "ACTIVE",
      startDate: now,
      endDate: addDays(now, 180),
      createdById: admin.id,
      groups: { create: [{ groupId: group.id }] },
    },
  });
  const version = await db.mouVersion.create({ data: { mouId: mou.id, versionNumber: 1, status: "SIGNED", content: JSON.stringify(content), contentHash: "e2e", createdById: admin.id } });
  await db.mou.update({ where: { id: mou.id }, data: { activeVersionId: version.id, currentVersionId: version.id } });
  await generateStandingOrders(now);
  const order = await db.order.findFirstOrThrow({ where: { mouId: mou.id }, orderBy: { deliveryDate: "asc" }, include: { lines: true } });
  console.log(
    JSON.stringify({
      mouId: mou.id,
      orderId: order.id,
      orderNumber: order.number,
      lineId: order.lines[0]!.id,
      quantity: order.lines[0]!.quantity,
      unitPrice: order.lines[0]!.unitPrice,
      groupEmail: group.users[0]!.email,
      generated: await db.order.count({ where: { mouId: mou.id } }),
    }),
  );
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
