import { db } from "~/db/db.server";
import { partnerEvidence, partnerRanking } from "~/monitoring/partners.server";
import { resolveScope } from "~/monitoring/scope.server";
import { loader as evidenceLoader } from "~/routes/dinas.partners.$partnerId";
import { loader as rankingLoader } from "~/routes/dinas.partners._index";
import { loader as exportLoader } from "~/routes/dinas.export.$page";
import { cookieFor, getRequest, responseOf } from "../helpers/requests";

const NOW = new Date("2026-11-17T03:00:00.000Z");

async function viewerOf(email: string) {
  const u = await db.user.findUniqueOrThrow({ where: { email } });
  return { role: u.role, dinasOfficeId: u.dinasOfficeId };
}

describe("partner enthusiasm ranking (seeded Kota Batu)", () => {
  it("flags the theme park as 'mitra pasif' (not the coaching hotel), ranks it below the coaching hotel, and scopes to the office", async () => {
    const rows = await partnerRanking(await resolveScope(await viewerOf("dinas@bermitra.id"), {}, NOW));
    const park = rows.find((r) => r.name === "Taman Rekreasi Gunung Panderman")!;
    const hotel = rows.find((r) => r.name === "Hotel Taman Sari Batu")!;
    expect(park.passive).toBe(true);
    expect(hotel.passive).toBe(false);
    expect(park.components.coaching.score).toBe(0);
    expect(hotel.index).not.toBeNull();
    expect(hotel.rank!).toBeLessThan(park.rank ?? Infinity);
    expect(hotel.index!).toBeGreaterThan(park.index ?? -1);
    const ranks = rows.filter((r) => r.rank !== null).map((r) => r.rank!);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    const batuPartners = await db.partner.count({ where: { dinasOffice: { city: "Batu" }, verificationStatus: "VERIFIED" } });
    expect(rows).toHaveLength(batuPartners);

    const malang = await partnerRanking(await resolveScope(await viewerOf("dinas.malang@bermitra.id"), {}, NOW));
    expect(malang.some((r) => r.partnerId === park.partnerId || r.partnerId === hotel.partnerId)).toBe(false);
    await expect(partnerEvidence(await resolveScope(await viewerOf("dinas.malang@bermitra.id"), {}, NOW), park.partnerId)).rejects.toMatchObject({ key: "errors:notFound" });
  });

  it("shows the theme park's evidence, exports the ranking, and answers 404 to another office", async () => {
    const park = await db.partner.findUniqueOrThrow({ where: { slug: "taman-rekreasi-gunung-panderman" } });
    const res = await evidenceLoader({ request: getRequest(`/dinas/partners/${park.id}`, await cookieFor("dinas@bermitra.id")), params: { partnerId: park.id }, context: {} });
    const body = (await res.json()) as { e: { passive: unknown; sessions: { status: string }[] } };
    expect(body.e.passive).not.toBeNull();
    expect(body.e.sessions.length).toBeGreaterThan(0);
    expect(body.e.sessions.every((s) => s.status === "MISSED")).toBe(true);
    const other = await responseOf(async () => evidenceLoader({ request: getRequest(`/dinas/partners/${park.id}`, await cookieFor("dinas.malang@bermitra.id")), params: { partnerId: park.id }, context: {} }));
    expect(other.status).toBe(404);
    const partner = await responseOf(async () => rankingLoader({ request: getRequest("/dinas/partners", await cookieFor("mitra@bermitra.id")), params: {}, context: {} }));
    expect(partner.status).toBe(403);
    const ranking = (await (await rankingLoader({ request: getRequest("/dinas/partners", await cookieFor("dinas@bermitra.id")), params: {}, context: {} })).json()) as {
      rows: unknown[];
      paging: { total: number; shown: { from: string; to: string; total: string } };
    };
    // the "1–50 of 2.013" line is formatted by the loader (formatNumber: a dot per thousand)
    expect(ranking.paging.shown).toEqual({ from: "1", to: String(ranking.rows.length), total: String(ranking.paging.total) });
    const csv = await exportLoader({ request: getRequest("/dinas/export/partners?format=csv", await cookieFor("dinas@bermitra.id")), params: { page: "partners" }, context: {} });
    const malangExport = await responseOf(async () => exportLoader({ request: getRequest(`/dinas/export/partner?format=csv&partnerId=${park.id}`, await cookieFor("dinas.malang@bermitra.id")), params: { page: "partner" }, context: {} }));
    expect(malangExport.status).toBe(404);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split("\r\n");
    expect(lines[0]!.split(";").slice(0, 4)).toEqual(["Peringkat", "Mitra", "Sektor", "Indeks (0–100)"]);
    expect(lines.find((l) => l.includes("Taman Rekreasi"))).toMatch(/;Wisata;.*;ya$/);
  });
});
