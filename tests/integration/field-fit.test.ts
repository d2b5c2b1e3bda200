import { readFileSync } from "node:fs";
import { db } from "~/db/db.server";
import { navFor, NAV_BY_ROLE } from "~/components/nav";
import { validateReceiptLine } from "~/orders/delivery.server";
import { addDays } from "~/orders/numbers";
import { dayKey, startOfDay } from "~/time/calendar";
import { placeCatalogueOrder } from "~/orders/orders.server";
import { createMouFromScratch, parseContent, sendForSignature, submitForReview, updateDraftContent } from "~/mou/mou.server";
import { confirmSignerIdentity, signVersion } from "~/mou/signing.server";
import { actorFor } from "../helpers/actors";

// Issue 13 items 6 and 7: domain rules behind the field-fit fixes.

async function demo() {
  const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" }, include: { products: { where: { status: "ACTIVE" } } } });
  const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
  return { group, partner, product: group.products[0]! };
}

async function draftFor(startDate: string, endDate: string) {
  const dinas = await actorFor("dinas@bermitra.id");
  const { group, partner, product } = await demo();
  const mou = await createMouFromScratch(dinas, { dinasOfficeId: partner.dinasOfficeId, partnerId: partner.id, groupIds: [group.id], startDate, endDate });
  const version = await db.mouVersion.findFirstOrThrow({ where: { mouId: mou.id } });
  return { dinas, mou, content: parseContent(version.content), group, partner, product };
}

async function signAll(mouId: string, now = new Date()) {
  const mou = await db.mou.findUniqueOrThrow({ where: { id: mouId } });
  const signers = await db.mouSigner.findMany({ where: { versionId: mou.currentVersionId! }, orderBy: { order: "asc" } });
  for (const s of signers) {
    await confirmSignerIdentity(s.id, { password: "bermitra-demo" }, now);
    await signVersion(await actorFor(s.email), { signerId: s.id, typedName: s.name, consent: true, ip: "10.0.0.1", userAgent: "vitest", now });
  }
}

describe("standing orders when the MoU becomes active (item 6)", () => {
  it("the last signature creates the coming week's standing orders at once, named after the product", async () => {
    const today = dayKey(new Date());
    const { dinas, mou, content, group, product } = await draftFor(today, dayKey(addDays(new Date(), 180)));
    await db.product.update({ where: { id: product.id }, data: { weeklyCapacity: 100_000 } });
    content.scope.items = [{ groupId: group.id, productId: product.id, description: "Kue basah untuk sarapan tamu: lemper, lapis, nagasari, dikemas per 20", unit: product.unit, quantityPerDelivery: 40, unitPrice: product.priceRupiah }];
    content.scope.deliveryDays = [1, 3, 5];
    await updateDraftContent(dinas, mou.id, content);
    await submitForReview(dinas, mou.id);
    await sendForSignature(dinas, mou.id);
    expect(await db.order.count({ where: { mouId: mou.id } })).toBe(0);
    await signAll(mou.id);
    // no job ran: the orders were made by the activation itself
    const orders = await db.order.findMany({ where: { mouId: mou.id }, include: { lines: true }, orderBy: { deliveryDate: "asc" } });
    expect((await db.mou.findUniqueOrThrow({ where: { id: mou.id } })).status).toBe("ACTIVE");
    expect(orders.length).toBe(3); // Mon, Wed, Fri of the coming 7 days
    expect(orders.every((o) => o.source === "STANDING" && o.status === "PLACED")).toBe(true);
    expect(orders[0]!.lines[0]).toMatchObject({ description: product.name, quantity: 40, unit: product.unit });
    expect(await db.auditEvent.count({ where: { action: "order.generate", entityId: { in: orders.map((o) => o.id) } } })).toBe(3);
  });
});

describe("small field findings (item 7)", () => {
  it("one word per unit in every namespace", () => {
    for (const locale of ["id", "en"]) {
      const maps = ["orders", "mou", "demands", "catalog"].map((ns) => JSON.parse(readFileSync(`app/locales/${locale}/${ns}.json`, "utf8")).unit);
      for (const m of maps) expect(m).toEqual(maps[0]);
    }
    expect(JSON.parse(readFileSync("app/locales/id/orders.json", "utf8")).unit.PCS).toBe("buah");
  });

  it("a 446-character rejection reason is refused with its length, never cut", () => {
    const line = { orderLineId: "l1", deliveredQty: 10, acceptedQty: 8, rejectedQty: 2 };
    expect(() => validateReceiptLine({ ...line, rejectionReason: "x".repeat(446) }, 10)).toThrow(expect.objectContaining({ key: "validation:tooLongBy", field: "reason-l1", params: { max: 300, count: 446 } }));
    expect(() => validateReceiptLine({ ...line, rejectionReason: "x".repeat(300) }, 10)).not.toThrow();
  });

  it("a coaching commitment whose first session is past is refused with a message; today is accepted", async () => {
    const now = new Date();
    const { dinas, mou, content } = await draftFor(dayKey(now), dayKey(addDays(now, 365)));
    const past = dayKey(addDays(now, -10));
    const edited = { ...content, coaching: [{ ...content.coaching[0]!, firstDueDate: past }] };
    await expect(updateDraftContent(dinas, mou.id, edited)).rejects.toMatchObject({ key: "mou:errors.coachingStartsInPast", field: "coaching0FirstDueDate" });
    const before = await db.mouVersion.findFirstOrThrow({ where: { mouId: mou.id } });
    expect(parseContent(before.content).coaching[0]!.firstDueDate).not.toBe(past);
    // today is fine
    await updateDraftContent(dinas, mou.id, { ...content, coaching: [{ ...content.coaching[0]!, firstDueDate: dayKey(now) }] });
  });

  it("a delivery date that has passed says so (not 'needs N days')", async () => {
    const { group, partner, product } = await demo();
    const p = await actorFor("mitra@bermitra.id");
    const yesterday = startOfDay(dayKey(addDays(new Date(), -1)));
    await expect(
      placeCatalogueOrder(p, partner.id, { groupId: group.id, lines: [{ productId: product.id, quantity: Math.max(product.minOrderQty, 10) }], deliveryDate: yesterday, deliveryAddress: partner.address }),
    ).rejects.toMatchObject({ key: "orders:errors.datePassed", field: "deliveryDate" });
  });

  it("a pending partner's or group's menu is its home and what is waiting", () => {
    expect(navFor("PARTNER", "PENDING")).toEqual({ items: [NAV_BY_ROLE.PARTNER[0]], waitingKey: "nav:waiting.pending" });
    expect(navFor("GROUP", "REJECTED").waitingKey).toBe("nav:waiting.rejected");
    expect(navFor("PARTNER", "VERIFIED")).toEqual({ items: NAV_BY_ROLE.PARTNER, waitingKey: null });
    expect(navFor("DINAS", null).items).toBe(NAV_BY_ROLE.DINAS);
  });
});
