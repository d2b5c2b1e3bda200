import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { formatRupiah } from "~/i18n/format";
import { exportPath } from "~/monitoring/export.server";
import { countOverviewRecords, FIGURES, loadOverview, type Figure, type RecordRow } from "~/monitoring/overview.server";
import { recordsTable } from "~/monitoring/overview-tables.server";
import { monitoringRequest, statusOf, type MonitoringRequest } from "~/monitoring/request.server";
import { ExportLinks, MonitoringFilters, queryOf, type FilterState } from "~/monitoring/ui";

export const meta: MetaFunction = () => [{ title: "Bermitra" }];

const FigureSchema = /* @__PURE__ */ (() => z.enum(FIGURES))();
/** The list shows this many records a page (a figure may stand for hundreds of thousands: the export has them all). */
const PAGE_SIZE = 100;
const PageSchema = /* @__PURE__ */ (() => z.coerce.number().int().min(1).max(1_000_000).catch(1))();

/** The records behind one overview figure, with the same filters (the drill-down of every figure). */
export async function loader({ request }: LoaderFunctionArgs) {
  const m = await monitoringRequest(request);
  const figure = FigureSchema.safeParse(m.url.searchParams.get("figure"));
  if (!figure.success) throw new Response("errors:notFound", { status: 404 });
  if (m.format) throw redirect(exportPath("records", m.url));
  const data = await loadOverview(m.scope);
  const total = await countOverviewRecords(data, figure.data);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pageNumber = Math.min(pages, PageSchema.parse(m.url.searchParams.get("page") ?? 1));
  const { rows } = await recordsTable(data, figure.data, m.t, { offset: (pageNumber - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  return page(m, figure.data, rows, { total, page: pageNumber, pages });
}

function page(m: MonitoringRequest, figure: Figure, rows: RecordRow[], paging: { total: number; page: number; pages: number }) {
  const f = m.scope.filters;
  const filters: FilterState = { fromKey: f.fromKey, toKey: f.toKey, kecamatanId: f.kecamatanId, groupType: f.groupType, sector: f.sector, officeId: f.officeId };
  return json({ figure, rows, paging, filters, options: { kecamatans: m.scope.kecamatans, offices: m.scope.offices }, errors: m.errors }, { status: statusOf(m) });
}

export default function MonitoringRecords() {
  const { t } = useTranslation();
  const { figure, rows, paging, filters, options, errors } = useLoaderData<typeof page>();
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/dinas/monitoring${queryOf(filters)}`}>{t("monitoring:records.back")}</Link>
      </p>
      <h1 className="text-2xl font-bold" data-testid="records-title">
        {t(`monitoring:figures.${figure}`)}
      </h1>
      <p className="text-sm text-stone-600" data-testid="records-count">
        {t("monitoring:records.count", { count: paging.total })}
        {paging.pages > 1 ? ` · ${t("monitoring:records.page", { page: paging.page, pages: paging.pages })}` : null}
      </p>
      <details className="text-sm">
        <summary>{t("monitoring:records.filters")}</summary>
        <MonitoringFilters filters={filters} options={options} errors={errors} />
      </details>
      <div tabIndex={0} className="card overflow-x-auto p-0">
        <table className="data-table" data-testid="records-table">
          <thead>
            <tr>
              <th>{t("monitoring:columns.record")}</th>
              <th className="hidden sm:table-cell">{t("monitoring:columns.status")}</th>
              <th>{t("monitoring:columns.date")}</th>
              {rows.some((r) => r.amount !== undefined) ? <th>{t("monitoring:columns.amount")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="record-row">
                <td>
                  <Link to={r.href}>{r.title}</Link>
                  <br />
                  <span className="text-xs text-stone-600">{r.detail}</span>
                </td>
                <td className="hidden sm:table-cell">{r.status ? t(`monitoring:status.${r.status}`) : null}</td>
                <td>{r.date ?? null}</td>
                {r.amount !== undefined ? <td>{formatRupiah(r.amount)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {paging.pages > 1 ? (
        <nav className="flex gap-4 text-sm" data-testid="records-pages">
          {paging.page > 1 ? <Link to={`/dinas/monitoring/records${queryOf(filters, { figure, page: String(paging.page - 1) })}`}>{t("monitoring:records.previous")}</Link> : null}
          {paging.page < paging.pages ? <Link to={`/dinas/monitoring/records${queryOf(filters, { figure, page: String(paging.page + 1) })}`}>{t("monitoring:records.next")}</Link> : null}
        </nav>
      ) : null}
      <ExportLinks filters={filters} params={{ figure }} />
    </div>
  );
}
