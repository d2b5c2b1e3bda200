import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { listUsers } from "~/accounts/admin.server";
import { actorOf, requirePermission } from "~/auth/guard.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:user:any");
  const q = new URL(request.url).searchParams.get("q")?.trim() ?? "";
  const users = await listUsers(actorOf(user), q);
  return json({ users, q });
}

export default function AdminUsers() {
  const { t } = useTranslation();
  const { users, q } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("admin:users.title")}</h1>
      <Form noValidate method="get" className="flex gap-2">
        <label htmlFor="q" className="sr-only">
          {t("common:search")}
        </label>
        <input id="q" name="q" defaultValue={q} className="input" placeholder={t("admin:users.search")} />
        <button className="btn-secondary">{t("common:search")}</button>
      </Form>
      <div tabIndex={0} className="overflow-x-auto rounded-xl border border-stone-200 bg-white">
        <table className="data-table">
          <thead>
            <tr>
              <th>{t("auth:fields.fullName")}</th>
              <th>{t("auth:fields.email")}</th>
              <th>{t("admin:users.role")}</th>
              <th>{t("admin:users.organisation")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td className="break-all">{u.email}</td>
                <td>{t(`roles:${u.role}`)}</td>
                <td>{u.group?.name ?? u.partner?.displayName ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
