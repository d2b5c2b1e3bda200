import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { forbidden, requireUser } from "~/auth/guard.server";
import type { MouStatus } from "~/generated/prisma/enums";
import { useDates } from "~/time/use-dates";
import { Pager } from "~/components/pager";
import { MouBadge } from "~/mou/components";
import { MOU_STATUSES as STATUSES } from "~/mou/statuses";
import { listMous, MOU_LIST_KEY } from "~/mou/mou.server";
import { pageRequestOf } from "~/paging/request.server";
import { roleHas } from "~/permissions/permissions";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!["read:mou:any", "read:mou:own", "read:mou:assigned"].some((p) => roleHas(user.role, p as "read:mou:any"))) throw forbidden();
  const url = new URL(request.url);
  const status = url.searchParams.get("status");
  const filter = (STATUSES as readonly string[]).includes(status ?? "") ? (status as MouStatus) : undefined;
  // Paged by key (decision 121): ?after= / ?before= carry the (status, endDate, id) of a row; bad ones are ignored.
  const page = await listMous(user, { status: filter }, pageRequestOf(url.searchParams, MOU_LIST_KEY));
  return json({ mous: page.rows, page: { next: page.next, previous: page.previous }, status: filter ?? null, canCreate: roleHas(user.role, "create:mou:any") });
}

export default function MouList() {
  const { date: fmtDate } = useDates();
  const { t } = useTranslation();
  const { mous, page, status, canCreate } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("mou:list.title")}</h1>
        <div className="flex flex-wrap gap-2">
          <Link to="/mou/verify" className="btn-secondary btn-small">
            {t("mou:verify.title")}
          </Link>
          {canCreate ? (
            <Link to="/dinas/mou/new" className="btn-primary btn-small">
              {t("mou:list.new")}
            </Link>
          ) : null}
        </div>
      </div>
      <nav className="flex flex-wrap gap-2 text-sm" aria-label={t("mou:list.filter")}>
        <Link to="/mou" className={`badge ${status ? "bg-stone-100 text-stone-700" : "bg-brand-700 text-white"}`}>
          {t("mou:list.all")}
        </Link>
        {STATUSES.map((s) => (
          <Link key={s} to={`/mou?status=${s}`} className={`badge ${status === s ? "bg-brand-700 text-white" : "bg-stone-100 text-stone-700"}`}>
            {t(`mou:status.${s}`)}
          </Link>
        ))}
      </nav>
      {mous.length === 0 ? <p className="text-sm text-stone-500">{t("mou:list.empty")}</p> : null}
      <ul className="space-y-2">
        {mous.map((m) => (
          <li key={m.id} className="card" data-testid={`mou-row-${m.id}`}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div>
                <Link to={`/mou/${m.id}`} className="font-semibold">
                  {m.number}
                </Link>
                <p className="text-sm text-stone-700">
                  {m.partner.displayName} · {m.groups.map((g) => g.group.name).join(", ")}
                </p>
                {m.demand ? <p className="text-xs text-stone-600">{t("mou:list.fromDemand", { title: m.demand.title })}</p> : null}
                <p className="text-xs text-stone-500">
                  {t("mou:list.period", { start: fmtDate(m.startDate, m.zone), end: fmtDate(m.endDate, m.zone) })}
                  {m.versions[0] && m.versions[0].versionNumber > 1 ? ` · ${t("mou:list.version", { n: m.versions[0].versionNumber })}` : ""}
                </p>
              </div>
              <MouBadge kind="status" status={m.status} />
            </div>
          </li>
        ))}
      </ul>
      <Pager page={page} testId="mou-pages" />
    </div>
  );
}
