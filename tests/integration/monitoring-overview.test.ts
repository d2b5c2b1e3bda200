import ExcelJS from "exceljs";
import { db } from "~/db/db.server";
import { loadOverview, overviewRecords } from "~/monitoring/overview.server";
import { partnerRanking } from "~/monitoring/partners.server";
import { resolveScope, type MonitoringViewer } from "~/monitoring/scope.server";
import { addDays } from "~/orders/numbers";
import { loader as overviewLoader } from "~/routes/dinas.monitoring._index";
import { loader as recordsLoader } from "~/routes/dinas.monitoring.records";
import { loader as exportLoader } from "~/routes/dinas.export.$page";
import { cookieFor, getRequest, responseOf } from "../helpers/requests";

const NOW = new Date("2026-11-17T03:00:00.000Z"); // 10:00 WIB, the pinned test clock

async function batuViewer(): Promise<MonitoringViewer> {
  const user = await db.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } });
  return { role: user.role, dinasOfficeId: user.dinasOfficeId };
}

describe("programme overview: the field study (seeded Kota Batu)", () => {
  it("shows 25 KPM formed of which 8 partnered (32 %), and 53 KUBE (Batu 24, Bumiaji 13, Junrejo 16) of which 36 active", async () => {
    const overview = await loadOverview(await resolveScope(await batuViewer(), {}, NOW));
    const kpm = overview.groups.byType.find((r) => r.type === "KPM")!;
    const kube = overview.groups.byType.find((r) => r.type === "KUBE")!;
    expect(kpm.formed).toBe(25);
    expect(kpm.partnered).toBe(8);
    expect(Math.round((kpm.partnered / kpm.formed) * 100)).toBe(32);
    expect(kube.formed).toBe(53);
    expect(kube.active).toBe(36);
    expect(Object.fromEntries(overview.groups.byKecamatan.map((k) => [k.kecamatan, k.kube.formed]))).toEqual({ Batu: 24, Bumiaji: 13, Junrejo: 16 });

    const kubeOnly = await loadOverview(await resolveScope(await batuViewer(), { groupType: "KUBE" }, NOW));
    expect(kubeOnly.groups.totals).toMatchObject({ formed: 53, active: 36 });
    expect(kubeOnly.indicators.effectiveness.percent).toBe(Math.round((36 / 53) * 100));

    // active by the definition (decision 086): each of the 36 has a live order or a delivered
    // coaching session in the 90 days before now; a facilitator visit alone does not count
    const activeIds = (await overviewRecords(kubeOnly, "groups.active")).map((r) => r.id);
    const since = addDays(NOW, -90);
    const traded = await db.group.count({
      where: {
        id: { in: activeIds },
        OR: [
          { orders: { some: { status: { notIn: ["CANCELLED", "DECLINED", "SKIPPED"] }, createdAt: { gte: since, lt: NOW } } } },
          { coachingSessions: { some: { status: "DELIVERED", OR: [{ scheduledAt: { gte: since, lt: NOW } }, { scheduledAt: null, dueDate: { gte: since, lt: NOW } }] } } },
        ],
      },
    });
    expect(traded).toBe(36);
    const visitedOnly = await db.group.findFirstOrThrow({ where: { type: "KUBE", dinasOfficeId: (await batuViewer()).dinasOfficeId!, id: { notIn: activeIds } }, select: { id: true, facilitatorId: true } });
    await db.facilitatorVisit.create({ data: { groupId: visitedOnly.id, facilitatorId: visitedOnly.facilitatorId!, visitDate: addDays(NOW, -3), place: "Rumah ketua", attendeeCount: 3, topics: "BUSINESS", notes: "Kunjungan saja" } });
    expect((await loadOverview(await resolveScope(await batuViewer(), { groupType: "KUBE" }, NOW))).groups.totals.active).toBe(36);
  });
});

describe("programme overview: hand-computed fixture office", () => {
  let officeId: string;
  let k1: string;
  let k2: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const office = await db.dinasOffice.create({ data: { name: "Dinas Sosial Kota Uji", city: "Uji", regionKind: "KOTA", province: "Jawa Timur", address: "Jl. Uji 1" } });
    officeId = office.id;
    const kec1 = await db.kecamatan.create({ data: { name: "Utara", dinasOfficeId: officeId } });
    const kec2 = await db.kecamatan.create({ data: { name: "Selatan", dinasOfficeId: officeId } });
    k1 = kec1.id;
    k2 = kec2.id;
    const v1 = await db.village.create({ data: { name: "Desa Satu", kind: "DESA", kecamatanId: k1 } });
    const v2 = await db.village.create({ data: { name: "Desa Dua", kind: "DESA", kecamatanId: k2 } });
    const group = (slug: string, type: "KPM" | "KUBE", kecamatanId: string, villageId: string, verificationStatus: "VERIFIED" | "PENDING") =>
      db.group.create({ data: { slug, type, name: slug, dinasOfficeId: officeId, kecamatanId, villageId, businessDescription: "uji", verificationStatus, createdAt: new Date("2026-01-05T00:00:00Z"), verifiedAt: verificationStatus === "VERIFIED" ? new Date("2026-01-15T00:00:00Z") : null } });
    const g1 = await group("uji-g1", "KPM", k1, v1.id, "VERIFIED");
    const g2 = await group("uji-g2", "KUBE", k2, v2.id, "VERIFIED");
    const g3 = await group("uji-g3", "KPM", k1, v1.id, "PENDING");
    Object.assign(ids, { g1: g1.id, g2: g2.id, g3: g3.id });
    const partner = (slug: string, sector: "HOTEL" | "TOURISM") =>
      db.partner.create({ data: { slug, legalName: slug, displayName: slug, sector, address: "Jl. Uji", city: "Uji", contactName: "Uji", dinasOfficeId: officeId, verificationStatus: "VERIFIED" } });
    const p1 = await partner("uji-hotel", "HOTEL");
    const p2 = await partner("uji-park", "TOURISM");
    await partner("uji-no-mou", "HOTEL");
    const mou = (number: string, partnerId: string, status: "ACTIVE" | "TERMINATED", endDate: Date, groupIds: string[]) =>
      db.mou.create({ data: { number, partnerId, dinasOfficeId: officeId, status, startDate: new Date("2026-01-20T00:00:00Z"), endDate, createdById: "test", groups: { create: groupIds.map((groupId) => ({ groupId })) } } });
    // G2 is in two active MoUs (counted once as partnered); M2 ends within 30 days; M3 ended in the period.
    const m1 = await mou("UJI/1", p1.id, "ACTIVE", new Date("2027-06-30T00:00:00Z"), [g2.id]);
    const m2 = await mou("UJI/2", p2.id, "ACTIVE", addDays(NOW, 20), [g2.id]);
    await mou("UJI/3", p2.id, "TERMINATED", addDays(NOW, -15), [g1.id]);
    const c1 = await db.coachingCommitment.create({ data: { mouId: m1.id, topic: "Higiene", sessionsCount: 2, frequency: "MONTHLY", firstDueDate: addDays(NOW, -40), hoursPerSession: 2 } });
    const c2 = await db.coachingCommitment.create({ data: { mouId: m2.id, topic: "Pemasaran", sessionsCount: 1, frequency: "ONCE", firstDueDate: addDays(NOW, -30), hoursPerSession: 2 } });
    const session = (commitmentId: string, partnerId: string, sequence: number, status: "DELIVERED" | "MISSED" | "CANCELLED", due: number) =>
      db.coachingSession.create({ data: { commitmentId, groupId: g2.id, partnerId, sequence, topic: `sesi ${sequence}`, dueDate: addDays(NOW, due), hours: 2, status, scheduledAt: status === "DELIVERED" ? addDays(NOW, due) : null } });
    await session(c1.id, p1.id, 1, "MISSED", -40);
    await session(c1.id, p1.id, 2, "DELIVERED", -20);
    await session(c2.id, p2.id, 1, "CANCELLED", -30); // the park: only a cancelled session
    // G1: one catalogue order 10 days ago, delivered on its day, 8 of 10 accepted, paid Rp 100.000.
    const delivery = addDays(NOW, -10);
    const order = await db.order.create({
      data: { number: "ORD-UJI-1", groupId: g1.id, partnerId: p1.id, source: "CATALOGUE", status: "PAID", deliveryDate: delivery, deliveryAddress: "Jl. Uji", totalRupiah: 125_000, createdAt: addDays(NOW, -12), lines: { create: [{ description: "Kue", unit: "PCS", quantity: 10, unitPrice: 12_500, acceptedQty: 8, rejectedQty: 2 }] } },
      include: { lines: true },
    });
    await db.delivery.create({ data: { orderId: order.id, shippedAt: delivery, receivedAt: new Date(delivery.getTime() + 3 * 3_600_000), lines: { create: [{ orderLineId: order.lines[0]!.id, deliveredQty: 10, acceptedQty: 8, rejectedQty: 2 }] } } });
    const invoice = await db.invoice.create({ data: { number: "INV/UJI/2026/0001", groupId: g1.id, partnerId: p1.id, orderId: order.id, year: 2026, sequence: 1, amountRupiah: 100_000, issuedAt: addDays(NOW, -8), dueAt: addDays(NOW, 6), status: "PAID", paidAt: addDays(NOW, -5) } });
    await db.payment.create({ data: { invoiceId: invoice.id, method: "CASH", amountRupiah: 100_000, status: "CONFIRMED", confirmedAt: addDays(NOW, -5) } });
  });

  const viewer = (): MonitoringViewer => ({ role: "DINAS", dinasOfficeId: officeId });

  it("counts formed, verified, active and partnered groups (a group in two MoUs once)", async () => {
    const o = await loadOverview(await resolveScope(viewer(), { from: "2026-01-01", to: "2026-11-17" }, NOW));
    expect(o.groups.totals).toEqual({ formed: 3, verified: 2, active: 2, partnered: 1 });
    expect(o.groups.shares.partnered.percent).toBe(33);
    expect(o.groups.byType).toEqual([
      { type: "KPM", formed: 2, verified: 1, active: 1, partnered: 0 },
      { type: "KUBE", formed: 1, verified: 1, active: 1, partnered: 1 },
    ]);
    expect(o.groups.byKecamatan.map((k) => [k.kecamatan, k.formed, k.active])).toEqual([
      ["Selatan", 1, 1],
      ["Utara", 2, 1],
    ]);
    expect(o.mous).toEqual({ active: 2, expiring: 1, ended: 1 });
    expect(o.revenue.period).toBe(100_000);
    expect(o.revenue.yearToDate).toBe(100_000);
    expect(o.revenue.byMonth.find((m) => m.month === "2026-11")).toEqual({ month: "2026-11", amount: 100_000, payments: 1 });
    expect(o.revenue.byMonth).toHaveLength(11);
    expect(o.deliveries.onTime).toEqual({ count: 1, total: 1, percent: 100 });
    expect(o.deliveries.quality).toEqual({ count: 8, total: 10, percent: 80 });
    // the cancelled session is not promised
    expect(o.coaching).toEqual({ promised: 2, dueSoFar: 2, delivered: 1, missed: 1 });
    expect(o.indicators.accountability.coaching.percent).toBe(50);
    expect(o.indicators.accountability.reports).toEqual({ count: 0, total: 1, percent: 0 });
    // two verified groups × 11 months, no visit
    expect(o.visits).toMatchObject({ target: 22, covered: 0 });
    expect(o.indicators.effectiveness.percent).toBe(67);
    expect(o.indicators.responsiveness.verificationDays).toEqual({ median: 10, count: 2 });
    expect((await overviewRecords(o, "groups.partnered")).map((r) => r.id)).toEqual([ids.g2]);
    expect((await overviewRecords(o, "groups.inactive")).map((r) => r.id)).toEqual([ids.g3]);
    expect((await overviewRecords(o, "revenue.payments"))[0]).toMatchObject({ amount: 100_000, title: "INV/UJI/2026/0001" });
  });

  it("filters by kecamatan, group type and partner sector", async () => {
    const utara = await loadOverview(await resolveScope(viewer(), { kecamatanId: k1 }, NOW));
    expect(utara.groups.totals).toEqual({ formed: 2, verified: 1, active: 1, partnered: 0 });
    expect(utara.groups.byKecamatan.map((k) => k.kecamatan)).toEqual(["Utara"]);
    expect(utara.coaching.promised).toBe(0);
    const kube = await loadOverview(await resolveScope(viewer(), { groupType: "KUBE" }, NOW));
    expect(kube.groups.totals.formed).toBe(1);
    expect(kube.revenue.period).toBe(0);
    const park = await loadOverview(await resolveScope(viewer(), { sector: "TOURISM" }, NOW));
    expect(park.groups.totals.partnered).toBe(1);
    expect(park.mous).toEqual({ active: 1, expiring: 1, ended: 1 });
    expect(park.coaching).toMatchObject({ promised: 0, delivered: 0, missed: 0 });
    expect(park.revenue.period).toBe(0);
    const hotels = await loadOverview(await resolveScope(viewer(), { sector: "HOTEL" }, NOW));
    expect(hotels.coaching).toMatchObject({ promised: 2, delivered: 1, missed: 1 });
    expect(hotels.revenue.period).toBe(100_000);
    // a period before the order: no trade, and the order does not make G1 active then
    const spring = await loadOverview(await resolveScope(viewer(), { from: "2026-03-01", to: "2026-03-31" }, NOW));
    expect(spring.revenue.period).toBe(0);
    expect(spring.groups.totals.active).toBe(0);
  });

  it("ranks the fixture's partners by hand: no MoU, only cancelled sessions, one order (decision 083)", async () => {
    const byName = async (to: string) => new Map((await partnerRanking(await resolveScope(viewer(), { from: "2026-01-01", to }, NOW))).map((r) => [r.name, r]));
    const none = { score: null, records: 0 };
    // up to today: nobody has enough history
    const today = await byName("2026-11-17");
    // no MoU and no record at all
    expect(today.get("uji-no-mou")).toMatchObject({ index: null, enoughData: false, rank: null, passive: false });
    expect(Object.values(today.get("uji-no-mou")!.components)).toEqual([none, none, none, none, none]);
    // the park: its only session was cancelled (not a promise), signed > 60 days ago, never ordered nor coached → passive
    expect(today.get("uji-park")).toMatchObject({ index: null, enoughData: false, rank: null, passive: true });
    expect(today.get("uji-park")!.components.coaching).toEqual(none);
    // the hotel: one missed and one delivered session (½ over 2); its one order's invoice falls due on 23/11 (after the period)
    expect(today.get("uji-hotel")).toMatchObject({ index: null, enoughData: false, passive: false });
    expect(today.get("uji-hotel")!.components).toMatchObject({ coaching: { score: 0.5, records: 2 }, payment: none, ordering: none, rating: none });
    // to the end of November the invoice counts (paid 5 days before its due day → 1): 2 components, 3 records
    // index = (30 × 0.5 + 20 × 1) / (30 + 20) = 0.7 → 70, rank 1; the others stay unranked
    const november = await byName("2026-11-30");
    expect(november.get("uji-hotel")).toMatchObject({ index: 70, enoughData: true, rank: 1 });
    expect(november.get("uji-hotel")!.components.payment).toEqual({ score: 1, records: 1 });
    expect(november.get("uji-park")!.index).toBeNull();
    expect(november.get("uji-no-mou")!.rank).toBeNull();
  });

  it("limits every figure to the viewer's office", async () => {
    const batu = await loadOverview(await resolveScope(await batuViewer(), {}, NOW));
    expect(batu.groups.totals.formed).toBe(await db.group.count({ where: { dinasOfficeId: (await batuViewer()).dinasOfficeId! } }));
    expect(batu.groups.totals.formed).toBe(78);
    expect((await overviewRecords(batu, "groups.formed")).some((r) => Object.values(ids).includes(r.id))).toBe(false);
    // another office's kecamatan in the query string is refused
    await expect(resolveScope(await batuViewer(), { kecamatanId: k1 }, NOW)).rejects.toMatchObject({ key: "monitoring:errors.unknownKecamatan" });
    await expect(resolveScope({ role: "PARTNER", dinasOfficeId: null }, {}, NOW)).rejects.toMatchObject({ key: "errors:forbidden" });
  });
});

describe("programme overview: a second office (seeded Kota Malang)", () => {
  it("shows a Malang Dinas user none of Batu's figures, and refuses Batu's kecamatan in the filter", async () => {
    const malangUser = await db.user.findUniqueOrThrow({ where: { email: "dinas.malang@bermitra.id" } });
    const malang = await loadOverview(await resolveScope({ role: malangUser.role, dinasOfficeId: malangUser.dinasOfficeId }, {}, NOW));
    const malangGroups = await db.group.findMany({ where: { dinasOfficeId: malangUser.dinasOfficeId! }, select: { id: true } });
    expect(malang.groups.totals.formed).toBe(malangGroups.length);
    expect(malang.groups.byKecamatan.map((k) => k.kecamatan).sort()).toEqual(["Klojen", "Lowokwaru"]);
    const batuIds = new Set((await db.group.findMany({ where: { dinasOffice: { city: "Batu" } }, select: { id: true } })).map((g) => g.id));
    for (const figure of ["groups.formed", "groups.active", "groups.partnered", "visits.missing"] as const) {
      expect((await overviewRecords(malang, figure)).some((r) => batuIds.has(r.id))).toBe(false);
    }
    const batuPayments = await db.payment.aggregate({ where: { status: "CONFIRMED", invoice: { group: { dinasOffice: { city: "Batu" } } } }, _sum: { amountRupiah: true } });
    expect(malang.revenue.yearToDate).toBeLessThan(batuPayments._sum.amountRupiah!);
    const malangMouIds = new Set((await db.mou.findMany({ where: { dinasOfficeId: malangUser.dinasOfficeId! }, select: { id: true } })).map((m) => m.id));
    expect((await overviewRecords(malang, "mous.active")).every((r) => malangMouIds.has(r.id))).toBe(true);

    const batuKecamatan = await db.kecamatan.findFirstOrThrow({ where: { name: "Bumiaji" } });
    const res = await overviewLoader({ request: getRequest(`/dinas/monitoring?kecamatanId=${batuKecamatan.id}`, await cookieFor("dinas.malang@bermitra.id")), params: {}, context: {} });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Record<string, string>; overview: { groups: { totals: { formed: number } } } };
    expect(body.errors.kecamatanId).toBe("monitoring:errors.unknownKecamatan");
    expect(body.overview.groups.totals.formed).toBe(malangGroups.length);
  });
});

describe("programme overview pages", () => {
  it("renders for Dinas, refuses other roles, and answers a bad filter with 400", async () => {
    const dinas = await cookieFor("dinas@bermitra.id");
    const page = await overviewLoader({ request: getRequest("/dinas/monitoring", dinas), params: {}, context: {} });
    expect(page.status).toBe(200);
    for (const email of ["mitra@bermitra.id", "kelompok@bermitra.id", "pendamping@bermitra.id"]) {
      const res = await responseOf(async () => overviewLoader({ request: getRequest("/dinas/monitoring", await cookieFor(email)), params: {}, context: {} }));
      expect(res.status).toBe(403);
    }
    const bad = await overviewLoader({ request: getRequest("/dinas/monitoring?from=2026-13-45&groupType=XYZ", dinas), params: {}, context: {} });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: Record<string, string> };
    expect(Object.keys(body.errors).sort()).toEqual(["from", "groupType"]);
    const badFormat = await responseOf(async () => overviewLoader({ request: getRequest("/dinas/monitoring?format=pdf", dinas), params: {}, context: {} }));
    expect(badFormat.status).toBe(400);
  });

  it("exports the kecamatan table as CSV (BOM, ';') and the tables as XLSX, with translated headers", async () => {
    const dinas = await cookieFor("dinas@bermitra.id");
    const redirect = await responseOf(async () => overviewLoader({ request: getRequest("/dinas/monitoring?format=csv&table=kecamatan&groupType=KUBE", dinas), params: {}, context: {} }));
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("Location")).toBe("/dinas/export/overview?format=csv&table=kecamatan&groupType=KUBE");
    const csv = await exportLoader({ request: getRequest(redirect.headers.get("Location")!, dinas), params: { page: "overview" }, context: {} });
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("Kecamatan;Dibentuk;Terverifikasi;Aktif;Bermitra;KPM dibentuk;KPM bermitra;KUBE dibentuk;KUBE aktif");
    expect(lines.slice(1).map((l) => l.split(";").slice(0, 1).concat(l.split(";")[7]!))).toEqual([
      ["Batu", "24"],
      ["Bumiaji", "13"],
      ["Junrejo", "16"],
    ]);
    const xlsx = await exportLoader({ request: getRequest("/dinas/export/overview?format=xlsx", dinas), params: { page: "overview" }, context: {} });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Kelompok per kecamatan", "Kelompok per jenis", "Pendapatan kelompok per bulan"]);
    const types = workbook.getWorksheet("Kelompok per jenis")!;
    expect(types.getRow(1).values).toEqual([undefined, "Jenis", "Dibentuk", "Terverifikasi", "Aktif", "Bermitra", "Bermitra (%)"]);
    expect(types.getRow(2).getCell(1).value).toBe("KPM (Kelompok Perempuan Mandiri)");
    expect(types.getRow(2).getCell(5).value).toBe(8);
    expect(types.getRow(2).getCell(6).value).toBe(32);
  });

  it("drills down from a figure to the records behind it, and exports them", async () => {
    const dinas = await cookieFor("dinas@bermitra.id");
    const kecamatan = await db.kecamatan.findFirstOrThrow({ where: { name: "Bumiaji" } });
    const res = await recordsLoader({ request: getRequest(`/dinas/monitoring/records?figure=groups.active&groupType=KUBE&kecamatanId=${kecamatan.id}`, dinas), params: {}, context: {} });
    const body = (await res.json()) as { rows: { title: string }[] };
    expect(body.rows).toHaveLength(9);
    expect(body.rows.every((r) => r.title.startsWith("KUBE"))).toBe(true);
    const csv = await exportLoader({ request: getRequest("/dinas/export/records?figure=groups.partnered&groupType=KPM&format=csv", dinas), params: { page: "records" }, context: {} });
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines).toHaveLength(1 + 8);
    expect(lines[1]).toContain(";Terverifikasi;");
    const unknown = await responseOf(async () => recordsLoader({ request: getRequest("/dinas/monitoring/records?figure=nope", dinas), params: {}, context: {} }));
    expect(unknown.status).toBe(404);
  });
});
