import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, forbidden, requireUser } from "~/auth/guard.server";
import { Notice } from "~/components/form";
import { StatusBadge } from "~/components/status-badge";
import { CoachingHomeCard } from "~/coaching/ui";
import { TaskList } from "~/dashboard/task-list";
import { partnerHome } from "~/dashboard/homes.server";

/** Partner (business) home. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const home = await partnerHome(actorOf(user));
  if (!home) throw forbidden();
  return json({ ...home, name: user.name });
}

export default function PartnerHome() {
  const { t } = useTranslation();
  const { partner, name, coaching, tasks } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold" data-testid="home-title">{t("partnerHome:title", { name })}</h1>
      <div className="card space-y-1">
        <div className="flex items-start justify-between gap-2">
          <p className="text-lg font-semibold">{partner.displayName}</p>
          <span data-testid="partner-verification">
            <StatusBadge kind="verification" status={partner.verificationStatus} />
          </span>
        </div>
        <p className="text-sm text-stone-600">
          {partner.legalName} · {t(`enums:sector.${partner.sector}`)} · {t("partners:fields.nib")}: {partner.nib ?? "—"}
        </p>
        <p className="text-sm text-stone-600">{partner.address}</p>
      </div>
      {partner.verificationStatus === "PENDING" ? <Notice tone="warning">{t("partnerHome:pending")}</Notice> : null}
      {partner.verificationStatus === "VERIFIED" ? <Notice tone="success">{t("partnerHome:verified")}</Notice> : null}
      {partner.verificationStatus === "REJECTED" ? (
        <Notice tone="warning">{t("partnerHome:rejected", { reason: partner.verificationNote ?? "" })}</Notice>
      ) : null}
      {partner.verificationStatus === "VERIFIED" ? <TaskList tasks={tasks} /> : null}
      <CoachingHomeCard summary={coaching} to="/partner/coaching" side="partner" />
    </div>
  );
}
