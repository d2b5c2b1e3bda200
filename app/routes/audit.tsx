import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { auditLogFor } from "~/audit/audit.server";
import { actorOf, requirePermission } from "~/auth/guard.server";
import { AuditList } from "~/components/audit-list";

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:audit-log:any");
  const url = new URL(request.url);
  const entityType = url.searchParams.get("type") || undefined;
  // Paged by key (decision 101): ?before=<cursor> older events, ?after=<cursor> newer ones.
  const page = await auditLogFor(actorOf(user, request), { entityType, take: PAGE_SIZE, before: url.searchParams.get("before"), after: url.searchParams.get("after") });
  return json({ ...page, entityType: entityType ?? null });
}

export default function AuditLog() {
  const { t } = useTranslation();
  const { events, older, newer, entityType } = useLoaderData<typeof loader>();
  const link = (key: "before" | "after", cursor: string) => `?${new URLSearchParams({ ...(entityType ? { type: entityType } : {}), [key]: cursor })}`;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("audit:title")}</h1>
      <p className="text-sm text-stone-600">{t("audit:intro")}</p>
      <AuditList events={events} />
      <nav className="flex justify-between text-sm">
        {newer ? <Link to={link("after", newer)}>{t("audit:newer")}</Link> : <span />}
        {older ? <Link to={link("before", older)}>{t("audit:older")}</Link> : <span />}
      </nav>
    </div>
  );
}
