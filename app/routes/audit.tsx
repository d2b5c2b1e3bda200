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
  const page = Math.max(1, Number(url.searchParams.get("page")) || 1);
  const entityType = url.searchParams.get("type") || undefined;
  const { events, total } = await auditLogFor(actorOf(user, request), { entityType, take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE });
  return json({ events, total, page });
}

export default function AuditLog() {
  const { t } = useTranslation();
  const { events, total, page } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("audit:title")}</h1>
      <p className="text-sm text-stone-600">{t("audit:intro", { count: total })}</p>
      <AuditList events={events} />
      <nav className="flex justify-between text-sm">
        {page > 1 ? <Link to={`?page=${page - 1}`}>{t("common:previous")}</Link> : <span />}
        {page * PAGE_SIZE < total ? <Link to={`?page=${page + 1}`}>{t("common:next")}</Link> : <span />}
      </nav>
    </div>
  );
}
