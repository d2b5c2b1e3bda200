import { db } from "~/db/db.server";
import { loadOverview } from "~/monitoring/overview.server";
import { partnerRanking } from "~/monitoring/partners.server";
import { resolveScope } from "~/monitoring/scope.server";
import { homePathFor } from "~/auth/guard.server";
import { roleHas, ROLE_PERMISSIONS } from "~/permissions/permissions";
import { loader as overviewLoader } from "~/routes/dinas.monitoring._index";
import { loader as rankingLoader } from "~/routes/dinas.partners._index";
import { cookieFor, getRequest, responseOf } from "../helpers/requests";

const NOW = new Date("2026-11-17T03:00:00.000Z");

async function viewerOf(email: string) {
  const u = await db.user.findUniqueOrThrow({ where: { email } });
  return { role: u.role, dinasOfficeId: u.dinasOfficeId };
}

describe("province view (Dinas Sosial Provinsi Jawa Timur)", () => {
  it("adds up the two cities, and the city filter gives each city's own figures", async () => {
    const province = await viewerOf("provinsi@bermitra.id");
    expect(province.role).toBe("PROVINCE");
    const batu = await db.dinasOffice.findFirstOrThrow({ where: { name: "Dinas Sosial Kota Batu" } });
    const malang = await db.dinasOffice.findFirstOrThrow({ where: { name: "Dinas Sosial Kota Malang" } });
    const all = await resolveScope(province, {}, NOW);
    expect(all.officeIds.sort()).toEqual([batu.id, malang.id].sort());
    expect(all.offices.map((o) => o.city).sort()).toEqual(["Batu", "Malang"]);

    const [both, onlyBatu, onlyMalang, cityBatu] = await Promise.all([
      loadOverview(all),
      resolveScope(province, { officeId: batu.id }, NOW).then(loadOverview),
      resolveScope(province, { officeId: malang.id }, NOW).then(loadOverview),
      resolveScope(await viewerOf("dinas@bermitra.id"), {}, NOW).then(loadOverview),
    ]);
    expect(both.groups.totals.formed).toBe(onlyBatu.groups.totals.formed + onlyMalang.groups.totals.formed);
    expect(both.groups.totals.active).toBe(onlyBatu.groups.totals.active + onlyMalang.groups.totals.active);
    expect(both.revenue.period).toBe(onlyBatu.revenue.period + onlyMalang.revenue.period);
    // the province filtered to Batu sees exactly what Dinas Kota Batu sees
    expect(onlyBatu.groups).toEqual(cityBatu.groups);
    expect(onlyBatu.groups.byType.find((t) => t.type === "KUBE")!.formed).toBe(53);
    // the picker keeps both cities while one is picked
    expect((await resolveScope(province, { officeId: batu.id }, NOW)).offices).toHaveLength(2);

    const ranking = await partnerRanking(all);
    const partnerCount = await db.partner.count({ where: { dinasOfficeId: { in: [batu.id, malang.id] }, verificationStatus: "VERIFIED" } });
    expect(ranking).toHaveLength(partnerCount);
    expect(ranking.some((r) => r.name === "Hotel Graha Kayutangan")).toBe(true);
    expect(ranking.some((r) => r.name === "Hotel Taman Sari Batu")).toBe(true);
  });

  it("refuses an office outside the province and another province's viewer; a city Dinas cannot pick another city", async () => {
    const province = await viewerOf("provinsi@bermitra.id");
    const provinceOffice = await db.dinasOffice.findUniqueOrThrow({ where: { id: province.dinasOfficeId! } });
    await expect(resolveScope(province, { officeId: provinceOffice.id }, NOW)).rejects.toMatchObject({ key: "monitoring:errors.unknownOffice", field: "officeId" });
    const malang = await db.dinasOffice.findFirstOrThrow({ where: { name: "Dinas Sosial Kota Malang" } });
    await expect(resolveScope(await viewerOf("dinas@bermitra.id"), { officeId: malang.id }, NOW)).rejects.toMatchObject({ key: "monitoring:errors.unknownOffice" });
    // a province office with no city reporting to it sees nothing
    const empty = await db.dinasOffice.create({ data: { name: "Dinas Sosial Provinsi Bali", city: "Denpasar", regionKind: "PROVINSI", province: "Bali", address: "Denpasar" } });
    const scope = await resolveScope({ role: "PROVINCE", dinasOfficeId: empty.id }, {}, NOW);
    expect((await loadOverview(scope)).groups.totals.formed).toBe(0);
    expect(await partnerRanking(scope)).toEqual([]);
  });

  it("is read-only: the role holds only the monitoring read permission, its home is the overview, pages answer", async () => {
    expect(ROLE_PERMISSIONS.PROVINCE).toEqual(["read:monitoring:any"]);
    expect(roleHas("PROVINCE", "create:mou:any")).toBe(false);
    expect(homePathFor("PROVINCE")).toBe("/dinas/monitoring");
    const cookie = await cookieFor("provinsi@bermitra.id");
    const overview = await overviewLoader({ request: getRequest("/dinas/monitoring", cookie), params: {}, context: {} });
    expect(overview.status).toBe(200);
    const body = (await overview.json()) as { options: { offices: { city: string }[] } };
    expect(body.options.offices.map((o) => o.city)).toEqual(["Batu", "Malang"]);
    const ranking = await rankingLoader({ request: getRequest("/dinas/partners", cookie), params: {}, context: {} });
    expect(ranking.status).toBe(200);
    const bad = await responseOf(async () => overviewLoader({ request: getRequest("/dinas/monitoring?officeId=nope", cookie), params: {}, context: {} }));
    expect(bad.status).toBe(400);
  });
});
