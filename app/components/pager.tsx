import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { DEFAULT_PAGE_PARAMS, pageHref, type PageParamNames } from "~/paging/page-href";

/**
 * Previous / next links of a keyset-paged list (decision 121): plain links that keep the page's other
 * parameters (filters, the chosen group) and replace only the cursor, so paging works without JavaScript.
 * Shows nothing when the list fits on one page.
 */
export function Pager({
  page,
  names = DEFAULT_PAGE_PARAMS,
  labels,
  testId,
}: {
  page: { next: string | null; previous: string | null };
  names?: PageParamNames;
  /** translation keys of the two links (default common:previous / common:next) */
  labels?: { previous: string; next: string };
  testId?: string;
}) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const previous = pageHref(search, "previous", page.previous, names);
  const next = pageHref(search, "next", page.next, names);
  if (!previous && !next) return null;
  return (
    <nav className="flex flex-wrap justify-between gap-2 text-sm" aria-label={t("common:pagination")} data-testid={testId}>
      {previous ? (
        <Link to={previous} rel="prev" className="btn-secondary btn-small" data-testid={testId ? `${testId}-previous` : undefined}>
          {t(labels?.previous ?? "common:previous")}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link to={next} rel="next" className="btn-secondary btn-small" data-testid={testId ? `${testId}-next` : undefined}>
          {t(labels?.next ?? "common:next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
