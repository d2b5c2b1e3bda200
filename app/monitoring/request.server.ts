import type { TFunction } from "i18next";
import { actorOf, forbidden, requirePermission, type Actor } from "~/auth/guard.server";
import { isDomainError } from "~/domain/errors";
import { detectLocale, getServerT } from "~/i18n/i18n.server";
import { exportFormatOf, type ExportFormat } from "./export.server";
import { MonitoringFiltersSchema, type MonitoringFilterInput } from "./filters";
import { resolveScope, type MonitoringScope } from "./scope.server";

export type MonitoringRequest = {
  viewer: Actor;
  scope: MonitoringScope;
  /** filter errors, shown next to the filter fields (the page then shows the defaults) */
  errors: Record<string, string>;
  values: Record<string, string>;
  format: ExportFormat | null;
  t: TFunction;
  url: URL;
};

/**
 * The common start of every monitoring loader: the user must hold `read:monitoring:any`; the filters are
 * parsed with zod and resolved against the viewer's offices. A bad filter is a 400 with the message next
 * to the field; a viewer without an office is refused.
 */
export async function monitoringRequest(request: Request, now = new Date()): Promise<MonitoringRequest> {
  const user = await requirePermission(request, "read:monitoring:any");
  const viewer = actorOf(user, request);
  const url = new URL(request.url);
  const values = Object.fromEntries([...url.searchParams.entries()].filter(([k]) => k !== "format" && k !== "figure"));
  const parsed = MonitoringFiltersSchema.safeParse(values);
  const errors: Record<string, string> = {};
  let input: MonitoringFilterInput = {};
  if (parsed.success) input = parsed.data;
  else for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "_form")] ??= issue.message;
  let scope: MonitoringScope;
  try {
    scope = await resolveScope(viewer, input, now);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.key === "errors:forbidden") throw forbidden();
    errors[error.field] = error.key;
    scope = await resolveScope(viewer, {}, now);
  }
  const t = getServerT(await detectLocale(request, user.locale));
  return { viewer, scope, errors, values, format: exportFormatOf(url), t, url };
}

export function statusOf(m: MonitoringRequest): number {
  return Object.keys(m.errors).length ? 400 : 200;
}
