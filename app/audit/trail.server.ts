import { describeChange, type ChangeLine } from "~/audit/describe-change";
import { detectLocale } from "~/i18n/i18n.server";
import { getResources } from "~/i18n/resources.server";
import { createTranslator } from "~/i18n/translate";
import { isOfficeTimeZone } from "~/time/calendar";
import { viewerZone, type ZonedUser } from "~/time/office-zone.server";

/** An audit event as a page shows it: the change already described (decision 140). */
export type AuditEntry = {
  id: string;
  at: Date | string;
  actorName: string | null;
  actingForGroupName: string | null;
  action: string;
  entityType: string;
  reason: string | null;
  changes: ChangeLine[];
};

type StoredEvent = Omit<AuditEntry, "changes"> & { before: string | null; after: string | null };

/**
 * Describes the changes of audit events for `AuditList` in the loader (decision 140): the field names, enum
 * values, money and dates of each change are translated and formatted here, with the translator pages render
 * with (`createTranslator`, same text as in the browser) in the viewer's language, and the times in `recordZone`
 * (the record's office) or else the viewer's zone — what the component did before, so that `describeChange` and
 * its tables stay on the server. The language switch revalidates the loaders, so the text follows it.
 */
export async function describeAuditEvents(
  request: Request,
  user: (ZonedUser & { locale?: string | null }) | null,
  events: StoredEvent[],
  recordZone?: string | null,
): Promise<AuditEntry[]> {
  if (events.length === 0) return [];
  const locale = await detectLocale(request, user?.locale);
  const t = createTranslator(locale, getResources(locale));
  const zone = isOfficeTimeZone(recordZone) ? recordZone : viewerZone(user);
  return events.map(({ before, after, ...event }) => ({
    id: event.id,
    at: event.at,
    actorName: event.actorName,
    actingForGroupName: event.actingForGroupName,
    action: event.action,
    entityType: event.entityType,
    reason: event.reason,
    changes: describeChange(t, event.entityType, before, after, zone),
  }));
}
