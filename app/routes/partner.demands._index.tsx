import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, forbidden, requirePermission, requireVerifiedTrader } from "~/auth/guard.server";
import { Notice } from "~/components/form";
import { listPartnerDemands } from "~/demands/demands.server";
import { DemandStatus, useCategoryName, useQuantityText } from "~/demands/ui";
import { useDates } from "~/time/use-dates";

/** A partner's demands, newest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "create:demand:own");
  if (!user.partnerId) throw forbidden();
  requireVerifiedTrader(user);
  return json({ demands: await listPartnerDemands(actorOf(user, request)) });
}

export default function PartnerDemands() {
  const { date: fmtDate } = useDates();
  const { t } = useTranslation();
  const { demands } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const categoryName = useCategoryName();
  const quantityText = useQuantityText();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("demands:partner.title")}</h1>
        <Link to="/partner/demands/new" className="btn-primary">
          {t("demands:partner.new")}
        </Link>
      </div>
      {params.get("cancelled") ? <Notice tone="success">{t("demands:done.cancelled")}</Notice> : null}
      {demands.length === 0 ? <p className="text-sm text-stone-500">{t("demands:partner.empty")}</p> : null}
      <ul className="space-y-3">
        {demands.map((d) => (
          <li key={d.id} className="card space-y-1" data-testid="partner-demand">
            <div className="flex items-start justify-between gap-2">
              <Link to={`/partner/demands/${d.id}`} className="font-semibold">
                {d.title}
              </Link>
              <DemandStatus status={d.status} />
            </div>
            <p className="text-sm text-stone-600">
              {categoryName(d.category)} · {quantityText(d)}
            </p>
            <p className="text-xs text-stone-500">
              {t("demands:partner.counts", { offers: d._count.offers, messages: d._count.messages })} ·{" "}
              {t("demands:deadlineOn", { date: fmtDate(d.offerDeadline) })}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
