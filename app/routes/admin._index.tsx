import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { adminOverview } from "~/accounts/admin.server";
import { actorOf, forbidden, requirePermission } from "~/auth/guard.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:admin-console:any");
  const overview = await adminOverview(actorOf(user));
  if (!overview) throw forbidden();
  return json(overview);
}

export default function AdminHome() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold" data-testid="home-title">{t("admin:home.title")}</h1>
      <div className="grid gap-3 sm:grid-cols-3">
        <Link to="/admin/users" className="card no-underline">
          <p className="text-sm text-stone-600">{t("admin:home.users")}</p>
          <ul className="mt-1 text-sm text-stone-800">
            {data.usersByRole.map((r) => (
              <li key={r.role}>
                {t(`roles:${r.role}`)}: {r.count}
              </li>
            ))}
          </ul>
        </Link>
        <Link to="/admin/emails" className="card no-underline">
          <p className="text-sm text-stone-600">{t("admin:home.emails")}</p>
          <p className="text-stone-800">{t("admin:home.emailStatus", { pending: data.pendingEmails, failed: data.failedEmails })}</p>
        </Link>
        <Link to="/admin/messages" className="card no-underline">
          <p className="text-sm text-stone-600">{t("admin:home.messages")}</p>
        </Link>
        <Link to="/dinas/verification" className="card no-underline">
          <p className="text-sm text-stone-600">{t("nav:verification")}</p>
          <p className="text-2xl font-bold text-brand-700">{data.pendingVerifications}</p>
        </Link>
      </div>
    </div>
  );
}
