import type { TFunction } from "i18next";
import { formatDayKey } from "~/time/calendar";
import type { Warning } from "./warnings";

type Translate = TFunction | ((key: string, options?: Record<string, unknown>) => string);

/** The evidence line of a warning in the reader's language (page, CSV and XLSX share it). */
export function warningDetail(t: Translate, w: Pick<Warning, "rule" | "facts">): string {
  const f = w.facts;
  const day = (key: string | number | null | undefined) => (typeof key === "string" && /^\d{4}-\d{2}-\d{2}$/.test(key) ? formatDayKey(key) : String(t("warnings:never")));
  const tt = t as (key: string, options?: Record<string, unknown>) => string;
  switch (w.rule) {
    case "PASSIVE_PARTNER":
      return tt("warnings:detail.PASSIVE_PARTNER", { signed: day(f.signedDay), lastOrder: day(f.lastOrderDay), lastCoaching: day(f.lastCoachingDay), days: f.days });
    case "ORDERS_STOPPED":
      return tt("warnings:detail.ORDERS_STOPPED", { mou: f.mou, lastOrder: day(f.lastOrderDay), days: f.days });
    case "REJECTIONS_RISING":
      return tt("warnings:detail.REJECTIONS_RISING", { recent: String(f.recentPercent).replace(".", ","), previous: String(f.previousPercent).replace(".", ","), recentCount: f.recentDeliveries, previousCount: f.previousDeliveries });
    case "SESSION_MISSED":
      return tt("warnings:detail.SESSION_MISSED", { topic: f.topic, due: day(f.dueDay), status: tt(`monitoring:status.${String(f.status)}`) });
    case "GROUP_INACTIVE":
      return tt("warnings:detail.GROUP_INACTIVE", { last: day(f.lastActivityDay), verified: day(f.verifiedDay) });
    case "NO_VISIT_THIS_MONTH":
      return tt("warnings:detail.NO_VISIT_THIS_MONTH", { month: String(f.month ?? "").split("-").reverse().join("/"), lastVisit: day(f.lastVisitDay) });
  }
}
