import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { actorOf, forbidden, requirePermission } from "~/auth/guard.server";
import { isDomainError } from "~/domain/errors";
import { renderAnnualReportPdf } from "~/reports/annual-pdf.server";
import { loadAnnualReport } from "~/reports/annual.server";

const QuerySchema = /* @__PURE__ */ (() => z.object({
  year: z.coerce.number().int().min(1900).max(3000),
  officeId: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().min(1).max(64).optional()),
}))();

/** `/dinas/reports/annual.pdf?year=2026`: the annual report PDF of the viewer's office (or the province's cities). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:monitoring:any");
  const url = new URL(request.url);
  const parsed = QuerySchema.safeParse({ year: url.searchParams.get("year"), officeId: url.searchParams.get("officeId") });
  if (!parsed.success) throw new Response("reports:annual.errors.year", { status: 400 });
  try {
    const report = await loadAnnualReport(actorOf(user, request), parsed.data.year, new Date(), parsed.data.officeId);
    const pdf = await renderAnnualReportPdf(report);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="laporan-tahunan-${report.year}.pdf"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.key === "errors:forbidden") throw forbidden();
    throw new Response(error.key, { status: 400 });
  }
}
