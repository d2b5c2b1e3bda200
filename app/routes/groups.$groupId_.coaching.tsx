import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, forbidden, requireUser } from "~/auth/guard.server";
import { findGroupCoachingFor } from "~/coaching/access.server";
import { coachingSummaryFor, listSessionPage, SESSION_LIST_KEY } from "~/coaching/coaching.server";
import { CoachingSummaryCards, SessionList } from "~/coaching/ui";
import { AssistedModeBanner } from "~/components/assisted-mode";
import { Pager } from "~/components/pager";
import { pageRequestOf } from "~/paging/request.server";

/** The "to confirm" list pages with its own cursor parameters, so the two lists page independently. */
const CONFIRM_PAGE_PARAMS = { next: "confirmAfter", previous: "confirmBefore" };

/** A group's coaching: what its partners promised, what was delivered, what to confirm. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const groupId = params.groupId!;
  const group = await findGroupCoachingFor(actorOf(user, request), groupId);
  if (!group) throw forbidden();
  const url = new URL(request.url);
  const now = new Date();
  // decision 122: both lists filter and page by key in the query (?after=/?before=, ?confirmAfter=/?confirmBefore=)
  const [summary, toConfirm, others] = await Promise.all([
    coachingSummaryFor({ groupId }, now),
    listSessionPage({ groupId }, "toConfirm", pageRequestOf(url.searchParams, SESSION_LIST_KEY, CONFIRM_PAGE_PARAMS), now),
    listSessionPage({ groupId }, "notToConfirm", pageRequestOf(url.searchParams, SESSION_LIST_KEY), now),
  ]);
  const side = user.role === "GROUP" || (user.role === "FACILITATOR" && group.facilitatorId === user.id) ? "group" : "observer";
  return json({
    group: { id: group.id, name: group.name },
    summary,
    toConfirm: toConfirm.rows,
    toConfirmPage: { next: toConfirm.next, previous: toConfirm.previous },
    others: others.rows,
    page: { next: others.next, previous: others.previous },
    side,
    assisted: user.role === "FACILITATOR",
  } as const);
}

export default function GroupCoaching() {
  const { t } = useTranslation();
  const { group, summary, toConfirm, toConfirmPage, others, page, side, assisted } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      {assisted ? <AssistedModeBanner groupName={group.name} /> : null}
      <h1 className="text-2xl font-bold">{t("coaching:group.title", { name: group.name })}</h1>
      <p className="text-sm text-stone-600">{t("coaching:group.intro")}</p>
      <CoachingSummaryCards summary={summary} />
      {toConfirm.length || toConfirmPage.previous ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("coaching:group.toConfirm")}</h2>
          <SessionList sessions={toConfirm} side={side} />
          <Pager page={toConfirmPage} names={CONFIRM_PAGE_PARAMS} testId="to-confirm-pages" />
        </section>
      ) : null}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("coaching:group.all")}</h2>
        <SessionList sessions={others} side={side} />
        <Pager page={page} testId="session-pages" />
      </section>
      <p className="flex flex-wrap gap-3">
        <Link to={`/groups/${group.id}/visits`}>{t("mentoring:visitsLink")}</Link>
        <Link to={`/groups/${group.id}`}>{t("coaching:backToGroup")}</Link>
      </p>
    </div>
  );
}
