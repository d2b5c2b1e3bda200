import { useTranslation } from "~/i18n/react";
import { Link } from "@remix-run/react";
import type { ChangeLine } from "~/audit/describe-change";
import { useDates } from "~/time/use-dates";

/** An audit event as the loader sends it: `describeAuditEvents` (audit/trail.server.ts) described its change (decision 140). */
export type AuditRow = {
  id: string;
  at: string;
  actorName: string | null;
  actingForGroupName: string | null;
  action: string;
  reason: string | null;
  changes: ChangeLine[];
};

function ChangeList({ lines }: { lines: ChangeLine[] }) {
  const { t } = useTranslation();
  if (lines.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-stone-600" aria-label={t("audit:changesLabel")}>
      {lines.map((line) => (
        <li key={line.field} className="break-words">
          <span className="font-semibold text-stone-700">{line.label}:</span>{" "}
          {line.href ? (
            <Link to={line.href} className="underline">
              {line.after}
            </Link>
          ) : line.before !== null ? (
            <>
              {line.before} → {line.after}
            </>
          ) : (
            line.after
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * The audit trail: who did what, for whom (assisted mode), when, and what changed. Times in `zone`, the zone of
 * the record the trail belongs to (its office), else the viewer's (decision 123); the changes come described
 * and formatted in that zone from the loader (decision 140).
 */
export function AuditList({ events, zone: recordZone }: { events: AuditRow[]; zone?: string | null }) {
  const { dateTime: fmtDateTime } = useDates(recordZone);
  const { t } = useTranslation();
  if (events.length === 0) return <p className="text-sm text-stone-500">{t("audit:empty")}</p>;
  return (
    <ol className="space-y-2" data-testid="audit-list">
      {events.map((e) => (
        <li key={e.id} className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
          <div className="flex flex-wrap justify-between gap-2">
            <strong>{t(`audit:actions.${e.action}`, { defaultValue: e.action })}</strong>
            <time className="text-stone-500">{fmtDateTime(e.at)}</time>
          </div>
          <p className="text-stone-700">
            {e.actingForGroupName
              ? t("audit:byOnBehalf", { actor: e.actorName ?? t("audit:system"), group: e.actingForGroupName })
              : t("audit:by", { actor: e.actorName ?? t("audit:system") })}
          </p>
          {e.reason ? <p className="text-stone-600">{t("audit:reason", { reason: e.reason })}</p> : null}
          <ChangeList lines={e.changes} />
        </li>
      ))}
    </ol>
  );
}
