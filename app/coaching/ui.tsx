import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { StatusBadge } from "~/components/status-badge";
import { useDates } from "~/time/use-dates";

export const COACHING_TONES: Record<string, string> = {
  DUE: "bg-amber-100 text-amber-900",
  SCHEDULED: "bg-sky-100 text-sky-900",
  RESCHEDULED: "bg-sky-100 text-sky-900",
  DELIVERED: "bg-green-100 text-green-800",
  MISSED: "bg-red-100 text-red-800",
  CANCELLED: "bg-stone-200 text-stone-700",
};

export const PHASE_TONES: Record<string, string> = {
  delivered: "text-green-800",
  upcoming: "text-sky-900",
  toConfirm: "text-amber-900",
  overdue: "text-red-800",
  missed: "text-red-800",
  cancelled: "text-stone-600",
};

export function CoachingStatusBadge({ status }: { status: string }) {
  return <StatusBadge kind="coachingStatus" status={status} tones={COACHING_TONES} />;
}

/** Delivered / open / overdue / missed counts. */
export function CoachingSummaryCards({
  summary,
}: {
  summary: { total: number; delivered: number; open: number; overdue: number; missed: number; toConfirm: number };
}) {
  const { t } = useTranslation();
  const items: [string, number, string][] = [
    ["delivered", summary.delivered, "text-green-800"],
    ["open", summary.open, "text-sky-900"],
    ["toConfirm", summary.toConfirm, "text-amber-900"],
    ["overdue", summary.overdue, "text-red-800"],
    ["missed", summary.missed, "text-red-800"],
  ];
  return (
    <div data-testid="coaching-summary">
      {/* Only dt/dd groups inside a dl (the total is a sentence after it). */}
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        {items.map(([key, value, tone]) => (
          <div key={key} className="card p-3" data-testid={`summary-${key}`}>
            <dt className="text-xs text-stone-600">{t(`coaching:summary.${key}`)}</dt>
            <dd className={`text-2xl font-bold ${tone}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-xs text-stone-600">{t("coaching:summary.total", { count: summary.total })}</p>
    </div>
  );
}

export type SessionRow = {
  id: string;
  sequence: number;
  topic: string;
  dueDate: string;
  status: string;
  scheduledAt: string | null;
  phase: string;
  rating: number | null;
  group: { id: string; name: string };
  partner: { id: string; displayName: string };
  commitment: { sessionsCount: number; mou: { number: string } };
  /** the group office's zone: the due day and time print in it */
  zone: string;
};

/** Sessions with their state and the next action for the viewer's side. */
export function SessionList({ sessions, side }: { sessions: SessionRow[]; side: "partner" | "group" | "observer" }) {
  const { date: fmtDate, dateTime: fmtDateTime } = useDates();
  const { t } = useTranslation();
  if (sessions.length === 0) return <p className="card text-sm text-stone-600">{t("coaching:list.empty")}</p>;
  return (
    <ul className="space-y-2" data-testid="session-list">
      {sessions.map((s) => (
        <li key={s.id} className="card space-y-1" data-testid="session-row" data-status={s.status} data-phase={s.phase}>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <Link to={`/coaching/${s.id}`} className="font-semibold">
              {s.topic} · {t("coaching:session.sequence", { n: s.sequence, total: s.commitment.sessionsCount })}
            </Link>
            <CoachingStatusBadge status={s.status} />
          </div>
          <p className="text-xs text-stone-600">
            {side === "partner" ? s.group.name : s.partner.displayName} · {s.commitment.mou.number} · {t("coaching:list.due", { date: fmtDate(s.dueDate, s.zone) })}
            {s.scheduledAt ? ` · ${t("coaching:list.scheduled", { date: fmtDateTime(s.scheduledAt, s.zone) })}` : ""}
            {s.rating ? ` · ${t("coaching:ratingValue", { rating: s.rating })}` : ""}
          </p>
          <p className={`text-sm font-medium ${PHASE_TONES[s.phase] ?? ""}`}>{t(`coaching:next.${side}.${s.phase}`)}</p>
        </li>
      ))}
    </ul>
  );
}

/** A home-page card: the coaching counts and where to act. */
export function CoachingHomeCard({
  summary,
  to,
  side,
}: {
  summary: { total: number; delivered: number; open: number; overdue: number; missed: number; toConfirm: number };
  to: string;
  side: "partner" | "group";
}) {
  const { t } = useTranslation();
  if (summary.total === 0) return null;
  const action = side === "group" && summary.toConfirm > 0 ? "toConfirm" : side === "partner" && summary.overdue > 0 ? "overdue" : "open";
  return (
    <section className="card space-y-2" data-testid="coaching-home">
      <h2 className="text-lg font-semibold">{t("coaching:home.title")}</h2>
      <p className="text-sm">{t("coaching:home.counts", { delivered: summary.delivered, total: summary.total, open: summary.open, missed: summary.missed })}</p>
      {action !== "open" ? (
        <p className="text-sm font-medium text-amber-900">{t(`coaching:home.${side}.${action}`, { count: action === "toConfirm" ? summary.toConfirm : summary.overdue })}</p>
      ) : null}
      <Link to={to} className="btn-secondary btn-small">
        {t("coaching:home.open")}
      </Link>
    </section>
  );
}
