import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, forbidden, requireUser } from "~/auth/guard.server";
import { findGroupCoachingFor } from "~/coaching/access.server";
import { listSessions } from "~/coaching/coaching.server";
import { CoachingSummaryCards, SessionList } from "~/coaching/ui";
import { AssistedModeBanner } from "~/components/assisted-mode";

/** A group's coaching: what its partners promised, what was delivered, what to confirm. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const groupId = params.groupId!;
  const group = await findGroupCoachingFor(actorOf(user, request), groupId);
  if (!group) throw forbidden();
  const { summary, sessions } = await listSessions({ groupId });
  const side = user.role === "GROUP" || (user.role === "FACILITATOR" && group.facilitatorId === user.id) ? "group" : "observer";
  return json({ group: { id: group.id, name: group.name }, summary, sessions, side, assisted: user.role === "FACILITATOR" } as const);
}

export default function GroupCoaching() {
  const { t } = useTranslation();
  const { group, summary, sessions, side, assisted } = useLoaderData<typeof loader>();
  const toConfirm = sessions.filter((s) => s.phase === "toConfirm");
  const others = sessions.filter((s) => s.phase !== "toConfirm");
  return (
    <div className="space-y-4">
      {assisted ? <AssistedModeBanner groupName={group.name} /> : null}
      <h1 className="text-2xl font-bold">{t("coaching:group.title", { name: group.name })}</h1>
      <p className="text-sm text-stone-600">{t("coaching:group.intro")}</p>
      <CoachingSummaryCards summary={summary} />
      {toConfirm.length ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("coaching:group.toConfirm")}</h2>
          <SessionList sessions={toConfirm} side={side} />
        </section>
      ) : null}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("coaching:group.all")}</h2>
        <SessionList sessions={others} side={side} />
      </section>
      <p className="flex flex-wrap gap-3">
        <Link to={`/groups/${group.id}/visits`}>{t("mentoring:visitsLink")}</Link>
        <Link to={`/groups/${group.id}`}>{t("coaching:backToGroup")}</Link>
      </p>
    </div>
  );
}
