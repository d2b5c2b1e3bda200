import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { auditLogFor } from "~/audit/audit.server";
import { describeAuditEvents } from "~/audit/trail.server";
import { actorOf, requirePermission } from "~/auth/guard.server";
import { AuditList } from "~/components/audit-list";
import { Pager } from "~/components/pager";

/** The log is newest first: its next page is the older events (?before=), the previous one the newer (?after=). */
const AUDIT_PAGE_PARAMS = { next: "before", previous: "after" };

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:audit-log:any");
  const url = new URL(request.url);
  const entityType = url.searchParams.get("type") || undefined;
  // Paged by key (decision 101): ?before=<cursor> older events, ?after=<cursor> newer ones.
  const page = await auditLogFor(actorOf(user, request), { entityType, take: PAGE_SIZE, before: url.searchParams.get("before"), after: url.searchParams.get("after") });
  return json({ ...page, events: await describeAuditEvents(request, user, page.events), entityType: entityType ?? null });
}

export default function AuditLog() {
  const { t } = useTranslation();
  const { events, older, newer } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("audit:title")}</h1>
      <p className="text-sm text-stone-600">{t("audit:intro")}</p>
      <AuditList events={events} />
      <Pager page={{ next: older, previous: newer }} names={AUDIT_PAGE_PARAMS} labels={{ previous: "audit:newer", next: "audit:older" }} testId="audit-pages" />
    </div>
  );
}
