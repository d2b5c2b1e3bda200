import { formatDate } from "~/i18n/format";
import { exportResponse, type ExportFormat, type ExportTable } from "~/monitoring/export.server";
import type { MonitoringRequest } from "~/monitoring/request.server";
import { aidRecords, aidReturns, type AidFilter } from "./aid.server";
import { AID_KINDS, AID_SOURCES, type AidKindName, type AidSourceName } from "./schema";

type T = MonitoringRequest["t"];

/** The per-group aid and return table, headers in the reader's language (for exports and the annual report). */
export function aidReturnsTable(data: Awaited<ReturnType<typeof aidReturns>>, t: T, zone: string): ExportTable {
  return {
    name: t("aid:sheets.returns"),
    headers: [t("aid:columns.group"), t("aid:columns.kecamatan"), t("aid:columns.type"), t("aid:columns.capital"), t("aid:columns.equipment"), t("aid:columns.training"), t("aid:columns.totalAidRupiah"), t("aid:columns.firstAid"), t("aid:columns.revenueRupiah"), t("aid:columns.returnPercent")],
    rows: data.rows.map((r) => [r.name, r.kecamatan, t(`enums:groupType.${r.type}`), r.byKind.CAPITAL, r.byKind.EQUIPMENT, r.byKind.TRAINING, r.totalAid, formatDate(r.firstAidOn, zone), r.revenueSince, r.returnPercent]),
  };
}

export function aidRecordsTable(rows: Awaited<ReturnType<typeof aidRecords>>, t: T, zone: string): ExportTable {
  return {
    name: t("aid:sheets.records"),
    headers: [t("aid:fields.receivedOn"), t("aid:columns.group"), t("aid:fields.kind"), t("aid:fields.source"), t("aid:columns.partner"), t("aid:columns.description"), t("aid:columns.items"), t("aid:columns.valueRupiah")],
    rows: rows.map((r) => [formatDate(r.receivedOn, zone), r.groupName, t(`aid:kinds.${r.kind}`), t(`aid:sources.${r.source}`), r.partnerName, r.description, r.items.map((i) => `${i.quantity} × ${i.name} (${i.valueRupiah})`).join(", ") || null, r.valueRupiah]),
  };
}

/** `/dinas/aid?format=csv|xlsx`: the per-group table (or `table=records`), with the page's filters. */
export async function aidExport(m: MonitoringRequest, format: ExportFormat): Promise<Response> {
  const q = m.url.searchParams;
  const kind = q.get("kind") || null;
  const source = q.get("source") || null;
  if ((kind && !(AID_KINDS as readonly string[]).includes(kind)) || (source && !(AID_SOURCES as readonly string[]).includes(source))) throw new Response("errors:badRequest", { status: 400 });
  const filter: AidFilter = { kind: kind as AidKindName | null, source: source as AidSourceName | null };
  const table = q.get("table");
  const tables: ExportTable[] = [];
  if (table !== "records") tables.push(aidReturnsTable(await aidReturns(m.scope, filter), m.t, m.scope.zone));
  if (table !== "returns") tables.push(aidRecordsTable(await aidRecords(m.scope, filter), m.t, m.scope.zone));
  return exportResponse(format, `bantuan-${m.scope.filters.toKey}`, format === "csv" && !table ? tables.slice(0, 1) : tables);
}
