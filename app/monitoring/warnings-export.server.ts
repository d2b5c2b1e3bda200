import { formatDate } from "~/i18n/format";
import { formatDayKey } from "~/time/calendar";
import { exportResponse, type ExportFormat, type ExportTable } from "./export.server";
import type { MonitoringRequest } from "./request.server";
import { WARNING_RULES, type WarningRule } from "./warnings";
import { filterWarnings, loadWarnings, WARNING_STATES, type WarningRow, type WarningState } from "./warnings.server";
import { warningDetail } from "./warnings-text";

/** The warnings as an export table, headers and kinds in the reader's language (decision 081). */
export function warningsTable(rows: WarningRow[], t: MonitoringRequest["t"], zone: string, origin = ""): ExportTable {
  return {
    name: t("warnings:sheet"),
    headers: ["rule", "subject", "detail", "since", "state", "note", "followedUpAt", "followedUpBy", "link"].map((c) => t(`warnings:columns.${c}`)),
    rows: rows.map((w) => [
      t(`warnings:rules.${w.rule}`),
      w.title,
      warningDetail(t, w),
      formatDayKey(w.sinceDay),
      t(w.followUp ? "warnings:states.followed" : "warnings:states.open"),
      w.followUp?.note ?? null,
      w.followUp ? formatDate(w.followUp.at, zone) : null,
      w.followUp?.by ?? null,
      `${origin}${w.href}`,
    ]),
  };
}

/** `/dinas/warnings?format=csv|xlsx` with the page's filters (rule, state, kecamatan, type, sector). */
export async function warningsExport(m: MonitoringRequest, format: ExportFormat): Promise<Response> {
  const q = m.url.searchParams;
  if ((q.get("rule") && !(WARNING_RULES as readonly string[]).includes(q.get("rule")!)) || (q.get("state") && !(WARNING_STATES as readonly string[]).includes(q.get("state")!))) {
    throw new Response("errors:badRequest", { status: 400 });
  }
  const rule = (WARNING_RULES as readonly string[]).includes(q.get("rule") ?? "") ? (q.get("rule") as WarningRule) : null;
  const state = (WARNING_STATES as readonly string[]).includes(q.get("state") ?? "") ? (q.get("state") as WarningState) : "open";
  const rows = filterWarnings(await loadWarnings(m.scope), { rule, state });
  return exportResponse(format, `peringatan-${m.scope.filters.toKey}`, [warningsTable(rows, m.t, m.scope.zone, m.url.origin)]);
}
