import { databaseKind } from "~/db/database-url";
import { db } from "~/db/db.server";
import { portablePlaceholders } from "~/db/raw-sql";
import { countOverviewRecords, loadOverview, overviewRecords, overviewSummary } from "~/monitoring/overview.server";
import { partnerRanking } from "~/monitoring/partners.server";
import { markEveryDaySql, monitoringFacts, refreshMonitoringRollups, rebuildMonitoringRollups, totalFacts } from "~/monitoring/rollup.server";
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

  it("keys each day in the group office's zone (WITA here), and an office that changes its zone moves its days", async () => {
    const office = await db.dinasOffice.create({ data: { name: "Dinas Sosial Kota Timur", city: "Timur", regionKind: "KOTA", province: "Sulawesi Selatan", address: "Jl. Timur 1", timeZone: "Asia/Makassar" } });
    const kec = await db.kecamatan.create({ data: { name: "Pusat", dinasOfficeId: office.id } });
    const village = await db.village.create({ data: { name: "Desa Timur", kind: "DESA", kecamatanId: kec.id } });
    const group = await db.group.create({ data: { slug: "timur-kube", type: "KUBE", name: "KUBE Timur", dinasOfficeId: office.id, kecamatanId: kec.id, villageId: village.id, businessDescription: "uji", verificationStatus: "VERIFIED" } });
    const partner = await db.partner.create({ data: { slug: "timur-hotel", legalName: "PT Timur", displayName: "Hotel Timur", sector: "HOTEL", address: "Jl. Timur", city: "Timur", contactName: "Uji", dinasOfficeId: office.id, verificationStatus: "VERIFIED" } });
    // 16:30 UTC on 10/11 is 00:30 WITA on 11/11 (and still 23:30 WIB on 10/11)
    const confirmedAt = new Date("2026-11-10T16:30:00.000Z");
    const order = await db.order.create({ data: { number: "TIMUR-1", groupId: group.id, partnerId: partner.id, source: "CATALOGUE", status: "PAID", deliveryDate: confirmedAt, deliveryAddress: "Jl. Timur", totalRupiah: 7_000 } });
    const invoice = await db.invoice.create({ data: { number: "INV/TIMUR/1", groupId: group.id, partnerId: partner.id, orderId: order.id, year: 2026, sequence: 1, amountRupiah: 7_000, issuedAt: confirmedAt, dueAt: confirmedAt, status: "PAID", paidAt: confirmedAt } });
    await db.payment.create({ data: { invoiceId: invoice.id, method: "CASH", amountRupiah: 7_000, status: "CONFIRMED", confirmedAt } });
    const viewer: MonitoringViewer = { role: "DINAS", dinasOfficeId: office.id };
    const revenueOn = async (day: string) => (await loadOverview(await resolveScope(viewer, { from: day, to: day }, NOW))).revenue.period;
    const rowDays = async () =>
      (await db.$queryRawUnsafe<{ day: string }[]>(portablePlaceholders(`SELECT "day" FROM "MonitoringDaily" WHERE "groupOfficeId" = ? AND "paymentsCount" > 0 ORDER BY "day"`), office.id)).map((r) => r.day);
    // the mark is the UTC day; read live meanwhile
    expect(await dirtyDays()).toContain("2026-11-10");
    expect([await revenueOn("2026-11-10"), await revenueOn("2026-11-11")]).toEqual([0, 7_000]);
    await refreshMonitoringRollups(db);
    expect(await rowDays()).toEqual(["2026-11-11"]);
    expect([await revenueOn("2026-11-10"), await revenueOn("2026-11-11")]).toEqual([0, 7_000]);
    // the office moves to WIB: its records' days are stale until the job moves them to the WIB day
    await db.dinasOffice.update({ where: { id: office.id }, data: { timeZone: "Asia/Jakarta" } });
    expect(await dirtyDays()).toContain("2026-11-10");
    expect([await revenueOn("2026-11-10"), await revenueOn("2026-11-11")]).toEqual([7_000, 0]);
    await refreshMonitoringRollups(db);
    expect(await dirtyDays()).toEqual([]);
    expect(await rowDays()).toEqual(["2026-11-10"]);
    expect([await revenueOn("2026-11-10"), await revenueOn("2026-11-11")]).toEqual([7_000, 0]);
  });

  it("answers at more than SQLite's 32,766 variables (and PostgreSQL's 65,535 parameters): 34,000 sessions and payments in one office (the HTTP 500 of decision 106)", async () => {
    const N = 34_000;
    const office = await db.dinasOffice.create({ data: { name: "Dinas Sosial Kota Besar", city: "Besar", regionKind: "KOTA", province: "Jawa Timur", address: "Jl. Besar 1" } });
    const kec = await db.kecamatan.create({ data: { name: "Tengah", dinasOfficeId: office.id } });
    const village = await db.village.create({ data: { name: "Desa Besar", kind: "DESA", kecamatanId: kec.id } });
    const group = await db.group.create({ data: { slug: "besar-kube", type: "KUBE", name: "KUBE Besar", dinasOfficeId: office.id, kecamatanId: kec.id, villageId: village.id, businessDescription: "uji", verificationStatus: "VERIFIED" } });
    const partner = await db.partner.create({ data: { slug: "besar-hotel", legalName: "PT Besar", displayName: "Hotel Besar", sector: "HOTEL", address: "Jl. Besar", city: "Besar", contactName: "Uji", dinasOfficeId: office.id, verificationStatus: "VERIFIED" } });
    const mou = await db.mou.create({ data: { number: "BESAR/1", partnerId: partner.id, dinasOfficeId: office.id, status: "ACTIVE", startDate: new Date("2026-01-01T00:00:00Z"), endDate: new Date("2027-01-01T00:00:00Z"), createdById: "test", groups: { create: [{ groupId: group.id }] } } });
    const commitment = await db.coachingCommitment.create({ data: { mouId: mou.id, topic: "Besar", sessionsCount: N, frequency: "MONTHLY", firstDueDate: new Date("2026-01-02T00:00:00Z"), hoursPerSession: 2 } });
    // raw SQL, one statement each, on either database: rows spread over 300 days of 2026, stored as each stores dates
    const pg = databaseKind() === "postgresql";
    const at = (dayExpr: string) =>
      pg ? `(timestamp '2026-01-02 03:00:00' + (${dayExpr}) * interval '1 day')` : `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', '2026-01-02 03:00:00', '+' || (${dayExpr}) || ' days')`;
    const as = (value: string, type: string) => (pg ? `CAST(${value} AS "${type}")` : value);
    const run = (sql: string, ...params: unknown[]) => db.$executeRawUnsafe(portablePlaceholders(sql), ...params);
    const series = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${N - 1})`;
    await run(
      `${series} INSERT INTO "CoachingSession" ("id", "commitmentId", "groupId", "partnerId", "sequence", "topic", "dueDate", "hours", "status", "scheduledAt", "createdAt", "updatedAt")
       SELECT 'big-s' || i, ?, ?, ?, i + 1, 'Sesi besar', ${at("i % 300")}, 2, ${as(`CASE WHEN i % 4 = 0 THEN 'MISSED' ELSE 'DELIVERED' END`, "CoachingSessionStatus")}, CASE WHEN i % 4 = 0 THEN NULL ELSE ${at("i % 300")} END, ${at("0")}, ${at("0")} FROM n`,
      commitment.id, group.id, partner.id,
    );
    await run(
      `${series} INSERT INTO "Order" ("id", "number", "groupId", "partnerId", "source", "status", "deliveryDate", "deliveryAddress", "totalRupiah", "createdAt", "updatedAt")
       SELECT 'big-o' || i, 'BIG-' || i, ?, ?, ${as("'CATALOGUE'", "OrderSource")}, ${as("'PAID'", "OrderStatus")}, ${at("i % 300")}, 'Jl. Besar', 1000, ${at("i % 300")}, ${at("i % 300")} FROM n`,
      group.id, partner.id,
    );
    await run(
      `${series} INSERT INTO "Invoice" ("id", "number", "groupId", "partnerId", "orderId", "year", "sequence", "amountRupiah", "issuedAt", "dueAt", "status", "paidAt")
       SELECT 'big-i' || i, 'INV/BIG/' || i, ?, ?, 'big-o' || i, 2026, i + 1, 1000, ${at("i % 300")}, ${at("i % 300 + 14")}, ${as("'PAID'", "InvoiceStatus")}, ${at("i % 300 + 1")} FROM n`,
      group.id, partner.id,
    );
    await run(
      `${series} INSERT INTO "Payment" ("id", "invoiceId", "method", "amountRupiah", "status", "confirmedAt", "createdAt")
       SELECT 'big-p' || i, 'big-i' || i, ${as("'CASH'", "PaymentMethod")}, 1000, ${as("'CONFIRMED'", "PaymentStatus")}, ${at("i % 300 + 1")}, ${at("i % 300 + 1")} FROM n`,
    );
    await run(
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
    // PostgreSQL: the 170,000 raw inserts fire one dirty-mark row trigger each (≈ 40 s at load; one write of the app
    // fires one), the overview and the job then take seconds as on SQLite
  }, databaseKind() === "postgresql" ? 240_000 : 60_000);
  it("reads the default view's days once: its year to date is the period's revenue without the payments confirmed later today (decision 136)", async () => {
    const viewer = await batuViewer();
    const scope = await resolveScope(viewer, {}, NOW);
    const before = await loadOverview(scope);
    expect(before.revenue.yearToDate).toBe(before.revenue.period);
    const payment = await db.payment.findFirstOrThrow({
      where: { status: "CONFIRMED", confirmedAt: { gte: new Date("2026-02-01T00:00:00Z"), lt: new Date("2026-10-01T00:00:00Z") }, invoice: { group: { dinasOfficeId: viewer.dinasOfficeId! } } },
      orderBy: { id: "asc" },
    });
    // confirmed at 23:00 WIB today, after now (10:00 WIB): in the period (it runs to the end of today), not in the year to date
    await db.payment.update({ where: { id: payment.id }, data: { confirmedAt: new Date("2026-11-17T16:00:00.000Z") } });
    const after = await loadOverview(scope);
    expect(after.revenue.period).toBe(before.revenue.period);
    expect(after.revenue.yearToDate).toBe(before.revenue.yearToDate - payment.amountRupiah);
    // the year to date read on its own, as for any other period
    const dims = { officeIds: scope.officeIds, kecamatanId: null, groupType: null, sector: null };
    const ytd = totalFacts(await monitoringFacts(dims, "2026-01-01", "2026-11-17", NOW, NOW, scope.zone, { client: db, liveUntil: NOW }));
    expect(after.revenue.yearToDate).toBe(ytd.paymentsRupiah);
  });
});
