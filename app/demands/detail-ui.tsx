import { useTranslation } from "~/i18n/react";
import { SummaryForm, type ActionErrors } from "~/components/form";
import { formatRupiah } from "~/i18n/format";
import { useDates } from "~/time/use-dates";
import { ErrorLine, useCategoryName, useQuantityText, type DemandView } from "./ui";

/** Demand detail pages: the summary and the question threads (split from ui.tsx so list pages do not load them). */
export function DemandSummary({ demand }: { demand: DemandView }) {
  const { date: fmtDate } = useDates();
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  const quantityText = useQuantityText();
  const price =
    demand.priceMin != null || demand.priceMax != null
      ? `${demand.priceMin != null ? formatRupiah(demand.priceMin) : "…"} – ${demand.priceMax != null ? formatRupiah(demand.priceMax) : "…"}`
      : t("demands:fields.priceOpen");
  const rows: [string, string][] = [
    [t("demands:fields.category"), categoryName(demand.category)],
    [t("demands:fields.quantity"), quantityText(demand)],
    [t("demands:fields.awarded"), t("demands:awardedOf", { awarded: demand.awardedQuantity, quantity: demand.quantity })],
    [t("demands:fields.specification"), demand.specification],
    [t("demands:fields.qualityRequirements"), demand.qualityRequirements ?? "—"],
    [t("demands:fields.packaging"), demand.packaging ?? "—"],
    [t("demands:fields.deliveryAddress"), `${demand.deliveryAddress}${demand.deliveryKecamatan ? ` (${demand.deliveryKecamatan.name})` : ""}`],
    [t("demands:fields.period"), `${fmtDate(demand.startDate)}${demand.endDate ? ` – ${fmtDate(demand.endDate)}` : ""}`],
    [t("demands:fields.priceRange"), price],
    [t("demands:fields.offerDeadline"), fmtDate(demand.offerDeadline)],
    [t("demands:fields.allowSplit"), demand.allowSplit ? t("demands:yes") : t("demands:no")],
  ];
  if (demand.cancelReason) rows.push([t("demands:fields.cancelReason"), demand.cancelReason]);
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium text-stone-600">{label}</dt>
          <dd className="mb-1 whitespace-pre-line">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export type ThreadView = {
  groupId: string;
  groupName: string;
  messages: { id: string; body: string; createdAt: string; authorName: string; authorRole: string }[];
};

/** One group's question thread; `reply` shows a form posting `intent=message` (with the group id). */
export function Thread({ thread, reply, data }: { thread: ThreadView; reply: boolean; data?: ActionErrors }) {
  const { dateTime: fmtDateTime } = useDates();
  const { t } = useTranslation();
  return (
    <div className="space-y-2" data-testid={`thread-${thread.groupId}`}>
      <p className="text-sm font-semibold">{thread.groupName}</p>
      <ul className="space-y-2">
        {thread.messages.map((m) => (
          <li key={m.id} className={`rounded-lg p-2 text-sm ${m.authorRole === "GROUP" || m.authorRole === "FACILITATOR" ? "bg-stone-100" : "bg-sky-50"}`}>
            <p className="whitespace-pre-line">{m.body}</p>
            <p className="mt-1 text-xs text-stone-500">
              {m.authorName} · {t(`roles:${m.authorRole}`)} · {fmtDateTime(m.createdAt)}
            </p>
          </li>
        ))}
      </ul>
      {reply ? <MessageForm groupId={thread.groupId} data={data} label={t("demands:thread.reply")} /> : null}
    </div>
  );
}

export function MessageForm({ groupId, data, label }: { groupId: string; data?: ActionErrors; label: string }) {
  const { t } = useTranslation();
  const sameGroup = data?.values?.groupId === groupId;
  const error = sameGroup ? data?.errors?.body : undefined;
  const id = `body-${groupId}`;
  return (
    <SummaryForm method="post" className="space-y-1">
      <input type="hidden" name="intent" value="message" />
      <input type="hidden" name="groupId" value={groupId} />
      <label htmlFor={id} className="label">
        {label}
      </label>
      <textarea id={id} name="body" rows={2} className="input" defaultValue={sameGroup ? (data?.values?.body as string) : undefined} aria-invalid={error ? true : undefined} />
      {error ? <ErrorLine message={error} /> : null}
      <button type="submit" className="btn-secondary btn-small">
        {t("demands:thread.send")}
      </button>
    </SummaryForm>
  );
}
