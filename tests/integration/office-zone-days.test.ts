import { db } from "~/db/db.server";
import { missedDeadline, markMissedSessions } from "~/coaching/coaching.server";
import { sessionDueDates } from "~/coaching/dates";
import { createMouFromScratch, expireMous } from "~/mou/mou.server";
import { dayKey, startOfDay } from "~/time/calendar";
import { actorOfUser } from "../helpers/actors";

/**
 * Offices outside WIB count their own days (issue 11 item 9, decision 104): an office in WITA
 * (Asia/Makassar, UTC+8) and one in WIT (Asia/Jayapura, UTC+9), fixtures next to the seeded WIB offices.
 * Each boundary below is counted differently from WIB: at 00:30 in WITA/WIT it is still the previous day in
 * Jakarta.
 */
const ZONES = { WIB: "Asia/Jakarta", WITA: "Asia/Makassar", WIT: "Asia/Jayapura" } as const;
type ZoneName = keyof typeof ZONES;

async function office(name: ZoneName) {
  const zone = ZONES[name];
  const suffix = name.toLowerCase();
  const dinasOffice = await db.dinasOffice.create({
    data: { name: `Dinas Sosial Kota Uji ${name}`, city: `Uji ${name}`, regionKind: "KOTA", province: "Uji", address: "Jl. Uji 1", timeZone: zone },
  });
  const kecamatan = await db.kecamatan.create({ data: { name: `Uji ${name}`, dinasOfficeId: dinasOffice.id } });
  const village = await db.village.create({ data: { name: `Kelurahan Uji ${name}`, kind: "KELURAHAN", kecamatanId: kecamatan.id } });
  const group = await db.group.create({
    data: { slug: `uji-days-${suffix}`, type: "KPM", name: `KPM Uji ${name}`, dinasOfficeId: dinasOffice.id, kecamatanId: kecamatan.id, villageId: village.id, businessDescription: "kue", verificationStatus: "VERIFIED", verifiedAt: new Date("2026-01-15T00:00:00Z") },
  });
  const partner = await db.partner.create({
    data: { slug: `uji-days-hotel-${suffix}`, legalName: `PT Uji ${name}`, displayName: `Hotel Uji ${name}`, sector: "HOTEL", address: "Jl. Uji 2", city: `Uji ${name}`, contactName: "Uji", dinasOfficeId: dinasOffice.id, verificationStatus: "VERIFIED" },
  });
  await db.user.create({ data: { email: `kelompok@uji-days-${suffix}.test`, name: `Ketua ${name}`, passwordHash: "x", role: "GROUP", groupId: group.id } });
  await db.user.create({ data: { email: `mitra@uji-days-${suffix}.test`, name: `Mitra ${name}`, passwordHash: "x", role: "PARTNER", partnerId: partner.id } });
  const dinasUser = await db.user.create({ data: { email: `dinas@uji-days-${suffix}.test`, name: `Dinas ${name}`, passwordHash: "x", role: "DINAS", dinasOfficeId: dinasOffice.id } });
  return { zone, dinasOffice, group, partner, dinas: actorOfUser(dinasUser) };
}

describe("offices in WITA and WIT count their own days", () => {
  let offices: Record<ZoneName, Awaited<ReturnType<typeof office>>>;
  beforeAll(async () => {
    offices = { WIB: await office("WIB"), WITA: await office("WITA"), WIT: await office("WIT") };
  });

  it("stores an MoU period as the office's midnights and expires it after the office's last day", async () => {
    const mous: Record<ZoneName, string> = { WIB: "", WITA: "", WIT: "" };
    for (const name of Object.keys(ZONES) as ZoneName[]) {
      const o = offices[name];
      const mou = await createMouFromScratch(o.dinas, { dinasOfficeId: o.dinasOffice.id, partnerId: o.partner.id, groupIds: [o.group.id], startDate: "2026-12-01", endDate: "2027-11-30" });
      const stored = await db.mou.findUniqueOrThrow({ where: { id: mou.id } });
      expect(stored.startDate.getTime(), name).toBe(startOfDay("2026-12-01", o.zone).getTime());
      expect(dayKey(stored.endDate, o.zone), name).toBe("2027-11-30");
      // an active MoU whose last day in force is 30/11/2027 (made ACTIVE here: the signing is tested elsewhere)
      await db.mou.update({ where: { id: mou.id }, data: { status: "ACTIVE" } });
      mous[name] = mou.id;
    }
    expect(offices.WIT.dinasOffice.timeZone).toBe("Asia/Jayapura");
    expect((await db.mou.findUniqueOrThrow({ where: { id: mous.WIT } })).startDate.toISOString()).toBe("2026-11-30T15:00:00.000Z"); // 00:00 WIT on 1/12

    const status = async () => Object.fromEntries(await Promise.all((Object.keys(mous) as ZoneName[]).map(async (n) => [n, (await db.mou.findUniqueOrThrow({ where: { id: mous[n] } })).status])));
    // 00:30 WIT on 1/12/2027 = 23:30 WITA = 22:30 WIB on 30/11: only the WIT office's last day is over
    await expireMous(new Date("2027-11-30T15:30:00Z"));
    expect(await status()).toEqual({ WIB: "ACTIVE", WITA: "ACTIVE", WIT: "EXPIRED" });
    // 00:30 WITA on 1/12 = 23:30 WIB on 30/11: now WITA's too, WIB's not yet
    await expireMous(new Date("2027-11-30T16:30:00Z"));
    expect(await status()).toEqual({ WIB: "ACTIVE", WITA: "EXPIRED", WIT: "EXPIRED" });
    await expireMous(new Date("2027-11-30T17:30:00Z"));
    expect(await status()).toEqual({ WIB: "EXPIRED", WITA: "EXPIRED", WIT: "EXPIRED" });
  });

  it("counts coaching due days in the office's zone: a session due on 30/11 is missed from the office's midnight", async () => {
    // due days of a monthly commitment starting 30/11, as the schedule stores them for each office
    for (const name of Object.keys(ZONES) as ZoneName[]) {
      const zone = ZONES[name];
      const dates = sessionDueDates(startOfDay("2026-11-30", zone), "MONTHLY", 3, zone);
      expect(dates.map((d) => dayKey(d, zone)), name).toEqual(["2026-11-30", "2026-12-30", "2027-01-30"]);
    }
    const sessions: Record<ZoneName, string> = { WIB: "", WITA: "", WIT: "" };
    for (const name of Object.keys(ZONES) as ZoneName[]) {
      const o = offices[name];
      const mou = await db.mou.findFirstOrThrow({ where: { dinasOfficeId: o.dinasOffice.id } });
      const commitment = await db.coachingCommitment.create({
        data: { mouId: mou.id, topic: `Uji ${name}`, sessionsCount: 1, frequency: "ONCE", firstDueDate: startOfDay("2026-11-30", o.zone), hoursPerSession: 2 },
      });
      const session = await db.coachingSession.create({
        data: { commitmentId: commitment.id, topic: `Uji ${name}`, partnerId: o.partner.id, groupId: o.group.id, sequence: 1, dueDate: startOfDay("2026-11-30", o.zone), hours: 2 },
      });
      sessions[name] = session.id;
      expect(missedDeadline({ status: "DUE", dueDate: session.dueDate, scheduledAt: null }, o.zone).getTime(), name).toBe(startOfDay("2026-12-01", o.zone).getTime());
    }
    const status = async () => Object.fromEntries(await Promise.all((Object.keys(sessions) as ZoneName[]).map(async (n) => [n, (await db.coachingSession.findUniqueOrThrow({ where: { id: sessions[n] } })).status])));
    // 00:30 WIT on 1/12 (22:30 WIB on 30/11)
    await markMissedSessions(new Date("2026-11-30T15:30:00Z"));
    expect(await status()).toEqual({ WIB: "DUE", WITA: "DUE", WIT: "MISSED" });
    // 00:30 WITA on 1/12 (23:30 WIB)
    await markMissedSessions(new Date("2026-11-30T16:30:00Z"));
    expect(await status()).toEqual({ WIB: "DUE", WITA: "MISSED", WIT: "MISSED" });
    await markMissedSessions(new Date("2026-11-30T17:00:00Z"));
    expect(await status()).toEqual({ WIB: "MISSED", WITA: "MISSED", WIT: "MISSED" });
  });
});
