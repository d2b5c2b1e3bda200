import { aidRecords, aidReturns } from "~/aid/aid.server";
import { db } from "~/db/db.server";
import { resolveScope, type MonitoringViewer } from "~/monitoring/scope.server";
import { loader as exportLoader } from "~/routes/dinas.export.$page";
import { action, loader } from "~/routes/dinas.aid";
import { cookieFor, formRequest, getRequest, responseOf } from "../helpers/requests";

const NOW = new Date("2026-11-17T03:00:00.000Z"); // the pinned test clock

const call = async (fn: () => Promise<unknown>) => {
  try {
    const r = await fn();
    return r instanceof Response ? r : new Response(JSON.stringify(r), { status: 200 });
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
};

async function batu(): Promise<MonitoringViewer> {
  const u = await db.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } });
  return { role: u.role, dinasOfficeId: u.dinasOfficeId };
}

describe("programme aid: the studies' figures (seeded Kota Batu)", () => {
  it("53 KUBE with Rp 20 juta capital each, and 18 KUBE with equipment worth Rp 94,8 juta in 2019", async () => {
    const scope = await resolveScope(await batu(), { groupType: "KUBE" }, NOW);
    const capital = await aidReturns(scope, { kind: "CAPITAL" });
    expect(capital.rows).toHaveLength(53);
    expect(capital.rows.every((r) => r.byKind.CAPITAL === 20_000_000)).toBe(true);
    expect(capital.totals.byKind.CAPITAL).toBe(1_060_000_000);
    const equipment = await aidReturns(scope, { kind: "EQUIPMENT" });
    expect(equipment.rows).toHaveLength(18);
    expect(equipment.totals.byKind.EQUIPMENT).toBe(94_800_000);
    const records = await aidRecords(scope, { kind: "EQUIPMENT" });
    expect(records.every((r) => r.receivedOn.getUTCFullYear() === 2019 && r.items.length > 0 && r.items.reduce((s, i) => s + i.valueRupiah, 0) === r.valueRupiah)).toBe(true);
    // Kota Malang's Dinas sees none of it
    const malang = await db.user.findUniqueOrThrow({ where: { email: "dinas.malang@bermitra.id" } });
    expect((await aidReturns(await resolveScope({ role: malang.role, dinasOfficeId: malang.dinasOfficeId }, {}, NOW))).rows.some((r) => capital.rows.some((c) => c.groupId === r.groupId))).toBe(false);
  });
});

describe("programme aid: hand-computed return", () => {
  let officeId: string;
  let groupId: string;
  beforeAll(async () => {
    const office = await db.dinasOffice.create({ data: { name: "Dinas Sosial Kota Bantu", city: "Bantu", regionKind: "KOTA", province: "Jawa Timur", address: "Jl. Bantu 1" } });
    officeId = office.id;
    const kec = await db.kecamatan.create({ data: { name: "Tengah", dinasOfficeId: officeId } });
    const village = await db.village.create({ data: { name: "Desa Bantu", kind: "DESA", kecamatanId: kec.id } });
    const group = await db.group.create({ data: { slug: "bantu-kube", type: "KUBE", name: "KUBE Bantu", dinasOfficeId: officeId, kecamatanId: kec.id, villageId: village.id, businessDescription: "uji", verificationStatus: "VERIFIED" } });
    groupId = group.id;
    const partner = await db.partner.create({ data: { slug: "bantu-hotel", legalName: "Hotel Bantu", displayName: "Hotel Bantu", sector: "HOTEL", address: "Jl. Bantu", city: "Bantu", contactName: "Uji", dinasOfficeId: officeId, verificationStatus: "VERIFIED" } });
    // two paid invoices: Rp 50.000 before the aid (not counted), Rp 300.000 after it
    for (const [n, amount, paidAt] of [[1, 50_000, "2025-12-20T03:00:00Z"], [2, 300_000, "2026-06-10T03:00:00Z"]] as const) {
      const order = await db.order.create({ data: { number: `ORD-BANTU-${n}`, groupId, partnerId: partner.id, source: "CATALOGUE", status: "PAID", deliveryDate: new Date(paidAt), deliveryAddress: "Jl. Bantu", totalRupiah: amount } });
      const invoice = await db.invoice.create({ data: { number: `INV/BANTU/${n}`, groupId, partnerId: partner.id, orderId: order.id, year: 2026, sequence: n, amountRupiah: amount, issuedAt: new Date(paidAt), dueAt: new Date(paidAt), status: "PAID", paidAt: new Date(paidAt) } });
      await db.payment.create({ data: { invoiceId: invoice.id, method: "CASH", amountRupiah: amount, status: "CONFIRMED", confirmedAt: new Date(paidAt) } });
    }
    // aid: capital Rp 1.000.000 on 01/01/2026, equipment 2 × Rp 250.000 + 1 × Rp 500.000 on 01/03/2026
    await db.groupAid.create({ data: { groupId, dinasOfficeId: officeId, kind: "CAPITAL", source: "APBD", receivedOn: new Date("2025-12-31T17:00:00Z"), valueRupiah: 1_000_000, description: "Modal" } });
    await db.groupAid.create({ data: { groupId, dinasOfficeId: officeId, kind: "EQUIPMENT", source: "CSR", partnerId: partner.id, receivedOn: new Date("2026-02-28T17:00:00Z"), valueRupiah: 1_000_000, description: "Alat", items: { create: [{ name: "Kompor", quantity: 2, valueRupiah: 500_000 }, { name: "Oven", quantity: 1, valueRupiah: 500_000 }] } } });
  });

  it("revenue since the first aid against the aid received", async () => {
    const scope = await resolveScope({ role: "DINAS", dinasOfficeId: officeId }, {}, NOW);
    const { rows, totals } = await aidReturns(scope);
    expect(rows).toHaveLength(1);
    // aid 1.000.000 + 1.000.000 = 2.000.000; revenue since 01/01/2026 = 300.000 → 15 %
    expect(rows[0]).toMatchObject({ groupId, totalAid: 2_000_000, byKind: { CAPITAL: 1_000_000, EQUIPMENT: 1_000_000, TRAINING: 0 }, revenueSince: 300_000, returnPercent: 15 });
    // equipment only: first aid 01/03/2026, revenue since 300.000 of 1.000.000 → 30 %
    expect((await aidReturns(scope, { kind: "EQUIPMENT" })).rows[0]).toMatchObject({ totalAid: 1_000_000, revenueSince: 300_000, returnPercent: 30 });
    expect(totals.returnPercent).toBe(15);
  });
});

describe("recording aid through the page", () => {
  it("validates the form next to the fields, keeps other offices' groups out, and records equipment with its items (audited)", async () => {
    const cookieA = await cookieFor("dinas@bermitra.id");
    const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" } });
    const post = async (fields: Record<string, string>, cookie = cookieA) => call(() => action({ request: formRequest("/dinas/aid", { intent: "record", ...fields }, cookie), params: {}, context: {} }));
    const before = await db.groupAid.count();

    const noItems = await post({ groupId: group.id, kind: "EQUIPMENT", source: "APBD", receivedOn: "2026-10-01", description: "Alat" });
    expect(noItems.status).toBe(400);
    expect((await noItems.json()).errors.item0Name).toBe("validation:required");
    const halfLine = await post({ groupId: group.id, kind: "EQUIPMENT", source: "APBD", receivedOn: "2026-10-01", description: "Alat", item0Name: "Oven" });
    expect(Object.keys((await halfLine.json()).errors).sort()).toEqual(["item0Quantity", "item0Value"]);
    const csr = await post({ groupId: group.id, kind: "TRAINING", source: "CSR", receivedOn: "2026-10-01", description: "Pelatihan", valueRupiah: "500000" });
    expect((await csr.json()).errors.partnerId).toBe("validation:required");
    const future = await post({ groupId: group.id, kind: "CAPITAL", source: "APBD", receivedOn: "2026-12-01", description: "Modal", valueRupiah: "500000" });
    expect((await future.json()).errors.receivedOn).toBe("aid:errors.future");
    const otherOffice = await post({ groupId: group.id, kind: "CAPITAL", source: "APBD", receivedOn: "2026-10-01", description: "Modal", valueRupiah: "500000" }, await cookieFor("dinas.malang@bermitra.id"));
    expect(otherOffice.status).toBe(400);
    expect((await otherOffice.json()).errors.groupId).toBe("aid:errors.unknownGroup");
    const partnerUser = await post({ groupId: group.id, kind: "CAPITAL", source: "APBD", receivedOn: "2026-10-01", description: "Modal", valueRupiah: "500000" }, await cookieFor("mitra@bermitra.id"));
    expect(partnerUser.status).toBe(403);
    expect(await db.groupAid.count()).toBe(before);

    const ok = await post({ groupId: group.id, kind: "EQUIPMENT", source: "APBD", receivedOn: "2026-10-01", description: "Peralatan dapur", item0Name: "Oven", item0Quantity: "1", item0Value: "2.500.000", item1Name: "Loyang", item1Quantity: "10", item1Value: "500000" });
    expect(ok.status).toBe(302);
    const aid = await db.groupAid.findFirstOrThrow({ where: { groupId: group.id, kind: "EQUIPMENT" }, include: { items: true } });
    expect(aid.valueRupiah).toBe(3_000_000);
    expect(aid.items.map((i) => [i.name, i.quantity, i.valueRupiah]).sort()).toEqual([["Loyang", 10, 500_000], ["Oven", 1, 2_500_000]]);
    expect((await db.auditEvent.findFirstOrThrow({ where: { entityType: "GroupAid", entityId: aid.id } })).action).toBe("aid.record");

    // the page shows it; the CSV has it with translated headers
    const page = await responseOf(() => loader({ request: getRequest("/dinas/aid?kind=EQUIPMENT", cookieA), params: {}, context: {} }));
    expect(await page.text()).toContain("KPM Melati Sisir");
    const csv = await responseOf(() => exportLoader({ request: getRequest("/dinas/export/aid?kind=EQUIPMENT&format=csv", cookieA), params: { page: "aid" }, context: {} }));
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 3)).toString("hex")).toBe("efbbbf");
    const lines = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("Kelompok;Kecamatan;Jenis kelompok;Modal usaha (Rp);Peralatan (Rp);Pelatihan (Rp);Total bantuan (Rp);Bantuan pertama;Pendapatan sejak bantuan (Rp);Imbal hasil (%)");
    expect(lines).toHaveLength(1 + 19);
    expect(lines.find((l) => l.startsWith("KPM Melati Sisir;"))).toMatch(/^KPM Melati Sisir;Batu;KPM \(Kelompok Perempuan Mandiri\);0;3000000;0;3000000;01\/10\/2026;\d+;/);
    const bad = await call(() => exportLoader({ request: getRequest("/dinas/export/aid?kind=NOPE&format=csv", cookieA), params: { page: "aid" }, context: {} }));
    expect(bad.status).toBe(400);
  });
});
