import { groupTasks, partnerTasks } from "~/dashboard/tasks.server";
import { db } from "~/db/db.server";

async function demo() {
  const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" } });
  const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
  const chair = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
  const gm = await db.user.findUniqueOrThrow({ where: { email: "mitra@bermitra.id" } });
  const product = await db.product.findFirstOrThrow({ where: { groupId: group.id, status: "ACTIVE" } });
  return { group, partner, chair, gm, product };
}

function count(tasks: { key: string; count: number }[], key: string) {
  return tasks.find((t) => t.key === key)?.count ?? 0;
}

describe("home to-do lists", () => {
  it("counts a new order for the group and a shipped one for the partner, and lists only what is waiting", async () => {
    const { group, partner, chair, gm, product } = await demo();
    const other = await db.partner.findFirstOrThrow({ where: { verificationStatus: "VERIFIED", NOT: { id: partner.id } } });
    const staff = await db.user.findFirstOrThrow({ where: { partnerId: other.id } });
    const beforeGroup = await groupTasks(group.id, chair.id);
    const beforePartner = await partnerTasks(partner.id, gm.id);
    const beforeOther = await partnerTasks(other.id, staff.id);
    expect(beforeGroup.every((t) => t.count > 0)).toBe(true);
    const line = { description: product.name, unit: product.unit, quantity: 50, unitPrice: product.priceRupiah, productId: product.id };
    for (const [status, n] of [["PLACED", 1], ["SHIPPED", 2]] as const) {
      await db.order.create({
        data: {
          number: `TEST-${status}-${n}`,
          groupId: group.id,
          partnerId: partner.id,
          source: "CATALOGUE",
          status,
          deliveryDate: new Date(),
          deliveryAddress: "Jl. Oro-Oro Ombo 12",
          totalRupiah: 50 * product.priceRupiah,
          lines: { create: line },
        },
      });
    }
    const afterGroup = await groupTasks(group.id, chair.id);
    const afterPartner = await partnerTasks(partner.id, gm.id);
    expect(count(afterGroup, "tasks:group.ordersToAccept")).toBe(count(beforeGroup, "tasks:group.ordersToAccept") + 1);
    expect(count(afterPartner, "tasks:partner.ordersToReceive")).toBe(count(beforePartner, "tasks:partner.ordersToReceive") + 1);
    // another partner sees none of the hotel's work
    expect(count(await partnerTasks(other.id, staff.id), "tasks:partner.ordersToReceive")).toBe(count(beforeOther, "tasks:partner.ordersToReceive"));
  });

  it("shows MoUs waiting for the signer's own signature only", async () => {
    const { gm, partner } = await demo();
    const waiting = await db.mouSigner.count({ where: { userId: gm.id, status: "NOTIFIED", version: { status: "OUT_FOR_SIGNATURE" } } });
    expect(count(await partnerTasks(partner.id, gm.id), "tasks:partner.mousToSign")).toBe(waiting);
    const colleague = await db.user.findFirstOrThrow({ where: { partnerId: partner.id, NOT: { id: gm.id } } });
    const theirs = await db.mouSigner.count({ where: { userId: colleague.id, status: "NOTIFIED" } });
    expect(count(await partnerTasks(partner.id, colleague.id), "tasks:partner.mousToSign")).toBe(theirs);
  });
});
