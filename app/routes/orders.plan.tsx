import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, requireUser } from "~/auth/guard.server";
import { formatNumber } from "~/i18n/format";
import { useDates } from "~/time/use-dates";
import { GroupSwitcher } from "~/orders/group-switcher";
import { productionPlanPage } from "~/orders/orders.server";
import { isoWeekday } from "~/time/calendar";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { group, plan, groups, groupId } = await productionPlanPage(actorOf(user, request), new URL(request.url).searchParams.get("group"));
  return json({ group: { name: group.name }, plan, groups, groupId });
}

export default function ProductionPlan() {
  const { date: fmtDate } = useDates();
  const { t } = useTranslation();
  const { group, plan, groups, groupId } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("orders:plan.title", { group: group?.name ?? "" })}</h1>
      <GroupSwitcher groups={groups} current={groupId} path="/orders/plan" />
      <p className="text-sm text-stone-600">{t("orders:plan.hint")}</p>
      <ol className="space-y-3" data-testid="production-plan">
        {plan.map((day) => (
          <li key={day.day} className="card">
            <h2 className="font-semibold">
              {t(`orders:weekday.${isoWeekday(day.day) % 7}`)} {fmtDate(day.day)}
            </h2>
            {day.products.length === 0 ? <p className="text-sm text-stone-500">{t("orders:plan.nothing")}</p> : null}
            <ul className="mt-1 space-y-1 text-sm">
              {day.products.map((p) => (
                <li key={p.description}>
                  <strong>
                    {formatNumber(p.quantity)} {t(`orders:unit.${p.unit}`, { defaultValue: p.unit })} {p.description}
                  </strong>{" "}
                  <span className="text-stone-600">{t("orders:plan.confirmed", { count: p.confirmed })}</span>
                  <ul className="ml-4 text-stone-600">
                    {p.orders.map((o) => (
                      <li key={o.id}>
                        <Link to={`/orders/${o.id}`} className="underline">
                          {o.number}
                        </Link>{" "}
                        · {o.partner} · {formatNumber(o.quantity)} · {t(`enums:orderStatus.${o.status}`)}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}
