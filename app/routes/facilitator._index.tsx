import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { monthLabel } from "~/mentoring/topics";
import { requirePermission } from "~/auth/guard.server";
import { StatusBadge } from "~/components/status-badge";
import { useDates } from "~/time/use-dates";
import { facilitatorDashboard } from "~/mentoring/visits.server";

/** Facilitator (pendamping) home: the groups assigned to them, with what needs attention first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:group:assigned");
  const { groups, month } = await facilitatorDashboard(user.id);
  return json({ groups, month, name: user.name });
}

export default function FacilitatorHome() {
  const { date: fmtDate, dateTime: fmtDateTime } = useDates();
  const { t } = useTranslation();
  const { groups, month, name } = useLoaderData<typeof loader>();
  const attention = groups.filter((g) => g.needsAttention).length;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold" data-testid="home-title">{t("facilitator:home.title", { name })}</h1>
      <p className="text-sm text-stone-600">{t("facilitator:home.intro", { count: groups.length })}</p>
      <p className="text-sm font-medium" data-testid="attention-count">
        {t("mentoring:home.attention", { count: attention, month: monthLabel(month) })}
      </p>
      <ul className="grid gap-3 sm:grid-cols-2">
        {groups.map((g) => (
          <li key={g.id} className="card space-y-2" data-testid="facilitator-group" data-group={g.name}>
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
            <ul className="space-y-1 text-sm" data-testid="attention-items">
              {g.noVisitThisMonth ? (
                <li className="text-red-800" data-testid="attention-no-visit">
                  {g.lastVisit ? t("mentoring:home.noVisitSince", { date: fmtDate(g.lastVisit, g.zone) }) : t("mentoring:home.neverVisited")}
                </li>
              ) : (
                <li className="text-green-800">{t("mentoring:home.visited", { date: fmtDate(g.lastVisit, g.zone) })}</li>
              )}
              {g.ordersWaiting > 0 ? <li className="text-amber-900">{t("mentoring:home.ordersWaiting", { count: g.ordersWaiting })}</li> : null}
              {g.sessionsToConfirm.map((s) => (
                <li key={s.id} className="text-amber-900">
                  <Link to={`/coaching/${s.id}`}>{t("mentoring:home.sessionToConfirm", { topic: s.topic, date: fmtDateTime(s.scheduledAt, g.zone) })}</Link>
                </li>
              ))}
              {g.expiringCertifications.map((c, i) => (
                <li key={i} className="text-amber-900">
                  {t("mentoring:home.certificationExpiring", { kind: t(`mentoring:certKind.${c.kind}`), product: c.product, date: fmtDate(c.expiresAt, g.zone) })}
                </li>
              ))}
              {g.openFollowUps.map((f) => (
                <li key={f.id} className={f.overdue ? "text-red-800" : "text-stone-700"}>
                  {t(f.overdue ? "mentoring:home.followUpOverdue" : "mentoring:home.followUpOpen", { text: f.description, date: fmtDate(f.dueDate, g.zone) })}
                </li>
              ))}
            </ul>
            <div className="flex flex-wrap gap-2">
              <Link to={`/groups/${g.id}/visits`} className="btn-primary btn-small">
                {t("mentoring:home.logVisit")}
              </Link>
              <Link to={`/groups/${g.id}/coaching`} className="btn-secondary btn-small">
                {t("mentoring:home.coaching")}
              </Link>
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
