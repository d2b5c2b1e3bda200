import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forbidden, requirePermission } from "~/auth/guard.server";
import { listSessions } from "~/coaching/coaching.server";
import { CoachingSummaryCards, SessionList } from "~/coaching/ui";

const FILTERS = ["all", "open", "delivered", "missed"] as const;

/** The partner's coaching commitments: every session it promised, with what to do next. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "schedule:coaching:own");
  if (!user.partnerId) throw forbidden();
  const { summary, sessions } = await listSessions({ partnerId: user.partnerId });
  return json({ summary, sessions });
}

export default function PartnerCoaching() {
  const { t } = useTranslation();
  const { summary, sessions } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const filter = (FILTERS as readonly string[]).includes(params.get("show") ?? "") ? params.get("show")! : "open";
  const shown = sessions.filter((s) =>
    filter === "all" ? true : filter === "open" ? ["upcoming", "toConfirm", "overdue"].includes(s.phase) : s.phase === filter,
  );
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
      <SessionList sessions={shown} side="partner" />
    </div>
  );
}
