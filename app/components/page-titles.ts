import type { Role } from "~/generated/prisma/enums";
import { NAV_BY_ROLE } from "./nav";

/** Pages anyone may open, with the translation key of their name. */
const PUBLIC_PAGES: [path: string, labelKey: string][] = [
  ["/products", "nav:catalogue"],
  ["/login", "auth:login.title"],
  ["/signup", "auth:signup.title"],
  ["/forgot-password", "auth:forgot.title"],
  ["/reset-password", "auth:reset.title"],
  ["/mou/verify", "mou:verify.title"],
  ["/account", "nav:account"],
  ["/notifications", "nav:notifications"],
];

/** Path prefix → translation key of the page name, for a visitor or a signed-in role. */
export function pageTitleKeys(role: Role | null): [path: string, labelKey: string][] {
  const nav = role ? NAV_BY_ROLE[role].map((item): [string, string] => [item.to, item.labelKey]) : [];
  return [...PUBLIC_PAGES, ...nav];
}

/**
 * The document title of a page that sets none itself: the name of the closest page in the table
 * (longest matching path prefix), then "Bermitra". Screen readers and browser tabs tell pages apart by it.
 */
export function documentTitle(pathname: string, titles: [path: string, title: string][]): string {
  let best: [string, string] | null = null;
  for (const entry of titles) {
    const [path] = entry;
    const matches = pathname === path || pathname.startsWith(`${path}/`);
    if (matches && (!best || path.length > best[0].length)) best = entry;
  }
  return best ? `${best[1]} · Bermitra` : "Bermitra";
}
