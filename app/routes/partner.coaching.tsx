import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { forbidden, requirePermission } from "~/auth/guard.server";
import { coachingSummaryFor, listSessionPage, SESSION_LIST_KEY } from "~/coaching/coaching.server";
import { CoachingSummaryCards, SessionList } from "~/coaching/ui";
import { Pager } from "~/components/pager";
import { pageRequestOf } from "~/paging/request.server";

const FILTERS = ["all", "open", "delivered", "missed"] as const;

/** The partner's coaching commitments: every session it promised, with what to do next (decision 122: paged by key). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "schedule:coaching:own");
  if (!user.partnerId) throw forbidden();
  const url = new URL(request.url);
  const show = FILTERS.find((f) => f === url.searchParams.get("show")) ?? "open";
  const now = new Date();
  const [summary, page] = await Promise.all([
    coachingSummaryFor({ partnerId: user.partnerId }, now),
    listSessionPage({ partnerId: user.partnerId }, show, pageRequestOf(url.searchParams, SESSION_LIST_KEY), now),
  ]);
  return json({ summary, sessions: page.rows, page: { next: page.next, previous: page.previous }, filter: show });
}

export default function PartnerCoaching() {
  const { t } = useTranslation();
  const { summary, sessions, page, filter } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("coaching:partner.title")}</h1>
      <p className="text-sm text-stone-600">{t("coaching:partner.intro")}</p>
      <CoachingSummaryCards summary={summary} />
      <nav className="flex flex-wrap gap-2" aria-label={t("coaching:list.filter")}>
        {FILTERS.map((f) => (
          <Link key={f} to={`?show=${f}`} className={`btn-small ${f === filter ? "btn-primary" : "btn-secondary"}`}>
            {t(`coaching:filters.${f}`)}
          </Link>
        ))}
      </nav>
      <SessionList sessions={sessions} side="partner" />
      <Pager page={page} testId="session-pages" />
    </div>
  );
}
