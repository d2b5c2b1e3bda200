import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { demandFeed } from "~/demands/demands.server";
import { db } from "~/db/db.server";

/** Facilitator: the demand board of each assigned group (to answer for low-literacy groups, assisted mode). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "create:offer:assigned");
  const groups = await db.group.findMany({
    where: { facilitatorId: user.id, verificationStatus: "VERIFIED", active: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  const rows = await Promise.all(
    groups.map(async (g) => {
      const feed = await demandFeed(g.id);
      return { ...g, fitting: feed.filter((d) => d.categoryFit || d.invited).length, offered: feed.filter((d) => d.myOfferStatus).length };
    }),
  );
  return json({ rows });
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
