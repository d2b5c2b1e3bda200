import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, requireUser } from "~/auth/guard.server";
import { StatusBadge } from "~/components/status-badge";
import { formatRupiah } from "~/i18n/format";
import { useDates } from "~/time/use-dates";
import { ORDER_STATUS_TONES } from "~/orders/ui";
import { listInvoices } from "~/payments/invoices.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const overdue = url.searchParams.get("overdue") === "1";
  const page = Number(url.searchParams.get("page") ?? "1") || 1;
  const result = await listInvoices(actorOf(user, request), { overdue, page, groupId: url.searchParams.get("group") });
  return json({ ...result, overdue, role: user.role, group: url.searchParams.get("group") });
}

export default function InvoicesIndex() {
  const { date: fmtDate } = useDates();
  const { t } = useTranslation();
  const { invoices, hasMore, page, overdue, role, group } = useLoaderData<typeof loader>();
  const g = group ? `group=${group}&` : "";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("payments:invoices.title")}</h1>
        {role === "GROUP" || role === "FACILITATOR" ? (
          <Link to={`/ledger${group ? `?group=${group}` : ""}`} className="btn-secondary">
            {t("payments:ledger.link")}
          </Link>
        ) : null}
      </div>
      <nav className="flex gap-3 text-sm" aria-label={t("payments:invoices.filter")}>
        <Link to={`?${g}`} className={!overdue ? "font-bold underline" : "underline"}>
          {t("payments:invoices.all")}
        </Link>
        <Link to={`?${g}overdue=1`} className={overdue ? "font-bold underline" : "underline"}>
          {t("payments:invoices.overdueOnly")}
        </Link>
      </nav>
      {invoices.length === 0 ? <p className="text-sm text-stone-500">{t("payments:invoices.empty")}</p> : null}
      <ul className="space-y-2" data-testid="invoice-list">
        {invoices.map((i) => (
          <li key={i.id} className="card flex flex-wrap items-center justify-between gap-2">
            <div>
              <Link to={`/invoices/${i.id}`} className="font-semibold underline">
                {i.number}
              </Link>
              <p className="text-sm text-stone-600">
                {role === "PARTNER" ? i.group.name : i.partner.displayName} · {t("payments:invoices.due", { date: fmtDate(i.dueAt, i.zone) })}
              </p>
            </div>
            <div className="flex items-center gap-2">
              <span className="text-sm font-semibold">{formatRupiah(i.amountRupiah)}</span>
              {i.overdue ? <span className="badge bg-red-100 text-red-800">{t("payments:invoices.overdue")}</span> : null}
              <StatusBadge kind="invoiceStatus" status={i.status} tones={ORDER_STATUS_TONES} />
            </div>
          </li>
        ))}
      </ul>
      <div className="flex justify-between">
        {page > 1 ? (
          <Link to={`?${g}${overdue ? "overdue=1&" : ""}page=${page - 1}`} className="btn-secondary">
            {t("orders:list.previous")}
          </Link>
        ) : (
          <span />
        )}
        {hasMore ? (
          <Link to={`?${g}${overdue ? "overdue=1&" : ""}page=${page + 1}`} className="btn-secondary">
            {t("orders:list.next")}
          </Link>
        ) : null}
      </div>
    </div>
  );
}
