import { loadSessionUser } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { createDemand, demandFeed } from "~/demands/demands.server";
import { sendOffer } from "~/demands/offers.server";
import type { DemandInput, OfferInput } from "~/demands/schemas";
import { formatDate } from "~/i18n/format";
import { groupsWithoutVisit } from "~/mentoring/visits.server";
import { resolveScope } from "~/monitoring/scope.server";
import { loadWarnings } from "~/monitoring/warnings.server";
import { createMouFromScratch } from "~/mou/mou.server";
import { renderInvoicePdf } from "~/payments/invoice-pdf.server";
import { getInvoice } from "~/payments/invoices.server";
import { loader as mouLoader } from "~/routes/mou.$id";
import { dayKey, parseDateInput, startOfDay } from "~/time/calendar";
import { viewerZone } from "~/time/office-zone.server";
import { actorFor, actorOfUser } from "../helpers/actors";
import { pdfPageTexts } from "../helpers/pdf-text";
import { cookieFor, getRequest } from "../helpers/requests";

/**
 * Offices in WITA (Asia/Makassar, UTC+8) and WIT (Asia/Jayapura, UTC+9) count demand deadlines, monitoring
 * windows and printed dates in their own zone (issue 11 item 9, decision 123). Every instant below is one where
 * Jakarta is still on the previous day: 00:30 WIT / 23:30 WITA = 22:30 WIB.
 */
const ZONES = { WIB: "Asia/Jakarta", WITA: "Asia/Makassar", WIT: "Asia/Jayapura" } as const;
type ZoneName = keyof typeof ZONES;

async function office(name: ZoneName) {
  const zone = ZONES[name];
  const s = name.toLowerCase();
  const dinasOffice = await db.dinasOffice.create({
    data: { name: `Dinas Sosial Kota Zona ${name}`, city: `Zona ${name}`, regionKind: "KOTA", province: "Uji", address: "Jl. Zona 1", timeZone: zone },
  });
  const kecamatan = await db.kecamatan.create({ data: { name: `Zona ${name}`, dinasOfficeId: dinasOffice.id } });
  const village = await db.village.create({ data: { name: `Kelurahan Zona ${name}`, kind: "KELURAHAN", kecamatanId: kecamatan.id } });
  const facilitator = await db.user.create({ data: { email: `pendamping@zona-${s}.test`, name: `Pendamping ${name}`, passwordHash: "x", role: "FACILITATOR", dinasOfficeId: dinasOffice.id } });
  const group = await db.group.create({
    data: {
      slug: `zona-${s}`,
      type: "KPM",
      name: `KPM Zona ${name}`,
      dinasOfficeId: dinasOffice.id,
      kecamatanId: kecamatan.id,
      villageId: village.id,
      businessDescription: "kue",
      verificationStatus: "VERIFIED",
      verifiedAt: new Date("2026-10-01T00:00:00Z"),
      facilitatorId: facilitator.id,
    },
  });
  const partner = await db.partner.create({
    data: { slug: `zona-hotel-${s}`, legalName: `PT Zona ${name}`, displayName: `Hotel Zona ${name}`, sector: "HOTEL", address: "Jl. Zona 2", city: `Zona ${name}`, contactName: "Uji", dinasOfficeId: dinasOffice.id, verificationStatus: "VERIFIED" },
  });
  const chair = await db.user.create({ data: { email: `kelompok@zona-${s}.test`, name: `Ketua ${name}`, passwordHash: "x", role: "GROUP", groupId: group.id } });
  const buyer = await db.user.create({ data: { email: `mitra@zona-${s}.test`, name: `Mitra ${name}`, passwordHash: "x", role: "PARTNER", partnerId: partner.id } });
  const dinas = await db.user.create({ data: { email: `dinas@zona-${s}.test`, name: `Dinas ${name}`, passwordHash: "x", role: "DINAS", dinasOfficeId: dinasOffice.id } });
  return { zone, dinasOffice, kecamatan, group, partner, facilitator, chair: actorOfUser(chair), buyer: actorOfUser(buyer), dinas: actorOfUser(dinas), dinasEmail: dinas.email };
}

/** A one-off demand as the form reads it: every day "yyyy-mm-dd" parsed as 00:00 WIB (the office is not known yet). */
function demandInput(o: Awaited<ReturnType<typeof office>>, categoryId: string, days: { start: string; deadline: string }): DemandInput {
  return {
    title: `Kue untuk rapat ${o.zone}`,
    categoryId,
    specification: "Kue basah, 3 macam",
    qualityRequirements: undefined,
    packaging: undefined,
    quantity: 100,
    unit: "BOX",
    frequency: "ONE_OFF",
    daysOfWeek: [],
    deliveryAddress: "Jl. Zona 2",
    deliveryKecamatanId: o.kecamatan.id,
    startDate: parseDateInput(days.start)!,
    endDate: undefined,
    priceMin: undefined,
    priceMax: undefined,
    offerDeadline: parseDateInput(days.deadline)!,
    allowSplit: false,
  };
}

const offer = (start: string): OfferInput => ({ pricePerUnit: 15_000, quantityPerPeriod: 100, startDate: parseDateInput(start)!, note: undefined });

describe("offices in WITA and WIT: deadlines, windows and printed dates in their own zone", () => {
  let offices: Record<ZoneName, Awaited<ReturnType<typeof office>>>;
  let categoryId: string;
  beforeAll(async () => {
    offices = { WIB: await office("WIB"), WITA: await office("WITA"), WIT: await office("WIT") };
    categoryId = (await db.productCategory.findFirstOrThrow({ orderBy: { sortOrder: "asc" } })).id;
  });

  it("a demand whose offer deadline is 'today' closes at the office's midnight, not Jakarta's", async () => {
    const created = new Date("2026-11-17T03:00:00Z"); // 17/11 10:00 WIB
    const demands = {} as Record<ZoneName, string>;
    for (const name of Object.keys(ZONES) as ZoneName[]) {
      const o = offices[name];
      const d = await createDemand(o.buyer, o.partner.id, demandInput(o, categoryId, { start: "2026-11-25", deadline: "2026-11-18" }), true, created);
      const stored = await db.demand.findUniqueOrThrow({ where: { id: d.id } });
      // the form's days are stored as the partner's office midnights
      expect(stored.offerDeadline.getTime(), name).toBe(startOfDay("2026-11-18", o.zone).getTime());
      expect(stored.startDate.getTime(), name).toBe(startOfDay("2026-11-25", o.zone).getTime());
      expect(stored.status, name).toBe("OPEN");
      demands[name] = d.id;
    }
    // 19/11 00:30 WIT = 18/11 23:30 WITA = 18/11 22:30 WIB: the deadline day is over in WIT only
    const edge = new Date("2026-11-18T15:30:00Z");
    expect([dayKey(edge, ZONES.WIB), dayKey(edge, ZONES.WITA), dayKey(edge, ZONES.WIT)]).toEqual(["2026-11-18", "2026-11-18", "2026-11-19"]);

    const feed = async (name: ZoneName) => (await demandFeed(offices[name].group.id, edge)).map((d) => d.id);
    expect(await feed("WIT")).not.toContain(demands.WIT);
    expect(await feed("WITA")).toContain(demands.WITA);
    expect(await feed("WIB")).toContain(demands.WIB);

    await expect(sendOffer(offices.WIT.chair, demands.WIT, offices.WIT.group.id, offer("2026-11-25"), null, edge)).rejects.toMatchObject({ key: "demands:errors.deadlinePassed" });
    const witaOffer = await sendOffer(offices.WITA.chair, demands.WITA, offices.WITA.group.id, offer("2026-11-25"), null, edge);
    // the offer's start day is stored as the demand's office midnight too
    expect((await db.offer.findUniqueOrThrow({ where: { id: witaOffer } })).startDate.getTime()).toBe(startOfDay("2026-11-25", ZONES.WITA).getTime());
  });

  it("an offer deadline of the office's yesterday is refused, although Jakarta is still on that day", async () => {
    const edge = new Date("2026-11-18T15:30:00Z"); // 19/11 00:30 WIT, 18/11 23:30 WITA
    const input = (name: ZoneName) => demandInput(offices[name], categoryId, { start: "2026-11-26", deadline: "2026-11-18" });
    await expect(createDemand(offices.WIT.buyer, offices.WIT.partner.id, input("WIT"), false, edge)).rejects.toMatchObject({ key: "demands:validation.deadlinePast", field: "offerDeadline" });
    const wita = await createDemand(offices.WITA.buyer, offices.WITA.partner.id, input("WITA"), false, edge);
    expect(wita.status).toBe("DRAFT");
  });

  it("'no facilitator visit this month' turns over at the office's first of the month", async () => {
    // each group was visited on 30/11 (its office's day)
    for (const name of ["WITA", "WIT"] as const) {
      const o = offices[name];
      await db.facilitatorVisit.create({ data: { groupId: o.group.id, facilitatorId: o.facilitator.id, visitDate: startOfDay("2026-11-30", o.zone), place: "Balai RW", attendeeCount: 5, topics: "BUSINESS" } });
    }
    // 1/12 00:30 WIT = 30/11 23:30 WITA = 30/11 22:30 WIB
    const edge = new Date("2026-11-30T15:30:00Z");
    const wit = await resolveScope({ role: "DINAS", dinasOfficeId: offices.WIT.dinasOffice.id }, {}, edge);
    const wita = await resolveScope({ role: "DINAS", dinasOfficeId: offices.WITA.dinasOffice.id }, {}, edge);
    expect([wit.zone, wit.filters.toKey, wita.zone, wita.filters.toKey]).toEqual([ZONES.WIT, "2026-12-01", ZONES.WITA, "2026-11-30"]);
    // the period starts at the office's 1 January
    expect(wit.filters.from.getTime()).toBe(startOfDay("2026-01-01", ZONES.WIT).getTime());

    const noVisit = async (scope: typeof wit, groupId: string) => (await loadWarnings(scope)).filter((w) => w.rule === "NO_VISIT_THIS_MONTH" && w.groupId === groupId);
    const [witWarning] = await noVisit(wit, offices.WIT.group.id);
    expect(witWarning).toMatchObject({ key: `NO_VISIT_THIS_MONTH:${offices.WIT.group.id}:2026-12`, facts: { month: "2026-12", lastVisitDay: "2026-11-30" } });
    expect(await noVisit(wita, offices.WITA.group.id)).toEqual([]);
    expect((await groupsWithoutVisit(offices.WIT.dinasOffice.id, edge)).map((g) => g.id)).toContain(offices.WIT.group.id);
    expect((await groupsWithoutVisit(offices.WITA.dinasOffice.id, edge)).map((g) => g.id)).not.toContain(offices.WITA.group.id);
  });

  it("the viewer's zone is the office the signed-in user belongs to", async () => {
    const zoneOfUser = async (email: string | null) => viewerZone((await loadSessionUser(getRequest("/", await cookieFor(email))))!.user);
    expect(await zoneOfUser(offices.WIT.dinasEmail)).toBe(ZONES.WIT);
    expect(await zoneOfUser("kelompok@zona-wita.test")).toBe(ZONES.WITA);
    expect(await zoneOfUser("mitra@zona-wit.test")).toBe(ZONES.WIT);
    expect(await zoneOfUser("pendamping@zona-wita.test")).toBe(ZONES.WITA);
    expect(await zoneOfUser("admin@bermitra.id")).toBe(ZONES.WIB);
  });

  it("the MoU page's loader hands the page its office zone, so its period prints as the office's days", async () => {
    const o = offices.WIT;
    const mou = await createMouFromScratch(o.dinas, { dinasOfficeId: o.dinasOffice.id, partnerId: o.partner.id, groupIds: [o.group.id], startDate: "2026-12-01", endDate: "2027-11-30" });
    const response = (await mouLoader({ request: getRequest(`/mou/${mou.id}`, await cookieFor(o.dinasEmail)), params: { id: mou.id }, context: {} })) as Response;
    const data = (await response.json()) as { zone: string; mou: { startDate: string; endDate: string } };
    expect(data.zone).toBe(ZONES.WIT);
    expect([formatDate(data.mou.startDate, data.zone), formatDate(data.mou.endDate, data.zone)]).toEqual(["01/12/2026", "30/11/2027"]);
    // what the page printed before (WIB): the day before
    expect(formatDate(data.mou.startDate, ZONES.WIB)).toBe("30/11/2026");
  });

  it("the invoice PDF prints its dates in the invoice's office zone", async () => {
    // this file's own database copy: Kota Batu becomes a WIT office
    const batu = await db.dinasOffice.findFirstOrThrow({ where: { city: { contains: "Batu" } } });
    await db.dinasOffice.update({ where: { id: batu.id }, data: { timeZone: ZONES.WIT } });
    const row = await db.invoice.findFirstOrThrow({ where: { group: { dinasOfficeId: batu.id } } });
    // issued 18/11 00:30 WIT (17/11 22:30 WIB), due at the end of 1/12 WIT
    await db.invoice.update({ where: { id: row.id }, data: { issuedAt: new Date("2026-11-17T15:30:00Z"), dueAt: new Date("2026-12-01T14:59:59.999Z") } });
    const invoice = (await getInvoice(await actorFor("dinas@bermitra.id"), row.id))!;
    expect(invoice.zone).toBe(ZONES.WIT);
    const text = (await pdfPageTexts(await renderInvoicePdf(invoice, "id"))).join("\n");
    expect(text).toContain("18/11/2026");
    expect(text).toContain("01/12/2026");
    expect(text).not.toContain("17/11/2026");
  });
});
