import { db } from "~/db/db.server";
import { countOverviewRecords, loadOverview, overviewRecords, overviewSummary } from "~/monitoring/overview.server";
import { partnerRanking } from "~/monitoring/partners.server";
import { markEveryDaySql, refreshMonitoringRollups, rebuildMonitoringRollups } from "~/monitoring/rollup.server";
import { resolveScope, type MonitoringViewer } from "~/monitoring/scope.server";
import { loader as exportLoader } from "~/routes/dinas.export.$page";
import { cookieFor, getRequest } from "../helpers/requests";

/** The monitoring rollup (decision 125): the same figures as the records, whatever is dirty; no unbounded id list. */
const NOW = new Date("2026-11-17T03:00:00.000Z");

async function batuViewer(): Promise<MonitoringViewer> {
  const user = await db.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } });
  return { role: user.role, dinasOfficeId: user.dinasOfficeId };
}

const dirtyDays = async () => (await db.$queryRawUnsafe<{ day: string }[]>(`SELECT "day" FROM "MonitoringDirtyDay" ORDER BY "day"`)).map((r) => r.day);
const rollupRows = async () => Number((await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS "n" FROM "MonitoringDaily"`))[0]!.n);

describe("monitoring rollup", () => {
  const filterSets = [{}, { groupType: "KUBE" as const }, { from: "2026-10-01", to: "2026-10-31", sector: "HOTEL" as const }, { from: "2025-06-01", to: "2026-12-31" }];

  it("is filled by the seed, and gives the figures a live computation of every day gives", async () => {
    expect(await dirtyDays()).toEqual([]);
    expect(await rollupRows()).toBeGreaterThan(100);
    const viewer = await batuViewer();
    const fromRollup = [];
    for (const f of filterSets) fromRollup.push(overviewSummary(await loadOverview(await resolveScope(viewer, f, NOW))));
    // every day dirty: the overview reads every day live from the records
    await db.$executeRawUnsafe(`DELETE FROM "MonitoringDaily"`);
    await db.$executeRawUnsafe(markEveryDaySql());
    expect((await dirtyDays()).length).toBeGreaterThan(100);
    for (const [i, f] of filterSets.entries()) expect(overviewSummary(await loadOverview(await resolveScope(viewer, f, NOW)))).toEqual(fromRollup[i]);
    // the job recomputes them all (idempotent: twice gives the same rows)
    const first = await refreshMonitoringRollups(db);
    expect(first.days).toBeGreaterThan(100);
    expect(await dirtyDays()).toEqual([]);
    const rows = await rollupRows();
    expect((await rebuildMonitoringRollups(db)).rows).toBe(rows);
    for (const [i, f] of filterSets.entries()) expect(overviewSummary(await loadOverview(await resolveScope(viewer, f, NOW)))).toEqual(fromRollup[i]);
  });

  it("marks a changed past day dirty (trigger), shows the change at once, and the job folds it in", async () => {
    const viewer = await batuViewer();
    const scope = await resolveScope(viewer, {}, NOW);
    const before = await loadOverview(scope);
    const payment = await db.payment.findFirstOrThrow({
      where: { status: "CONFIRMED", confirmedAt: { gte: new Date("2026-03-01T00:00:00Z"), lt: new Date("2026-10-01T00:00:00Z") }, invoice: { group: { dinasOfficeId: viewer.dinasOfficeId! } } },
      orderBy: { id: "asc" },
    });
    await db.payment.update({ where: { id: payment.id }, data: { amountRupiah: payment.amountRupiah + 1_000 } });
    expect((await dirtyDays()).length).toBe(1);
    const after = await loadOverview(scope);
    expect(after.revenue.period).toBe(before.revenue.period + 1_000);
    expect(after.revenue.yearToDate).toBe(before.revenue.yearToDate + 1_000);
    expect((await refreshMonitoringRollups(db)).days).toBe(1);
    expect(await dirtyDays()).toEqual([]);
    expect((await loadOverview(scope)).revenue.period).toBe(before.revenue.period + 1_000);
    // a session marked missed, a report filed: the session's due day
    const session = await db.coachingSession.findFirstOrThrow({ where: { status: "DELIVERED", dueDate: { lt: new Date("2026-11-01T00:00:00Z"), gte: new Date("2026-01-01T00:00:00Z") }, group: { dinasOfficeId: viewer.dinasOfficeId! } }, orderBy: { id: "asc" } });
    await db.coachingSession.update({ where: { id: session.id }, data: { status: "MISSED" } });
    const missed = await loadOverview(scope);
    expect(missed.coaching.missed).toBe(before.coaching.missed + 1);
    expect(missed.coaching.delivered).toBe(before.coaching.delivered - 1);
    await db.coachingSession.update({ where: { id: session.id }, data: { status: "DELIVERED" } });
    await refreshMonitoringRollups(db);
    expect(overviewSummary(await loadOverview(scope)).coaching).toEqual(overviewSummary(before).coaching);
  });

  it("answers at more than SQLite's 32,766 variables: 34,000 sessions and payments in one office (the HTTP 500 of decision 106)", async () => {
    const N = 34_000;
    const office = await db.dinasOffice.create({ data: { name: "Dinas Sosial Kota Besar", city: "Besar", regionKind: "KOTA", province: "Jawa Timur", address: "Jl. Besar 1" } });
    const kec = await db.kecamatan.create({ data: { name: "Tengah", dinasOfficeId: office.id } });
    const village = await db.village.create({ data: { name: "Desa Besar", kind: "DESA", kecamatanId: kec.id } });
    const group = await db.group.create({ data: { slug: "besar-kube", type: "KUBE", name: "KUBE Besar", dinasOfficeId: office.id, kecamatanId: kec.id, villageId: village.id, businessDescription: "uji", verificationStatus: "VERIFIED" } });
    const partner = await db.partner.create({ data: { slug: "besar-hotel", legalName: "PT Besar", displayName: "Hotel Besar", sector: "HOTEL", address: "Jl. Besar", city: "Besar", contactName: "Uji", dinasOfficeId: office.id, verificationStatus: "VERIFIED" } });
    const mou = await db.mou.create({ data: { number: "BESAR/1", partnerId: partner.id, dinasOfficeId: office.id, status: "ACTIVE", startDate: new Date("2026-01-01T00:00:00Z"), endDate: new Date("2027-01-01T00:00:00Z"), createdById: "test", groups: { create: [{ groupId: group.id }] } } });
    const commitment = await db.coachingCommitment.create({ data: { mouId: mou.id, topic: "Besar", sessionsCount: N, frequency: "MONTHLY", firstDueDate: new Date("2026-01-02T00:00:00Z"), hoursPerSession: 2 } });
    // raw SQL, one statement each: rows spread over 300 days of 2026, stored as the adapter stores dates
    const at = (dayExpr: string) => `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', '2026-01-02 03:00:00', '+' || (${dayExpr}) || ' days')`;
    const series = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${N - 1})`;
    await db.$executeRawUnsafe(
      `${series} INSERT INTO "CoachingSession" ("id", "commitmentId", "groupId", "partnerId", "sequence", "topic", "dueDate", "hours", "status", "scheduledAt", "createdAt", "updatedAt")
       SELECT 'big-s' || i, ?, ?, ?, i + 1, 'Sesi besar', ${at("i % 300")}, 2, CASE WHEN i % 4 = 0 THEN 'MISSED' ELSE 'DELIVERED' END, CASE WHEN i % 4 = 0 THEN NULL ELSE ${at("i % 300")} END, ${at("0")}, ${at("0")} FROM n`,
      commitment.id, group.id, partner.id,
    );
    await db.$executeRawUnsafe(
      `${series} INSERT INTO "Order" ("id", "number", "groupId", "partnerId", "source", "status", "deliveryDate", "deliveryAddress", "totalRupiah", "createdAt", "updatedAt")
       SELECT 'big-o' || i, 'BIG-' || i, ?, ?, 'CATALOGUE', 'PAID', ${at("i % 300")}, 'Jl. Besar', 1000, ${at("i % 300")}, ${at("i % 300")} FROM n`,
      group.id, partner.id,
    );
    await db.$executeRawUnsafe(
      `${series} INSERT INTO "Invoice" ("id", "number", "groupId", "partnerId", "orderId", "year", "sequence", "amountRupiah", "issuedAt", "dueAt", "status", "paidAt")
       SELECT 'big-i' || i, 'INV/BIG/' || i, ?, ?, 'big-o' || i, 2026, i + 1, 1000, ${at("i % 300")}, ${at("i % 300 + 14")}, 'PAID', ${at("i % 300 + 1")} FROM n`,
      group.id, partner.id,
    );
    await db.$executeRawUnsafe(
      `${series} INSERT INTO "Payment" ("id", "invoiceId", "method", "amountRupiah", "status", "confirmedAt", "createdAt")
       SELECT 'big-p' || i, 'big-i' || i, 'CASH', 1000, 'CONFIRMED', ${at("i % 300 + 1")}, ${at("i % 300 + 1")} FROM n`,
    );
    await db.$executeRawUnsafe(
      `${series} INSERT INTO "Delivery" ("id", "orderId", "shippedAt", "receivedAt", "createdAt") SELECT 'big-d' || i, 'big-o' || i, ${at("i % 300")}, ${at("i % 300")}, ${at("i % 300")} FROM n`,
    );
    const viewer: MonitoringViewer = { role: "DINAS", dinasOfficeId: office.id };
    const scope = await resolveScope(viewer, { from: "2026-01-01", to: "2026-11-17" }, NOW);
    const check = async () => {
      const o = await loadOverview(scope);
      expect(o.coaching).toMatchObject({ promised: N, delivered: (N * 3) / 4, missed: N / 4 });
      expect(o.revenue.period).toBe(N * 1_000);
      expect(o.deliveries.count).toBe(N);
      expect(await countOverviewRecords(o, "coaching.delivered")).toBe((N * 3) / 4);
      expect(await overviewRecords(o, "revenue.payments", { offset: N - 10, limit: 100 })).toHaveLength(10);
    };
    // dirty (read live), then from the rollup
    expect((await dirtyDays()).length).toBeGreaterThan(250);
    await check();
    await refreshMonitoringRollups(db);
    await check();
    const ranking = await partnerRanking(scope);
    expect(ranking.find((r) => r.partnerId === partner.id)!.components.coaching.records).toBe(N);
    const csv = await exportLoader({ request: getRequest("/dinas/export/overview?format=csv&table=revenue", await cookieFor("dinas@bermitra.id")), params: { page: "overview" }, context: {} });
    expect(csv.status).toBe(200);
  }, 60_000);
});
