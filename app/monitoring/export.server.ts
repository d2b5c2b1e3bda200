import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";

/**
 * Table exports of the monitoring pages (decision 081): `?format=csv` is UTF-8 with a BOM and `;` as the
 * separator (what Excel set to Indonesian expects, where `,` is the decimal mark); `?format=xlsx` is a
 * real workbook (exceljs) with numbers kept as numbers. Headers and statuses arrive translated.
 */
export type ExportCell = string | number | null;
export type ExportTable = { name: string; headers: string[]; rows: ExportCell[][] };

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function exportFormatOf(url: URL): ExportFormat | null {
  const format = url.searchParams.get("format");
  if (format === null) return null;
  if ((EXPORT_FORMATS as readonly string[]).includes(format)) return format as ExportFormat;
  throw new Response("errors:badRequest", { status: 400 });
}

export function toCsv(table: ExportTable): string {
  return "\uFEFF" + stringify([table.headers, ...table.rows.map((r) => r.map((c) => (c === null ? "" : c)))], { delimiter: ";", record_delimiter: "\r\n" });
}

export async function toXlsx(tables: ExportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Bermitra";
  for (const table of tables) {
    // sheet names: at most 31 characters, none of : \ / ? * [ ]
    const sheet = workbook.addWorksheet(table.name.replace(/[:\\/?*[\]]/g, " ").slice(0, 31));
    sheet.addRow(table.headers).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((column, i) => {
      const widest = Math.max(table.headers[i]?.length ?? 8, ...table.rows.map((r) => String(r[i] ?? "").length));
      column.width = Math.min(60, Math.max(8, widest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function fileSafe(name: string): string {
  return name.normalize("NFKD").replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase() || "export";
}

/** The download response for one table (CSV) or the tables as sheets of one workbook (XLSX). */
export async function exportResponse(format: ExportFormat, fileName: string, tables: ExportTable[]): Promise<Response> {
  const base = fileSafe(fileName);
  if (format === "csv") {
    const body = tables.length === 1 ? toCsv(tables[0]!) : tables.map((t) => toCsv(t).replace(/^\uFEFF/, "")).join("\r\n");
    return new Response(tables.length === 1 ? body : "\uFEFF" + body, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${base}.csv"`, "Cache-Control": "no-store" },
    });
  }
  return new Response(new Uint8Array(await toXlsx(tables)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${base}.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}

export const EXPORT_PAGES = ["overview", "records", "partners", "partner", "warnings", "aid"] as const;
export type ExportPage = (typeof EXPORT_PAGES)[number];

/**
 * Where a page's `?format=` goes: Remix renders a page route's loader Response as data on a document
 * request, so the download itself comes from the resource route /dinas/export/<page> with the same query.
 */
export function exportPath(page: ExportPage, url: URL, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(url.search);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return `/dinas/export/${page}?${params.toString()}`;
}
