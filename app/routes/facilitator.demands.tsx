import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, requirePermission } from "~/auth/guard.server";
import { facilitatorDemandBoard } from "~/demands/demands.server";

/** Facilitator: the demand board of each assigned group (to answer for low-literacy groups, assisted mode). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "create:offer:assigned");
  return json({ rows: await facilitatorDemandBoard(actorOf(user, request)) });
}

export default function FacilitatorDemands() {
  const { t } = useTranslation();
  const { rows } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("demands:facilitator.title")}</h1>
      <p className="text-sm text-stone-600">{t("demands:facilitator.intro")}</p>
      <ul className="grid gap-3 sm:grid-cols-2">
        {rows.map((g) => (
          <li key={g.id} className="card space-y-1">
            <Link to={`/groups/${g.id}/demands`} className="font-semibold">
              {g.name}
            </Link>
            <p className="text-sm text-stone-600">{t("demands:facilitator.counts", { fitting: g.fitting, offered: g.offered })}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
