import type { TFunction } from "i18next";
import type { ExportTable } from "./export.server";
import { overviewRecords, type Figure, type OverviewData, type RecordPage, type RecordRow } from "./overview.server";

const pct = (p: number | null) => (p === null ? null : p);

/** The overview's tables, with translated headers, for CSV/XLSX. `table` picks one; all otherwise. */
export function overviewTables(data: OverviewData, t: TFunction, table?: string | null): ExportTable[] {
  const tables: Record<string, ExportTable> = {
    kecamatan: {
      name: t("monitoring:tables.kecamatan"),
      headers: [t("monitoring:columns.kecamatan"), t("monitoring:columns.formed"), t("monitoring:columns.verified"), t("monitoring:columns.active"), t("monitoring:columns.partnered"), t("monitoring:columns.kpmFormed"), t("monitoring:columns.kpmPartnered"), t("monitoring:columns.kubeFormed"), t("monitoring:columns.kubeActive")],
      rows: data.groups.byKecamatan.map((k) => [k.kecamatan, k.formed, k.verified, k.active, k.partnered, k.kpm.formed, k.kpm.partnered, k.kube.formed, k.kube.active]),
    },
    type: {
      name: t("monitoring:tables.type"),
      headers: [t("monitoring:columns.type"), t("monitoring:columns.formed"), t("monitoring:columns.verified"), t("monitoring:columns.active"), t("monitoring:columns.partnered"), t("monitoring:columns.partneredPercent")],
      rows: data.groups.byType.map((r) => [t(`enums:groupType.${r.type}`), r.formed, r.verified, r.active, r.partnered, pct(r.formed ? Math.round((r.partnered / r.formed) * 100) : null)]),
    },
    revenue: {
      name: t("monitoring:tables.revenue"),
      headers: [t("monitoring:columns.month"), t("monitoring:columns.revenueRupiah"), t("monitoring:columns.payments")],
      rows: data.revenue.byMonth.map((r) => [r.month, r.amount, r.payments]),
    },
  };
  if (table) {
    const one = tables[table];
    if (!one) throw new Response("errors:badRequest", { status: 400 });
    return [one];
  }
  return Object.values(tables);
}

/** The records behind one figure (one page of them, or all), as an export table. */
export async function recordsTable(data: OverviewData, figure: Figure, t: TFunction, page?: RecordPage): Promise<{ table: ExportTable; rows: RecordRow[] }> {
  const rows = await overviewRecords(data, figure, page);
  return {
    rows,
    table: {
      name: t(`monitoring:figures.${figure}`),
      headers: [t("monitoring:columns.record"), t("monitoring:columns.detail"), t("monitoring:columns.status"), t("monitoring:columns.date"), t("monitoring:columns.amount")],
      rows: rows.map((r) => [r.title, r.detail, r.status ? t(`monitoring:status.${r.status}`) : null, r.date ?? null, r.amount ?? null]),
    },
  };
}
