import { useRootData } from "~/components/use-root-data";
import { formatDate, formatDateTime, toDateInputValue } from "~/i18n/format";
import { DEFAULT_TIME_ZONE, isOfficeTimeZone, type OfficeTimeZone } from "./calendar";

type DateLike = Date | string | number | null | undefined;

/** The viewer's office zone from the root loader (WIB for visitors and administrators). Decision 123. */
export function useViewerZone(): OfficeTimeZone {
  const zone = useRootData()?.timeZone;
  return isOfficeTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
}

/**
 * Date formatters bound to a zone, for page components (decision 123). `useDates(data.zone)` binds them to the
 * zone of the record the loader returns (an MoU's, order's or invoice's office); `useDates()` to the viewer's
 * office. A row of a list that spans offices passes its own zone: `date(row.dueAt, row.zone)`.
 */
export function useDates(recordZone?: string | null) {
  const viewer = useViewerZone();
  const zone: OfficeTimeZone = isOfficeTimeZone(recordZone) ? recordZone : viewer;
  const pick = (z?: string | null) => (isOfficeTimeZone(z) ? z : zone);
  return {
    zone,
    date: (value: DateLike, z?: string | null) => formatDate(value, pick(z)),
    dateTime: (value: DateLike, z?: string | null) => formatDateTime(value, pick(z)),
    dateInput: (value: DateLike, z?: string | null) => toDateInputValue(value, pick(z)),
  };
}
