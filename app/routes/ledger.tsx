import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, requireUser } from "~/auth/guard.server";
import { formatRupiah } from "~/i18n/format";
import { useDates } from "~/time/use-dates";
import { GroupSwitcher } from "~/orders/group-switcher";
import { Pager } from "~/components/pager";
import { pageRequestOf } from "~/paging/request.server";
import { LEDGER_KEY, ledgerPage } from "~/payments/ledger.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const groupParam = url.searchParams.get("group");
  // The per-order list pages by key (?after= / ?before=, decision 121); the summaries are SQL aggregates.
  const { group, summary, list, groups, groupId } = await ledgerPage(actorOf(user, request), groupParam, pageRequestOf(url.searchParams, LEDGER_KEY));
  return json({ group: { id: group.id, name: group.name }, ledger: { ...summary, rows: list.rows }, list: { next: list.next, previous: list.previous }, groupParam, groups, groupId });
}

export default function Ledger() {
  const { t } = useTranslation();
  const { group, ledger, list, groupParam, groups, groupId } = useLoaderData<typeof loader>();
  const { date: fmtDate } = useDates(ledger.zone);
  const { totals } = ledger;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("payments:ledger.title", { group: group?.name ?? "" })}</h1>
        <a href={`/ledger/csv${groupParam ? `?group=${groupParam}` : ""}`} className="btn-secondary" download>
          {t("payments:ledger.csv")}
        </a>
      </div>
      <GroupSwitcher groups={groups} current={groupId} path="/ledger" />
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="ledger-totals">
        {(["revenue", "paid", "outstanding", "overdue"] as const).map((k) => (
          <div key={k} className="card">
            <dt className="text-xs text-stone-500">{t(`payments:ledger.totals.${k}`)}</dt>
            <dd className="whitespace-nowrap text-lg font-semibold" data-testid={`ledger-${k}`}>
              {formatRupiah(totals[k])}
            </dd>
          </div>
        ))}
      </dl>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("payments:ledger.byMonth")}</h2>
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left">
              <th className="p-1">{t("payments:ledger.month")}</th>
              <th className="p-1 text-right">{t("payments:ledger.totals.revenue")}</th>
              <th className="p-1 text-right">{t("payments:ledger.totals.outstanding")}</th>
            </tr>
          </thead>
          <tbody>
            {ledger.byMonth.map((m) => (
              <tr key={m.month} className="border-t border-stone-200">
                <td className="p-1">{m.month.split("-").reverse().join("/")}</td>
                <td className="whitespace-nowrap p-1 text-right">{formatRupiah(m.revenue)}</td>
                <td className="whitespace-nowrap p-1 text-right">{formatRupiah(m.outstanding)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("payments:ledger.byPartner")}</h2>
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left">
              <th className="p-1">{t("payments:invoice.partner")}</th>
              <th className="p-1 text-right">{t("payments:ledger.totals.revenue")}</th>
              <th className="p-1 text-right">{t("payments:ledger.totals.outstanding")}</th>
            </tr>
          </thead>
          <tbody>
            {ledger.byPartner.map((p) => (
              <tr key={p.partner} className="border-t border-stone-200">
                <td className="p-1">{p.partner}</td>
                <td className="whitespace-nowrap p-1 text-right">{formatRupiah(p.revenue)}</td>
                <td className="whitespace-nowrap p-1 text-right">{formatRupiah(p.outstanding)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("payments:ledger.byOrder")}</h2>
        {ledger.rows.length === 0 ? <p className="text-sm text-stone-500">{t("payments:ledger.empty")}</p> : null}
        <ul className="space-y-2" data-testid="ledger-rows">
          {ledger.rows.map((r) => (
            <li key={r.invoiceId} className="card text-sm" data-testid={`ledger-row-${r.orderNumber}`}>
              <div className="flex flex-wrap justify-between gap-2">
                <span>
                  <Link to={`/invoices/${r.invoiceId}`} className="underline">
                    {r.invoiceNumber}
                  </Link>{" "}
                  · <Link to={`/orders/${r.orderId}`} className="underline">{r.orderNumber}</Link> · {r.partner}
                </span>
                <span className="whitespace-nowrap font-semibold">{formatRupiah(r.amountRupiah)}</span>
              </div>
              <p className="text-stone-600">
                {fmtDate(r.issuedAt)} · {t(`enums:invoiceStatus.${r.status}`)} · {t("payments:ledger.outstandingShort", { amount: formatRupiah(r.outstandingRupiah) })}
                {r.overdue ? ` · ${t("payments:invoices.overdue")}` : ""}
              </p>
            </li>
          ))}
        </ul>
        <div className="mt-2">
          <Pager page={list} testId="ledger-pages" />
        </div>
      </section>
    </div>
  );
}
