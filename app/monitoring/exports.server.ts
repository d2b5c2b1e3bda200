import { formatDate } from "~/i18n/format";
import { COMPONENTS } from "./enthusiasm";
import { exportResponse, type ExportFormat, type ExportPage } from "./export.server";
import { FIGURES, loadOverview, type Figure } from "./overview.server";
import { overviewTables, recordsTable } from "./overview-tables.server";
import { partnerEvidence, partnerRanking } from "./partners.server";
import type { MonitoringRequest } from "./request.server";
import { warningsExport } from "./warnings-export.server";
import { aidExport } from "~/aid/aid-export.server";

/** The CSV/XLSX of each monitoring page, with the page's filters (decision 081). */
export async function exportOf(page: ExportPage, m: MonitoringRequest, format: ExportFormat): Promise<Response> {
  const t = m.t;
  const q = m.url.searchParams;
  switch (page) {
    case "overview": {
      const data = await loadOverview(m.scope);
      return exportResponse(format, `monitoring-${m.scope.filters.fromKey}-${m.scope.filters.toKey}`, overviewTables(data, t, q.get("table")));
    }
    case "records": {
      const figure = q.get("figure");
      if (!figure || !(FIGURES as readonly string[]).includes(figure)) throw new Response("errors:notFound", { status: 404 });
      const { table } = await recordsTable(await loadOverview(m.scope), figure as Figure, t);
      return exportResponse(format, `monitoring-${figure}`, [table]);
    }
    case "partners": {
      const rows = await partnerRanking(m.scope, { trendFor: () => [] });
      const pct = (v: number | null) => (v === null ? null : Math.round(v * 100));
      return exportResponse(format, `enthusiasm-${m.scope.filters.fromKey}-${m.scope.filters.toKey}`, [
        {
          name: t("monitoring:partners.title"),
          headers: [t("monitoring:partners.rank"), t("monitoring:partners.partner"), t("monitoring:partners.sector"), t("monitoring:partners.index"), ...COMPONENTS.map((c) => t(`monitoring:partners.components.${c}`)), t("monitoring:partners.passive")],
          rows: rows.map((r) => [r.rank, r.name, t(`enums:sector.${r.sector}`), r.index ?? t("monitoring:partners.notEnoughData"), ...COMPONENTS.map((c) => pct(r.components[c].score)), r.passive ? t("monitoring:partners.yes") : t("monitoring:partners.no")]),
        },
      ]);
    }
    case "warnings":
      return warningsExport(m, format);
    case "aid":
      return aidExport(m, format);
    case "partner": {
      const e = await partnerEvidence(m.scope, q.get("partnerId") ?? "");
      const day = (d: Date | null) => (d ? formatDate(d, m.scope.zone) : null);
      return exportResponse(format, `evidence-${e.partner.displayName}`, [
        { name: t("monitoring:evidence.sessions"), headers: [t("monitoring:evidence.topic"), t("monitoring:evidence.group"), t("monitoring:columns.status"), t("monitoring:evidence.due"), t("monitoring:evidence.delivered"), t("monitoring:evidence.rating")], rows: e.sessions.map((s) => [s.topic, s.group, t(`monitoring:status.${s.status}`), day(s.dueDate), day(s.deliveredAt), s.rating]) },
        { name: t("monitoring:evidence.mous"), headers: [t("monitoring:evidence.mou"), t("monitoring:columns.status"), t("monitoring:evidence.expected"), t("monitoring:evidence.ordered")], rows: e.mous.map((x) => [x.number, t(`monitoring:status.${x.status}`), x.expected, x.ordered]) },
        { name: t("monitoring:evidence.invoices"), headers: [t("monitoring:evidence.invoice"), t("monitoring:evidence.group"), t("monitoring:evidence.due"), t("monitoring:evidence.paid")], rows: e.invoices.map((i) => [i.number, i.group, day(i.dueAt), day(i.paidAt)]) },
      ]);
    }
  }
}
