/**
 * Which pages load Remix's client scripts (decision 128, issue 14 target 5). Public pages work without
 * JavaScript (plain links and form posts), so they are served without React in the browser: a route says so
 * with `export const handle = NO_SCRIPTS`. Such a page gets instead the small inline script of
 * `enhance-script.server.ts`, which keeps its two JavaScript niceties: results that follow the typing in the
 * catalogue search, and "copy link". A plain module: the root layout and scripts/bundle-size.ts read it.
 */

/** What a route tells the document through its `handle` export. */
export type RouteHandle = { scripts?: boolean };

export const NO_SCRIPTS: RouteHandle = { scripts: false };

/** True when a route of the page asked to be served without client scripts. */
export function withoutScripts(handles: unknown[]): boolean {
  return handles.some((h) => (h as RouteHandle | undefined)?.scripts === false);
}

/**
 * A successful post of a `SummaryForm` redirects, and the browser keeps the `#form-errors` of the posted URL
 * on the new page (app/components/form.tsx) (also on a page without that summary). Called once by the root layout in the browser, and
 * the same line runs in the inline script of script-free pages: the address loses that stale fragment.
 */
export function dropStaleFormErrorsHash(): void {
  if (window.location.hash === "#form-errors" && !document.getElementById("form-errors")) {
    window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  }
}
