import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, requireUser } from "~/auth/guard.server";
import { StatusBadge } from "~/components/status-badge";
import { OrderStatus } from "~/generated/prisma/enums";
import { formatRupiah } from "~/i18n/format";
import { useDates } from "~/time/use-dates";
import { ORDER_STATUS_TONES } from "~/orders/ui";
import { ordersPage } from "~/orders/orders.server";

const STATUSES = Object.values(OrderStatus);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status");
  const status = STATUSES.includes(statusParam as OrderStatus) ? (statusParam as OrderStatus) : undefined;
  const page = Number(url.searchParams.get("page") ?? "1") || 1;
  const { groups, ...result } = await ordersPage(actorOf(user, request), { status, page, groupId: url.searchParams.get("group") });
  return json({ ...result, status: status ?? null, role: user.role, groups, group: url.searchParams.get("group") });
}

export default function OrdersIndex() {
  const { date: fmtDate } = useDates();
  const { t } = useTranslation();
  const { orders, hasMore, page, status, role, groups, group } = useLoaderData<typeof loader>();
  const qs = (extra: Record<string, string | number | null>) => {
    const p = new URLSearchParams();
    const all = { group, status, ...extra };
    for (const [k, v] of Object.entries(all)) if (v !== null && v !== undefined && v !== "") p.set(k, String(v));
    const s = p.toString();
    return s ? `?${s}` : "";
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("orders:list.title")}</h1>
        <div className="flex flex-wrap gap-2">
          {role === "GROUP" || role === "FACILITATOR" ? (
            <Link to={`/orders/plan${group ? `?group=${group}` : ""}`} className="btn-secondary">
              {t("orders:plan.link")}
            </Link>
          ) : null}
          <Link to={`/invoices${group ? `?group=${group}` : ""}`} className="btn-secondary">
            {t("payments:invoices.link")}
          </Link>
        </div>
      </div>
      {groups ? (
        <nav className="flex flex-wrap gap-2 text-sm" aria-label={t("orders:list.groupFilter")}>
          <Link to={qs({ group: null, page: null })} className={!group ? "font-bold underline" : "underline"}>
            {t("orders:list.allGroups")}
          </Link>
          {groups.map((g) => (
            <Link key={g.id} to={qs({ group: g.id, page: null })} className={group === g.id ? "font-bold underline" : "underline"}>
              {g.name}
            </Link>
          ))}
        </nav>
      ) : null}
      <nav className="flex flex-wrap gap-2 text-sm" aria-label={t("orders:list.statusFilter")}>
        <Link to={qs({ status: null, page: null })} className={!status ? "font-bold underline" : "underline"}>
          {t("orders:list.allStatuses")}
        </Link>
        {STATUSES.map((s) => (
          <Link key={s} to={qs({ status: s, page: null })} className={status === s ? "font-bold underline" : "underline"}>
            {t(`enums:orderStatus.${s}`)}
          </Link>
        ))}
      </nav>
      {orders.length === 0 ? <p className="text-sm text-stone-500">{t("orders:list.empty")}</p> : null}
      <ul className="space-y-2" data-testid="order-list">
        {orders.map((o) => (
          <li key={o.id} className="card flex flex-wrap items-center justify-between gap-2" data-testid={`order-${o.number}`}>
            <div>
              <Link to={`/orders/${o.id}`} className="font-semibold underline">
                {o.number}
              </Link>
              <p className="text-sm text-stone-600">
                {role === "PARTNER" ? o.group.name : o.partner.displayName} · {t(`orders:source.${o.source}`)} · {t("orders:list.deliveryOn", { date: fmtDate(o.deliveryDate, o.zone) })}
              </p>
            </div>
            <div className="flex items-center gap-2">
              <span className="text-sm font-semibold">{formatRupiah(o.totalRupiah)}</span>
              <StatusBadge kind="orderStatus" status={o.status} tones={ORDER_STATUS_TONES} />
            </div>
          </li>
        ))}
      </ul>
      <div className="flex justify-between">
        {page > 1 ? (
          <Link to={qs({ page: page - 1 })} className="btn-secondary">
            {t("orders:list.previous")}
          </Link>
        ) : (
          <span />
        )}
        {hasMore ? (
          <Link to={qs({ page: page + 1 })} className="btn-secondary">
            {t("orders:list.next")}
          </Link>
        ) : null}
      </div>
    </div>
  );
}
