import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { db } from "~/db/db.server";
import { renderAnnualReportPdf } from "~/reports/annual-pdf.server";
import { loadAnnualReport } from "~/reports/annual.server";
import { loader as pdfLoader } from "~/routes/dinas.reports.annual[.]pdf";
import { loader as pageLoader } from "~/routes/dinas.reports._index";
import { formatRupiah } from "~/i18n/format";
import { pdfPageTexts } from "../helpers/pdf-text";
import { cookieFor, getRequest, responseOf } from "../helpers/requests";
import { actorFor } from "../helpers/actors";
import { resolveScope } from "~/monitoring/scope.server";
import { followUpWarning, loadWarnings } from "~/monitoring/warnings.server";

const NOW = new Date("2026-11-17T03:00:00.000Z");

async function viewerOf(email: string) {
  const u = await db.user.findUniqueOrThrow({ where: { email } });
  return { role: u.role, dinasOfficeId: u.dinasOfficeId };
}

describe("annual report PDF (Bahasa Indonesia, DejaVu embedded)", () => {
  it("holds the year's programme figures, the three indicators, the ranked partners, groups' revenue and coaching", async () => {
    const report = await loadAnnualReport(await viewerOf("dinas@bermitra.id"), 2026, NOW);
    expect(report.overview.period).toMatchObject({ fromKey: "2026-01-01", toKey: "2026-12-31" });
    const bytes = await renderAnnualReportPdf(report);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    // an embedded TrueType font (DejaVu), not a standard (Latin-1 only) font
    const loaded = await PDFDocument.load(bytes);
    const dicts = loaded.context.enumerateIndirectObjects().map(([, o]) => o).filter((o): o is PDFDict => o instanceof PDFDict);
    const descriptors = dicts.filter((d) => d.has(PDFName.of("FontFile2")));
    expect(descriptors.length).toBeGreaterThanOrEqual(2);
    expect(descriptors.every((d) => String(d.get(PDFName.of("FontName"))).includes("DejaVuSans"))).toBe(true);
    expect(dicts.some((d) => String(d.get(PDFName.of("BaseFont"))).includes("Helvetica"))).toBe(false);
    const text = (await pdfPageTexts(bytes)).join("\n");
    expect(text).toContain("Laporan Tahunan Program Kemitraan 2026");
    expect(text).toContain("Dinas Sosial Kota Batu");
    expect(text).toContain("Periode 01/01/2026 s.d. 31/12/2026");
    // the studies' figures: 25 KPM, 53 KUBE (Batu 24, Bumiaji 13, Junrejo 16)
    const kpm = report.overview.groups.byType.find((r) => r.type === "KPM")!;
    const kube = report.overview.groups.byType.find((r) => r.type === "KUBE")!;
    expect(kpm.formed).toBe(25);
    expect(kube.formed).toBe(53);
    expect(text).toMatch(new RegExp(`KPM 25 ${kpm.verified} ${kpm.active} ${kpm.partnered}`));
    expect(text).toMatch(new RegExp(`KUBE 53 ${kube.verified} ${kube.active} ${kube.partnered}`));
    const bumiaji = report.overview.groups.byKecamatan.find((k) => k.kecamatan === "Bumiaji")!;
    expect(bumiaji.kube.formed).toBe(13);
    expect(text).toMatch(new RegExp(`Bumiaji ${bumiaji.formed} ${bumiaji.active} ${bumiaji.partnered} 13 ${bumiaji.kube.active}`));
    // the three indicators
    expect(text).toContain("2. Tiga indikator kinerja Dinas");
    const eff = report.overview.indicators.effectiveness;
    expect(text).toContain(`${eff.percent} % (${eff.count} dari ${eff.total})`.replace(/ \(/, " ("));
    expect(text).toContain("Efektivitas");
    expect(text).toContain("Responsivitas (median)");
    expect(text).toContain("Akuntabilitas");
    // partners ranked, with components; the passive theme park is marked
    const park = report.ranking.find((r) => r.name === "Taman Rekreasi Gunung Panderman")!;
    // (a long name wraps inside its cell: the two lines are read apart)
    expect(text.replace(/\s+/g, " ")).toMatch(/Taman Rekreasi Gunung .*Panderman \(mitra pasif\)/);
    const hotel = report.ranking.find((r) => r.name === "Hotel Taman Sari Batu")!;
    expect(text).toMatch(new RegExp(`${hotel.rank} Hotel Taman Sari Batu Hotel ${hotel.index} ${Math.round(hotel.components.coaching.score! * 100)} %`));
    expect(park.components.coaching.score).toBe(0);
    // groups' revenue: total of the year and the top group
    expect(text).toContain(`Periode ini: ${formatRupiah(report.overview.revenue.period)}`);
    const top = report.groupRevenue[0]!;
    expect(top.amount).toBeGreaterThan(0);
    expect(text).toContain(`${top.group} ${top.payments} ${formatRupiah(top.amount)}`);
    expect(report.groupRevenue.reduce((s, g) => s + g.amount, 0)).toBe(report.overview.revenue.period);
    // coaching delivered
    expect(text).toContain(`Sesi terlaksana ${report.coaching.delivered}`);
    expect(text).toContain(`Sesi terlewat ${report.coaching.missed}`);
  });

  it("holds aid against revenue (the seeded KUBE capital and equipment) and the warnings followed up during the year", async () => {
    const viewer = await viewerOf("dinas@bermitra.id");
    // follow up the theme park's "mitra pasif" warning, as Dinas does on /dinas/warnings
    const scope = await resolveScope(viewer, {}, NOW);
    const park = await db.partner.findUniqueOrThrow({ where: { slug: "taman-rekreasi-gunung-panderman" } });
    const warning = (await loadWarnings(scope)).find((w) => w.rule === "PASSIVE_PARTNER" && w.subjectId === park.id)!;
    await followUpWarning(await actorFor("dinas@bermitra.id"), scope, warning.key, "Ditelepon: jadwal pembinaan Desember disepakati");

    // the report is made after the follow-up (the pinned clock runs on from NOW)
    const report = await loadAnnualReport(viewer, 2026, new Date());
    const text = (await pdfPageTexts(await renderAnnualReportPdf(report))).join("\n");
    const flat = text.replace(/\s+/g, " ");
    // 5. aid against revenue: the studies' 53 KUBE with Rp 20 juta capital, 18 of them with equipment (Rp 94,8 juta in all)
    expect(text).toContain("5. Bantuan program terhadap pendapatan kelompok");
    const kube = report.aid.rows.filter((r) => r.type === "KUBE");
    expect(kube).toHaveLength(53);
    expect(kube.every((r) => r.byKind.CAPITAL === 20_000_000)).toBe(true);
    expect(kube.reduce((s, r) => s + r.byKind.EQUIPMENT, 0)).toBe(94_800_000);
    expect(report.aid.totals.totalAid).toBe(53 * 20_000_000 + 94_800_000 + report.aid.totals.byKind.TRAINING);
    expect(flat).toContain(`${formatRupiah(report.aid.totals.totalAid)} ${formatRupiah(report.aid.totals.revenueSince)}`);
    const earning = report.aid.rows.find((r) => r.revenueSince > 0)!;
    expect(earning).toBeDefined();
    expect(flat).toContain(`${formatRupiah(earning.totalAid)}`);
    expect(flat).toMatch(new RegExp(`${formatRupiah(earning.revenueSince).replace(/\./g, "\\.")} ${String(earning.returnPercent).replace(".", ",")} %`));
    // 6. coaching delivered comes after it
    expect(text.indexOf("6. Pembinaan yang terlaksana")).toBeGreaterThan(text.indexOf("5. Bantuan program"));
    // 7. warnings followed up: the count per rule and the follow-up itself with its note and author
    expect(text).toContain("7. Peringatan dini yang ditindaklanjuti");
    const passive = report.warnings.byRule.find((r) => r.rule === "PASSIVE_PARTNER")!;
    expect(passive.followedUp).toBe(1);
    expect(flat).toContain(`Mitra pasif ${passive.followedUp} ${passive.openNow}`);
    expect(report.warnings.followUps).toEqual([expect.objectContaining({ rule: "PASSIVE_PARTNER", subject: "Taman Rekreasi Gunung Panderman", note: "Ditelepon: jadwal pembinaan Desember disepakati" })]);
    expect(flat).toContain("17/11/2026 Mitra pasif Taman Rekreasi Gunung");
    expect(flat).toMatch(/Ditelepon: jadwal pembinaan .*Desember disepakati/);
    expect(flat).toContain(report.warnings.followUps[0]!.by);

    // the other city's report has none of Batu's aid or follow-ups
    const malang = await loadAnnualReport(await viewerOf("dinas.malang@bermitra.id"), 2026, NOW);
    expect(malang.warnings.followUps).toEqual([]);
    expect(malang.aid.rows.some((r) => kube.some((k) => k.groupId === r.groupId))).toBe(false);
    const malangText = (await pdfPageTexts(await renderAnnualReportPdf(malang))).join("\n");
    expect(malangText.replace(/\s+/g, " ")).toContain("Belum ada peringatan yang ditindaklanjuti tahun ini.");
  });

  it("keeps letters outside Latin-1 (a group named with them survives the font)", async () => {
    const group = await db.group.findFirstOrThrow({ where: { slug: "kpm-melati-sisir" } });
    await db.group.update({ where: { id: group.id }, data: { name: "KPM Melati Sisir — Ŝ ğ ő ₹ “kutip”" } });
    const report = await loadAnnualReport(await viewerOf("dinas@bermitra.id"), 2026, NOW);
    const text = (await pdfPageTexts(await renderAnnualReportPdf(report))).join("\n");
    expect(report.groupRevenue.some((g) => g.group.startsWith("KPM Melati Sisir"))).toBe(true);
    expect(text).toContain("KPM Melati Sisir — Ŝ ğ ő ₹ “kutip”");
    expect(text).toContain("Indeks = 100 × rata-rata berbobot");
    expect(text).toContain("Pembinaan tepat waktu (30)");
  });

  it("answers the route: a PDF for Dinas and the province (a city filter), 400 for a bad year, 403 for others", async () => {
    const dinas = await cookieFor("dinas@bermitra.id");
    const res = await pdfLoader({ request: getRequest("/dinas/reports/annual.pdf?year=2026", dinas), params: {}, context: {} });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Content-Disposition")).toContain("laporan-tahunan-2026.pdf");
    const page = await pageLoader({ request: getRequest("/dinas/reports", dinas), params: {}, context: {} });
    const options = (await page.json()) as { years: number[]; offices: unknown[] };
    expect(options.years[0]).toBe(2026);
    expect(options.offices).toHaveLength(1);

    const province = await cookieFor("provinsi@bermitra.id");
    const malang = await db.dinasOffice.findFirstOrThrow({ where: { name: "Dinas Sosial Kota Malang" } });
    const both = await pdfLoader({ request: getRequest("/dinas/reports/annual.pdf?year=2026", province), params: {}, context: {} });
    const bothText = (await pdfPageTexts(new Uint8Array(await both.arrayBuffer()))).join("\n");
    expect(bothText).toContain("Dinas Sosial Kota Batu, Dinas Sosial Kota Malang");
    const onlyMalang = await pdfLoader({ request: getRequest(`/dinas/reports/annual.pdf?year=2026&officeId=${malang.id}`, province), params: {}, context: {} });
    const malangText = (await pdfPageTexts(new Uint8Array(await onlyMalang.arrayBuffer()))).join("\n");
    expect(malangText).toContain("Hotel Graha Kayutangan");
    expect(malangText).not.toContain("Hotel Taman Sari Batu");

    for (const url of ["/dinas/reports/annual.pdf?year=abc", "/dinas/reports/annual.pdf", "/dinas/reports/annual.pdf?year=2031", `/dinas/reports/annual.pdf?year=2026&officeId=${malang.id}`]) {
      const bad = await responseOf(async () => pdfLoader({ request: getRequest(url, dinas), params: {}, context: {} }));
      expect(bad.status, url).toBe(400);
    }
    const partner = await responseOf(async () => pdfLoader({ request: getRequest("/dinas/reports/annual.pdf?year=2026", await cookieFor("mitra@bermitra.id")), params: {}, context: {} }));
    expect(partner.status).toBe(403);
  });
});
