import { SEED_TODAY } from "../helpers/now";
import { partnershipMonitoring } from "~/dashboard/monitoring.server";
import { db } from "~/db/db.server";
import { loader as dinasHome } from "~/routes/dinas._index";
import { cookieFor, getRequest, responseOf } from "../helpers/requests";

describe("Dinas partnership monitoring", () => {
  it("tells the studies' figures from the demo data: 8 of 25 KPM partnered (32%), a passive theme park", async () => {
    const office = await db.dinasOffice.findFirstOrThrow({ where: { name: "Dinas Sosial Kota Batu" } });
    const figures = await partnershipMonitoring(office.id, new Date(SEED_TODAY.getTime() + 5 * 3_600_000));
    expect(figures.kpmTotal).toBe(25);
    expect(figures.kpmWithMou).toBe(8);
    expect(figures.kpmWithMouPercent).toBe(32);
    expect(figures.activeMous).toBeGreaterThanOrEqual(8);
    expect(figures.passivePartners.some((name) => /Taman Rekreasi/.test(name))).toBe(true);
    expect(figures.coachingDeliveredPercent).not.toBeNull();
  });

  it("counts a KPM once it has an active MoU, and is shown only to Dinas", async () => {
    const office = await db.dinasOffice.findFirstOrThrow({ where: { name: "Dinas Sosial Kota Batu" } });
    const before = await partnershipMonitoring(office.id);
    const mou = await db.mou.findFirstOrThrow({ where: { status: "IN_REVIEW" }, include: { groups: true } });
    await db.mou.update({ where: { id: mou.id }, data: { status: "ACTIVE" } });
    const after = await partnershipMonitoring(office.id);
    const newKpm = await db.group.count({ where: { id: { in: mou.groups.map((g) => g.groupId) }, type: "KPM", mouGroups: { none: { mou: { status: "ACTIVE", NOT: { id: mou.id } } } } } });
    expect(after.kpmWithMou).toBe(before.kpmWithMou + newKpm);
    expect(after.activeMous).toBe(before.activeMous + 1);
    const partner = await responseOf(async () => dinasHome({ request: getRequest("/dinas", await cookieFor("mitra@bermitra.id")), params: {}, context: {} }));
    expect(partner.status).toBe(403);
  });
});
