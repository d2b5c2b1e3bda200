import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { authorizeGroupAction, notFound, requireUser, requireVerifiedTrader } from "~/auth/guard.server";
import { AssistedModeBanner } from "~/components/assisted-mode";
import { groupFeedPage } from "~/demands/demands.server";
import { DemandStatus, OfferStatus, useCategoryName, useQuantityText } from "~/demands/ui";
import { formatRupiah } from "~/i18n/format";
import { useDates } from "~/time/use-dates";

/** The group's feed of open demands: invited and fitting ones first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const groupId = params.groupId!;
  const actor = await authorizeGroupAction(user, "create", "offer", groupId, request);
  requireVerifiedTrader(user);
  const page = await groupFeedPage(actor, groupId);
  if (!page) throw notFound();
  return json({ ...page, assisted: !!actor.actingForGroupId });
}

export default function GroupDemandFeed() {
  const { date: fmtDate } = useDates();
  const { t } = useTranslation();
  const { group, feed, history, assisted } = useLoaderData<typeof loader>();
  const categoryName = useCategoryName();
  const quantityText = useQuantityText();
  return (
    <div className="space-y-4">
      {assisted ? <AssistedModeBanner groupName={group.name} /> : null}
      <h1 className="text-2xl font-bold">{t("demands:feed.title")}</h1>
      <p className="text-sm text-stone-600">{t("demands:feed.intro")}</p>
      {feed.length === 0 ? <p className="text-sm text-stone-500">{t("demands:feed.empty")}</p> : null}
      <ul className="space-y-3">
        {feed.map((d) => (
          <li key={d.id} className="card space-y-1" data-testid="feed-demand">
            <div className="flex items-start justify-between gap-2">
              <Link to={`/groups/${group.id}/demands/${d.id}`} className="font-semibold">
                {d.title}
              </Link>
              <DemandStatus status={d.status} />
            </div>
            <p className="text-sm text-stone-600">
              {d.partner.displayName} · {categoryName(d.category)} · {quantityText(d)}
            </p>
            <p className="text-xs text-stone-500">
              {d.deliveryKecamatan ? `${d.deliveryKecamatan.name} · ` : ""}
              {t("demands:deadlineOn", { date: fmtDate(d.offerDeadline) })}
              {d.priceMax ? ` · ${t("demands:feed.priceUpTo", { price: formatRupiah(d.priceMax) })}` : ""}
            </p>
            <div className="flex flex-wrap gap-1">
              {d.invited ? <span className="badge bg-accent-500 text-stone-900">{t("demands:feed.invited")}</span> : null}
              {d.categoryFit ? <span className="badge bg-green-100 text-green-800">{t("demands:feed.categoryFit")}</span> : null}
              {d.areaFit ? <span className="badge bg-sky-100 text-sky-900">{t("demands:feed.areaFit")}</span> : null}
              {d.myOfferStatus ? <OfferStatus status={d.myOfferStatus} /> : null}
            </div>
          </li>
        ))}
      </ul>
      {history.length > 0 ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("demands:feed.history")}</h2>
          <ul className="space-y-2">
            {history.map((o) => (
              <li key={o.id} className="card flex flex-wrap items-center justify-between gap-2" data-testid="offer-history">
                <div>
                  <Link to={`/groups/${group.id}/demands/${o.demand.id}`} className="font-semibold">
                    {o.demand.title}
                  </Link>
                  <p className="text-xs text-stone-600">
                    {o.demand.partner.displayName} · {formatRupiah(o.pricePerUnit)}
                    {o.acceptedQuantity ? ` · ${t("demands:offers.acceptedShort", { quantity: o.acceptedQuantity })}` : ""}
                  </p>
                </div>
                <div className="flex gap-1">
                  <OfferStatus status={o.status} />
                  <DemandStatus status={o.demand.status} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
