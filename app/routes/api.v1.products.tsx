import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { parseSearchParams } from "~/search/query";
import { searchProducts } from "~/search/search.server";

/**
 * GET /api/v1/products — the catalogue search as JSON.
 * Parameters: q, category, kecamatan, groupType, cert, minPrice, maxPrice, minCapacity, sort, page.
 * Response: { items, total, facets, page, pageSize }; a bad parameter gives 400 { error, parameter }.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseSearchParams(new URL(request.url).searchParams);
  if (!parsed.ok) {
    return json({ error: { code: "invalid_parameter", parameter: parsed.param, message: parsed.message } }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  const { items, total, facets, page, pageSize } = await searchProducts(parsed.query);
  return json({ items, total, facets, page, pageSize }, { headers: { "Cache-Control": "public, max-age=30" } });
}
