import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, forbidden, requireUser } from "~/auth/guard.server";
import { Notice } from "~/components/form";
import { StatusBadge } from "~/components/status-badge";
import { CoachingHomeCard } from "~/coaching/ui";
import { TaskList } from "~/dashboard/task-list";
import { groupHome } from "~/dashboard/homes.server";

/** Group (chair or member) home. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const home = await groupHome(actorOf(user));
  if (!home) throw forbidden();
  return json({ ...home, name: user.name });
}

export default function GroupHome() {
  const { t } = useTranslation();
  const { group, name, coaching, tasks } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold" data-testid="home-title">{t("groupHome:title", { name })}</h1>
      <div className="card space-y-1">
        <div className="flex items-start justify-between gap-2">
          <p className="text-lg font-semibold">{group.name}</p>
          <StatusBadge kind="verification" status={group.verificationStatus} />
        </div>
        <p className="text-sm text-stone-600">
          {t(`enums:groupType.${group.type}`)} · {group.village.name}, {group.kecamatan.name}
        </p>
        <p className="text-sm">{group.businessDescription}</p>
        <p className="text-sm text-stone-600">
          {t("groups:members", { count: group._count.members })} · {t("groupHome:products", { count: group._count.products })}
        </p>
        {group.facilitator ? (
          <p className="text-sm text-stone-600">{t("groupHome:facilitator", { name: group.facilitator.name, phone: group.facilitator.phone ?? "" })}</p>
        ) : null}
      </div>
      {group.verificationStatus === "PENDING" ? <Notice tone="warning">{t("groupHome:pending")}</Notice> : null}
      {group.verificationStatus === "REJECTED" ? (
        <Notice tone="warning">{t("groups:rejectedBecause", { reason: group.verificationNote ?? "" })}</Notice>
      ) : null}
      {group.verificationStatus === "VERIFIED" ? <TaskList tasks={tasks} /> : null}
      <CoachingHomeCard summary={coaching} to={`/groups/${group.id}/coaching`} side="group" />
      <div className="flex flex-wrap gap-2">
        <Link to={`/groups/${group.id}`} className="btn-secondary">
          {t("groupHome:openProfile")}
        </Link>
        <Link to={`/groups/${group.id}/edit`} className="btn-secondary">
          {t("groups:edit.button")}
        </Link>
        <Link to={`/groups/${group.id}/products`} className="btn-secondary" data-testid="manage-products">
          {t("catalog:manage.link")}
        </Link>
      </div>
    </div>
  );
}
