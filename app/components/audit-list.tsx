import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";

export type AuditRow = {
  id: string;
  at: string;
  actorName: string | null;
  actingForGroupName: string | null;
  action: string;
  entityType: string;
  before: string | null;
  after: string | null;
  reason: string | null;
};

function changes(before: string | null, after: string | null): string {
  try {
    const a = after ? (JSON.parse(after) as Record<string, unknown>) : {};
    const b = before ? (JSON.parse(before) as Record<string, unknown>) : {};
    return Object.keys(a)
      .map((k) => `${k}: ${b[k] === undefined ? "" : `${JSON.stringify(b[k])} → `}${JSON.stringify(a[k])}`)
      .join("; ");
  } catch {
    return "";
  }
}

/** The audit trail: who did what, for whom (assisted mode), when, and what changed. */
export function AuditList({ events }: { events: AuditRow[] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p className="text-sm text-stone-500">{t("audit:empty")}</p>;
  return (
    <ol className="space-y-2" data-testid="audit-list">
      {events.map((e) => (
        <li key={e.id} className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
          <div className="flex flex-wrap justify-between gap-2">
            <strong>{t(`audit:actions.${e.action}`, { defaultValue: e.action })}</strong>
            <time className="text-stone-500">{formatDateTime(e.at)}</time>
          </div>
          <p className="text-stone-700">
            {e.actingForGroupName
              ? t("audit:byOnBehalf", { actor: e.actorName ?? t("audit:system"), group: e.actingForGroupName })
              : t("audit:by", { actor: e.actorName ?? t("audit:system") })}
          </p>
          {e.reason ? <p className="text-stone-600">{t("audit:reason", { reason: e.reason })}</p> : null}
          {e.after ? <p className="break-words font-mono text-xs text-stone-500">{changes(e.before, e.after)}</p> : null}
        </li>
      ))}
    </ol>
  );
}
