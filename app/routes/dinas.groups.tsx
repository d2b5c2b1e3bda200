import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, requirePermission } from "~/auth/guard.server";
import { StatusBadge } from "~/components/status-badge";
import { groupDirectory } from "~/groups/directory.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:group:any");
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim() ?? "";
  const type = url.searchParams.get("type");
  const kecamatanId = url.searchParams.get("kecamatan");
  const page = Math.max(1, Number(url.searchParams.get("page")) || 1);
  const { groups, total, pages, kecamatans } = await groupDirectory(actorOf(user), { q, type, kecamatanId, page });
  return json({ groups, total, page, pages, kecamatans, q, type, kecamatanId });
}

export default function DinasGroups() {
  const { t } = useTranslation();
  const { groups, total, page, pages, kecamatans, q, type, kecamatanId } = useLoaderData<typeof loader>();
  const qs = (p: number) => `?${new URLSearchParams({ q, type: type ?? "", kecamatan: kecamatanId ?? "", page: String(p) })}`;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("dinas:groups.title", { count: total })}</h1>
      <Form noValidate method="get" className="card grid gap-2 sm:grid-cols-4">
        <label className="sr-only" htmlFor="q">
          {t("common:search")}
        </label>
        <input id="q" name="q" defaultValue={q} className="input sm:col-span-2" placeholder={t("dinas:groups.searchPlaceholder")} />
        <select name="type" defaultValue={type ?? ""} className="input" aria-label={t("groups:fields.type")}>
          <option value="">{t("dinas:groups.allTypes")}</option>
          <option value="KPM">KPM</option>
          <option value="KUBE">KUBE</option>
        </select>
        <select name="kecamatan" defaultValue={kecamatanId ?? ""} className="input" aria-label={t("dinas:columns.kecamatan")}>
          <option value="">{t("dinas:groups.allKecamatan")}</option>
          {kecamatans.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name}
            </option>
          ))}
        </select>
        <button className="btn-secondary sm:col-span-4">{t("common:filter")}</button>
      </Form>
      <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
        {groups.map((g) => (
          <li key={g.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
            <div>
              <Link to={`/groups/${g.id}`} className="font-semibold">
                {g.name}
              </Link>
              <p className="text-xs text-stone-600">
                {t(`enums:groupType.${g.type}`)} · {g.village.name}, {g.kecamatan.name} · {t("groups:fields.facilitator")}: {g.facilitator?.name ?? "—"}
              </p>
            </div>
            <div className="flex gap-1">
              <StatusBadge kind="verification" status={g.verificationStatus} />
              {!g.active ? <span className="badge bg-stone-200 text-stone-700">{t("groups:inactive")}</span> : null}
            </div>
          </li>
        ))}
      </ul>
      <nav className="flex justify-between text-sm" aria-label={t("common:pagination")}>
        {page > 1 ? <Link to={qs(page - 1)}>{t("common:previous")}</Link> : <span />}
        <span>{t("common:pageOf", { page, pages })}</span>
        {page < pages ? <Link to={qs(page + 1)}>{t("common:next")}</Link> : <span />}
      </nav>
    </div>
  );
}
