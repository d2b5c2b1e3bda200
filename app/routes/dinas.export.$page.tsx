import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guard.server";
import { isDomainError } from "~/domain/errors";
import { EXPORT_PAGES, type ExportPage } from "~/monitoring/export.server";
import { exportOf } from "~/monitoring/exports.server";
import { monitoringRequest } from "~/monitoring/request.server";

/**
 * Resource route behind every monitoring page's `?format=csv|xlsx` (the page redirects here with the same
 * query string): a page route's loader cannot stream a file on a document request.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = params.page as ExportPage;
  if (!(EXPORT_PAGES as readonly string[]).includes(page)) throw notFound();
  const m = await monitoringRequest(request);
  if (Object.keys(m.errors).length) throw new Response("errors:badRequest", { status: 400 });
  try {
    return await exportOf(page, m, m.format ?? "csv");
  } catch (error) {
    if (isDomainError(error)) throw notFound();
    throw error;
  }
}
