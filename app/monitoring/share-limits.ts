/**
 * The longest a mayor's-office share link may live (decision 088). Its own module, not in share.server.ts: the
 * share page's form shows it in the browser, where a `*.server.ts` import is an empty module (the value would be
 * undefined after hydration).
 */
export const SHARE_MAX_DAYS = 90;
