import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { StatusBadge } from "~/components/status-badge";
import { db } from "~/db/db.server";

/** Facilitator (pendamping) home: the groups assigned to them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:group:assigned");
  const groups = await db.group.findMany({
    where: { facilitatorId: user.id },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      type: true,
      active: true,
      verificationStatus: true,
      village: { select: { name: true } },
      kecamatan: { select: { name: true } },
      _count: { select: { members: true } },
    },
  });
  return json({ groups, name: user.name });
}

export default function FacilitatorHome() {
  const { t } = useTranslation();
  const { groups, name } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold" data-testid="home-title">{t("facilitator:home.title", { name })}</h1>
      <p className="text-sm text-stone-600">{t("facilitator:home.intro", { count: groups.length })}</p>
      <ul className="grid gap-3 sm:grid-cols-2">
        {groups.map((g) => (
          <li key={g.id} className="card space-y-2">
            <div className="flex items-start justify-between gap-2">
              <Link to={`/groups/${g.id}`} className="font-semibold">
                {g.name}
              </Link>
              <StatusBadge kind="verification" status={g.verificationStatus} />
            </div>
            <p className="text-xs text-stone-600">
              {t(`enums:groupType.${g.type}`)} · {g.village.name}, {g.kecamatan.name} · {t("groups:members", { count: g._count.members })}
              {!g.active ? ` · ${t("groups:inactive")}` : ""}
            </p>
            <div className="flex flex-wrap gap-2">
              <Link to={`/groups/${g.id}`} className="btn-secondary btn-small">
                {t("facilitator:home.open")}
              </Link>
              <Link to={`/groups/${g.id}/edit`} className="btn-secondary btn-small">
                {t("facilitator:home.editForGroup")}
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
