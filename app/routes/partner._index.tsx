import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, requireUser } from "~/auth/guard.server";
import { Notice } from "~/components/form";
import { StatusBadge } from "~/components/status-badge";
import { coachingSummaryFor } from "~/coaching/coaching.server";
import { CoachingHomeCard } from "~/coaching/ui";
import { TaskList } from "~/dashboard/task-list";
import { partnerTasks } from "~/dashboard/tasks.server";
import { db } from "~/db/db.server";

/** Partner (business) home. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (user.role !== "PARTNER" || !user.partnerId) throw forbidden();
  const partner = await db.partner.findUnique({
    where: { id: user.partnerId },
    select: {
      id: true,
      displayName: true,
      legalName: true,
      sector: true,
      nib: true,
      address: true,
      verificationStatus: true,
      verificationNote: true,
    },
  });
  if (!partner) throw forbidden();
  const [coaching, tasks] = await Promise.all([coachingSummaryFor({ partnerId: partner.id }), partnerTasks(partner.id, user.id)]);
  return json({ partner, name: user.name, coaching, tasks });
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
