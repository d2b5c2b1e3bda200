import { db } from "~/db/db.server";
import { invoiceOrder, recordReceipt } from "~/orders/delivery.server";
import { placeCatalogueOrder, productionPlan, remainingCapacity, transitionOrder } from "~/orders/orders.server";
import { remindOverdueInvoices } from "~/payments/invoices.server";
import { dayKey, startOfDay } from "~/time/calendar";
import { actorOfUser } from "../helpers/actors";

/**
 * A Dinas office in WITA (Asia/Makassar, UTC+8), a test fixture next to the seeded WIB offices (decision 079):
 * its group's delivery days, weekly capacity, "today" and invoice due dates are counted in WITA, an hour
 * ahead of WIB. Each check below would come out differently if the days were counted in WIB.
 */
const WITA = "Asia/Makassar";

/** What the order form's formDate() makes of "yyyy-mm-dd" (00:00 WIB), before the office is known. */
const formDay = (day: string) => startOfDay(day);

async function witaFixture() {
  const office = await db.dinasOffice.create({
    data: { name: "Dinas Sosial Kota Uji WITA", city: "Uji Timur", regionKind: "KOTA", province: "Sulawesi Selatan", address: "Jl. Uji 8", timeZone: WITA },
  });
  const kecamatan = await db.kecamatan.create({ data: { name: "Uji Tengah", dinasOfficeId: office.id } });
  const village = await db.village.create({ data: { name: "Kelurahan Uji", kind: "KELURAHAN", kecamatanId: kecamatan.id } });
  const group = await db.group.create({
    data: { slug: "uji-wita-kpm", type: "KPM", name: "KPM Uji WITA", dinasOfficeId: office.id, kecamatanId: kecamatan.id, villageId: village.id, businessDescription: "kue", verificationStatus: "VERIFIED", verifiedAt: new Date("2026-01-15T00:00:00Z") },
  });
  const partner = await db.partner.create({
    data: { slug: "uji-wita-hotel", legalName: "PT Uji WITA", displayName: "Hotel Uji WITA", sector: "HOTEL", address: "Jl. Uji 9", city: "Uji Timur", contactName: "Uji", dinasOfficeId: office.id, verificationStatus: "VERIFIED" },
  });
  const category = await db.productCategory.findFirstOrThrow();
  const product = await db.product.create({
    data: { slug: "uji-wita-kue", groupId: group.id, categoryId: category.id, name: "Kue uji", description: "kue", unit: "PCS", priceRupiah: 1000, weeklyCapacity: 10, leadTimeDays: 1 },
  });
  const groupUser = await db.user.create({ data: { email: "kelompok@uji-wita.test", name: "Ketua Uji", passwordHash: "x", role: "GROUP", groupId: group.id } });
  const partnerUser = await db.user.create({ data: { email: "mitra@uji-wita.test", name: "Mitra Uji", passwordHash: "x", role: "PARTNER", partnerId: partner.id } });
  return { office, group, partner, product, g: actorOfUser(groupUser), p: actorOfUser(partnerUser) };
}

describe("an office in WITA counts its records' days in WITA", () => {
  let f: Awaited<ReturnType<typeof witaFixture>>;
  beforeAll(async () => {
    f = await witaFixture();
  });

  const place = (day: string, quantity: number, now?: Date) =>
    placeCatalogueOrder(f.p, f.partner.id, { groupId: f.group.id, lines: [{ productId: f.product.id, quantity }], deliveryDate: formDay(day), deliveryAddress: "Jl. Uji 9" }, now);

  it("stores the delivery day as midnight WITA and takes 'today' (lead time) from WITA", async () => {
    const order = await place("2026-11-30", 1);
    const stored = await db.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(stored.deliveryDate.toISOString()).toBe("2026-11-29T16:00:00.000Z"); // 00:00 WITA on 30/11
    expect(dayKey(stored.deliveryDate, WITA)).toBe("2026-11-30");
    // 00:30 WITA on Monday 23/11 is still Sunday 23:30 in WIB: in WITA, Monday is already today and a
    // one-day lead time refuses it
    const mondayHalfPastMidnightWita = new Date("2026-11-22T16:30:00Z");
    await expect(place("2026-11-23", 1, mondayHalfPastMidnightWita)).rejects.toMatchObject({ key: "orders:errors.leadTime" });
    await expect(place("2026-11-24", 1, mondayHalfPastMidnightWita)).resolves.toBeTruthy();
    await db.order.deleteMany({ where: { groupId: f.group.id } });
  });

  it("counts weekly capacity Monday to Monday in WITA", async () => {
    // Sunday 22/11 and Monday 23/11 are different weeks in WITA; 00:00 WITA Monday is Sunday 23:00 in WIB,
    // so counted in WIB both orders would fall in one week (12 > 10) and the second accept would be refused.
    const sunday = await place("2026-11-22", 6);
    const monday = await place("2026-11-23", 6);
    const tuesday = await place("2026-11-24", 5);
    await transitionOrder(f.g, sunday.id, "accept", { side: "group" });
    await transitionOrder(f.g, monday.id, "accept", { side: "group" });
    const mondayRow = await db.order.findUniqueOrThrow({ where: { id: monday.id } });
    const left = await remainingCapacity(f.group.id, mondayRow.deliveryDate);
    expect(left.find((r) => r.id === f.product.id)).toMatchObject({ used: 6, remaining: 4 });
    // Tuesday is in Monday's week: 6 + 5 > 10
    await expect(transitionOrder(f.g, tuesday.id, "accept", { side: "group" })).rejects.toMatchObject({ key: "orders:errors.capacityExceeded" });
  });

  it("plans production by WITA days", async () => {
    const plan = await productionPlan(f.group.id, new Date("2026-11-22T16:30:00Z")); // 00:30 WITA Monday
    expect(plan[0]!.day).toBe("2026-11-23");
    expect(plan[0]!.products.find((p) => p.orders.length)?.quantity).toBe(6);
  });

  it("makes the invoice due at the end of a WITA calendar day, and the overdue job waits for it", async () => {
    const order = await db.order.findFirstOrThrow({ where: { groupId: f.group.id, status: "ACCEPTED", deliveryDate: startOfDay("2026-11-23", WITA) }, include: { lines: true } });
    await transitionOrder(f.g, order.id, "ship", { side: "group" });
    await recordReceipt(f.p, order.id, { receivedByName: "Bu Uji", lines: [{ orderLineId: order.lines[0]!.id, deliveredQty: 6, acceptedQty: 6, rejectedQty: 0 }] });
    // issued 00:30 WITA on Tuesday 24/11 (still Monday 23:30 in WIB); catalogue terms: 14 days after the issue day
    const invoice = await invoiceOrder(f.g, order.id, new Date("2026-11-23T16:30:00Z"));
    expect(invoice.dueAt.toISOString()).toBe("2026-12-08T15:59:59.999Z"); // end of 08/12 in WITA
    expect(dayKey(invoice.dueAt, WITA)).toBe("2026-12-08");
    expect(invoice.year).toBe(2026);
    await remindOverdueInvoices(new Date("2026-12-08T15:59:00Z")); // 23:59 WITA on the due day
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).remindedAt).toBeNull();
    await remindOverdueInvoices(new Date("2026-12-08T16:00:00Z")); // 00:00 WITA the day after
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).remindedAt).not.toBeNull();
  });

  it("seeds the field offices in WIB", async () => {
    const offices = await db.dinasOffice.findMany({ where: { city: { in: ["Batu", "Malang"] } }, select: { timeZone: true } });
    expect(offices.length).toBe(2);
    expect(offices.every((o) => o.timeZone === "Asia/Jakarta")).toBe(true);
  });
});
