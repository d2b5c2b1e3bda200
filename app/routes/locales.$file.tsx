import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n/config";
import { getResources, getResourcesVersion } from "~/i18n/resources.server";

/** Translations for the browser, one file per language, cached for a year (the URL carries a version). */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = params.file?.replace(/\.json$/, "");
  if (!isLocale(locale)) throw new Response("Not found", { status: 404 });
  const versioned = new URL(request.url).searchParams.get("v") === getResourcesVersion();
  return new Response(JSON.stringify(getResources(locale)), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
