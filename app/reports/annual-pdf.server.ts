import { readFile } from "node:fs/promises";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { formatDate, formatNumber, formatRupiah } from "~/i18n/format";
import { formatDayKey } from "~/time/calendar";
import { getServerT } from "~/i18n/i18n.server";
import { COMPONENTS, WEIGHTS } from "~/monitoring/enthusiasm";
import type { Share } from "~/monitoring/overview.server";
import type { AnnualReport } from "./annual.server";

/**
 * The annual report as an A4 PDF in Bahasa Indonesia (decision 089). DejaVu Sans is embedded (subset) so
 * every letter survives — the standard Helvetica of pdf-lib only knows WinAnsi and drops the rest.
 */
const FONT_DIR = path.resolve(process.cwd(), "node_modules/dejavu-fonts-ttf/ttf");
let fontBytes: Promise<[Buffer, Buffer]> | null = null;
function fonts(): Promise<[Buffer, Buffer]> {
  fontBytes ??= Promise.all([readFile(path.join(FONT_DIR, "DejaVuSans.ttf")), readFile(path.join(FONT_DIR, "DejaVuSans-Bold.ttf"))]);
  return fontBytes;
}

const A4: [number, number] = [595.28, 841.89];
const LEFT = 48;
const RIGHT = A4[0] - 48;
const TOP = A4[1] - 56;
const BOTTOM = 56;

type Column = { header: string; width: number; align?: "left" | "right" };

class Writer {
  page!: PDFPage;
  y = TOP;
  pages = 0;
  constructor(
    private pdf: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
    private footer: string,
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.pdf.addPage(A4);
    this.pages++;
    this.y = TOP;
    this.page.drawText(`${this.footer} · ${this.pages}`, { x: LEFT, y: 30, size: 8, font: this.font, color: rgb(0.4, 0.4, 0.4) });
  }
  need(height: number) {
    if (this.y - height < BOTTOM) this.newPage();
  }
  /** Splits a text into lines that fit `width` at `size`. */
  wrap(text: string, width: number, size: number, font = this.font): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split("\n")) {
      let line = "";
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const next = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
        else {
          lines.push(line);
          line = word;
        }
      }
      lines.push(line);
    }
    return lines;
  }
  text(text: string, { size = 10, font = this.font, indent = 0, gap = 3 }: { size?: number; font?: PDFFont; indent?: number; gap?: number } = {}) {
    for (const line of this.wrap(text, RIGHT - LEFT - indent, size, font)) {
      this.need(size + gap);
      this.y -= size;
      this.page.drawText(line, { x: LEFT + indent, y: this.y, size, font, color: rgb(0.1, 0.1, 0.1) });
      this.y -= gap;
    }
  }
  heading(text: string) {
    this.need(40);
    this.y -= 10;
    this.text(text, { size: 13, font: this.bold, gap: 6 });
  }
  table(columns: Column[], rows: string[][], size = 8.5) {
    const total = columns.reduce((s, c) => s + c.width, 0);
    const scale = (RIGHT - LEFT) / total;
    const widths = columns.map((c) => c.width * scale);
    const drawRow = (cells: string[], font: PDFFont) => {
      const wrapped = cells.map((cell, i) => this.wrap(cell, widths[i]! - 4, size, font));
      const height = Math.max(...wrapped.map((w) => w.length)) * (size + 2) + 3;
      this.need(height);
      let x = LEFT;
      wrapped.forEach((lines, i) => {
        lines.forEach((line, j) => {
          const w = font.widthOfTextAtSize(line, size);
          const lx = columns[i]!.align === "right" ? x + widths[i]! - 2 - w : x + 2;
          this.page.drawText(line, { x: lx, y: this.y - size - j * (size + 2), size, font, color: rgb(0.1, 0.1, 0.1) });
        });
        x += widths[i]!;
      });
      this.y -= height;
      this.page.drawLine({ start: { x: LEFT, y: this.y + 1 }, end: { x: RIGHT, y: this.y + 1 }, thickness: 0.3, color: rgb(0.75, 0.75, 0.75) });
    };
    drawRow(
      columns.map((c) => c.header),
      this.bold,
    );
    for (const row of rows) drawRow(row, this.font);
    this.y -= 6;
  }
}

export async function renderAnnualReportPdf(report: AnnualReport): Promise<Uint8Array> {
  const t = getServerT("id") as unknown as (key: string, options?: Record<string, unknown>) => string;
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const [regularBytes, boldBytes] = await fonts();
  const font = await pdf.embedFont(regularBytes, { subset: true });
  const bold = await pdf.embedFont(boldBytes, { subset: true });
  const officeNames = report.offices.map((o) => o.name).join(", ");
  const title = t("reports:annual.title", { year: report.year });
  pdf.setTitle(`${title} — ${officeNames}`);
  pdf.setAuthor(officeNames);
  pdf.setCreator("Bermitra");
  pdf.setLanguage("id-ID");
  pdf.setCreationDate(report.generatedAt);
  pdf.setModificationDate(report.generatedAt);
  const w = new Writer(pdf, font, bold, `${title} · ${officeNames}`);
  const o = report.overview;
  const pct = (s: Share) => (s.percent === null ? t("monitoring:noData") : t("monitoring:percentOf", { percent: s.percent, count: formatNumber(s.count), total: formatNumber(s.total) }));
  const days = (d: { median: number | null; count: number }) => (d.median === null ? t("monitoring:noData") : t("monitoring:indicators.days", { days: formatNumber(d.median), count: d.count }));
  const score = (s: number | null) => (s === null ? "–" : `${Math.round(s * 100)} %`);

  w.text(title, { size: 18, font: bold, gap: 6 });
  w.text(officeNames, { size: 12, font: bold });
  w.text(t("reports:annual.period", { from: formatDayKey(o.period.fromKey), to: formatDayKey(o.period.toKey) }), { size: 10 });
  w.text(t("reports:annual.generated", { date: formatDate(report.generatedAt, report.zone) }), { size: 9 });
  w.text(t("reports:annual.intro"), { size: 9, gap: 4 });

  // 1. programme figures
  w.heading(t("reports:annual.sections.programme"));
  w.table(
    [
      { header: t("monitoring:columns.type"), width: 2 },
      { header: t("monitoring:columns.formed"), width: 1, align: "right" },
      { header: t("monitoring:columns.verified"), width: 1, align: "right" },
      { header: t("monitoring:columns.active"), width: 1, align: "right" },
      { header: t("monitoring:columns.partnered"), width: 1, align: "right" },
    ],
    [
      ...o.groups.byType.map((r) => [r.type, formatNumber(r.formed), formatNumber(r.verified), formatNumber(r.active), formatNumber(r.partnered)]),
      [t("reports:annual.total"), formatNumber(o.groups.totals.formed), formatNumber(o.groups.totals.verified), formatNumber(o.groups.totals.active), formatNumber(o.groups.totals.partnered)],
    ],
  );
  w.table(
    [
      { header: t("monitoring:columns.kecamatan"), width: 2 },
      { header: t("monitoring:columns.formed"), width: 1, align: "right" },
      { header: t("monitoring:columns.active"), width: 1, align: "right" },
      { header: t("monitoring:columns.partnered"), width: 1, align: "right" },
      { header: t("monitoring:columns.kubeFormed"), width: 1, align: "right" },
      { header: t("monitoring:columns.kubeActive"), width: 1, align: "right" },
    ],
    o.groups.byKecamatan.map((k) => [k.kecamatan, formatNumber(k.formed), formatNumber(k.active), formatNumber(k.partnered), formatNumber(k.kube.formed), formatNumber(k.kube.active)]),
  );
  w.text(`${t("monitoring:mous.title")}: ${t("monitoring:mous.active", { count: o.mous.active })} · ${t("monitoring:mous.expiring", { count: o.mous.expiring })} · ${t("monitoring:mous.ended", { count: o.mous.ended })}`);
  w.text(`${t("monitoring:quality.onTime")}: ${pct(o.deliveries.onTime)} · ${t("monitoring:quality.accepted")}: ${pct(o.deliveries.quality)}`);

  // 2. the three indicators
  w.heading(t("reports:annual.sections.indicators"));
  w.table(
    [
      { header: t("reports:annual.indicator"), width: 2 },
      { header: t("reports:annual.measure"), width: 3 },
      { header: t("reports:annual.value"), width: 2, align: "right" },
    ],
    [
      [t("monitoring:indicators.effectiveness"), t("monitoring:indicators.effectivenessHint"), pct(o.indicators.effectiveness)],
      [t("monitoring:indicators.responsiveness"), t("monitoring:indicators.verification"), days(o.indicators.responsiveness.verificationDays)],
      ["", t("monitoring:indicators.firstOffer"), days(o.indicators.responsiveness.firstOfferDays)],
      ["", t("monitoring:indicators.answer"), days(o.indicators.responsiveness.answerDays)],
      [t("monitoring:indicators.accountability"), t("monitoring:indicators.coaching"), pct(o.indicators.accountability.coaching)],
      ["", t("monitoring:indicators.reports"), pct(o.indicators.accountability.reports)],
      ["", t("monitoring:indicators.visits"), pct(o.indicators.accountability.visits)],
    ],
  );

  // 3. partners ranked
  w.heading(t("reports:annual.sections.partners"));
  w.text(t("monitoring:partners.formula"), { size: 8.5 });
  w.text(COMPONENTS.map((c) => `${t(`monitoring:partners.components.${c}`)} (${WEIGHTS[c]})`).join(" · "), { size: 8.5, gap: 5 });
  w.table(
    [
      { header: t("monitoring:partners.rank"), width: 0.9, align: "right" },
      { header: t("monitoring:partners.partner"), width: 3.2 },
      { header: t("monitoring:partners.sector"), width: 1.6 },
      { header: t("reports:annual.index"), width: 1.2, align: "right" },
      ...COMPONENTS.map((c) => ({ header: t(`reports:annual.components.${c}`), width: 1.2, align: "right" as const })),
    ],
    report.ranking.map((r) => [
      r.rank === null ? "–" : String(r.rank),
      r.passive ? `${r.name} (${t("monitoring:partners.passiveBadge")})` : r.name,
      t(`enums:sector.${r.sector}`),
      r.index === null ? t("monitoring:partners.notEnoughData") : String(r.index),
      ...COMPONENTS.map((c) => score(r.components[c].score)),
    ]),
  );

  // 4. groups' revenue
  w.heading(t("reports:annual.sections.revenue"));
  w.text(`${t("monitoring:revenue.period", { amount: formatRupiah(o.revenue.period) })}`);
  w.table(
    [
      { header: t("monitoring:columns.month"), width: 2 },
      { header: t("monitoring:columns.payments"), width: 1, align: "right" },
      { header: t("monitoring:columns.revenue"), width: 2, align: "right" },
    ],
    o.revenue.byMonth.map((r) => [r.month, formatNumber(r.payments), formatRupiah(r.amount)]),
  );
  w.table(
    [
      { header: t("reports:annual.group"), width: 4 },
      { header: t("monitoring:columns.payments"), width: 1, align: "right" },
      { header: t("monitoring:columns.revenue"), width: 2, align: "right" },
    ],
    report.groupRevenue.length ? report.groupRevenue.map((g) => [g.group, formatNumber(g.payments), formatRupiah(g.amount)]) : [[t("monitoring:noData"), "", ""]],
  );

  // 5. aid against revenue (the /dinas/aid figures: revenue since each group's first aid, up to the report's day)
  w.heading(t("reports:annual.sections.aid"));
  w.text(t("reports:annual.aid.hint"), { size: 8.5, gap: 5 });
  const aid = report.aid;
  // one decimal, as on /dinas/aid (most groups earn a few percent of their aid)
  const returnText = (v: number | null) => (v === null ? "–" : `${String(v).replace(".", ",")} %`);
  w.table(
    [
      { header: t("aid:columns.group"), width: 3.2 },
      { header: t("aid:columns.kecamatan"), width: 1.5 },
      { header: t("aid:columns.totalAid"), width: 1.9, align: "right" },
      { header: t("aid:columns.firstAid"), width: 1.4, align: "right" },
      { header: t("aid:columns.revenueSince"), width: 1.9, align: "right" },
      { header: t("aid:columns.return"), width: 1.2, align: "right" },
    ],
    aid.rows.length
      ? [
          ...aid.rows.map((r) => [r.name, r.kecamatan, formatRupiah(r.totalAid), formatDate(r.firstAidOn, report.zone), formatRupiah(r.revenueSince), returnText(r.returnPercent)]),
          [t("reports:annual.aid.total", { count: aid.totals.groups }), "", formatRupiah(aid.totals.totalAid), "", formatRupiah(aid.totals.revenueSince), returnText(aid.totals.returnPercent)],
        ]
      : [[t("monitoring:noData"), "", "", "", "", ""]],
  );

  // 6. coaching delivered
  w.heading(t("reports:annual.sections.coaching"));
  w.table(
    [
      { header: t("reports:annual.measure"), width: 4 },
      { header: t("reports:annual.value"), width: 1, align: "right" },
    ],
    [
      [t("reports:annual.coaching.promised"), formatNumber(report.coaching.promised)],
      [t("reports:annual.coaching.dueSoFar"), formatNumber(report.coaching.dueSoFar)],
      [t("reports:annual.coaching.delivered"), formatNumber(report.coaching.delivered)],
      [t("reports:annual.coaching.missed"), formatNumber(report.coaching.missed)],
      [t("reports:annual.coaching.reportsFiled"), formatNumber(report.coaching.reportsFiled)],
      [t("reports:annual.coaching.visits"), t("monitoring:visits.covered", { covered: o.visits.covered, target: o.visits.target })],
    ],
  );

  // 7. early warnings followed up during the year (and those still open when the report is made)
  w.heading(t("reports:annual.sections.warnings"));
  w.table(
    [
      { header: t("reports:annual.warnings.rule"), width: 4 },
      { header: t("reports:annual.warnings.followedUp"), width: 1.4, align: "right" },
      { header: t("reports:annual.warnings.openNow"), width: 1.4, align: "right" },
    ],
    [
      ...report.warnings.byRule.map((r) => [t(`warnings:rules.${r.rule}`), formatNumber(r.followedUp), formatNumber(r.openNow)]),
      [t("reports:annual.total"), formatNumber(report.warnings.byRule.reduce((s, r) => s + r.followedUp, 0)), formatNumber(report.warnings.byRule.reduce((s, r) => s + r.openNow, 0))],
    ],
  );
  w.table(
    [
      { header: t("reports:annual.warnings.date"), width: 1.3 },
      { header: t("reports:annual.warnings.rule"), width: 2 },
      { header: t("reports:annual.warnings.subject"), width: 2.6 },
      { header: t("reports:annual.warnings.note"), width: 3.2 },
      { header: t("reports:annual.warnings.by"), width: 1.6 },
    ],
    report.warnings.followUps.length
      ? report.warnings.followUps.map((f) => [formatDate(f.at, report.zone), t(`warnings:rules.${f.rule}`), f.subject, f.note, f.by])
      : [[t("reports:annual.warnings.none"), "", "", "", ""]],
  );

  return pdf.save();
}
