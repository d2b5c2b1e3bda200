import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useMatches,
  useRouteError,
} from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";
import { actorOf, getOptionalUser } from "~/auth/guard.server";
import { homePathFor } from "~/auth/guard.server";
import { navFor } from "~/components/nav";
import { documentTitle, pageTitleKeys } from "~/components/page-titles";
import { useNonce } from "~/components/nonce";
import { ENHANCE_SCRIPT } from "~/components/enhance-script.server";
import { dropStaleFormErrorsHash, withoutScripts } from "~/components/scripts-policy";
import { detectLocale, getServerT } from "~/i18n/i18n.server";
import { getResourcesVersion } from "~/i18n/resources.server";
import stylesheet from "~/tailwind.css";
import { useRootData } from "~/components/use-root-data";
import { useLanguageSync } from "~/i18n/react";
import { unreadNotificationCount } from "~/notifications/inbox.server";
import { viewerZone } from "~/time/office-zone.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const locale = await detectLocale(request, user?.locale);
  const unread = user ? await unreadNotificationCount(actorOf(user)) : 0;
  const t = getServerT(locale);
  return json({
    locale,
    i18nVersion: getResourcesVersion(),
    pageTitles: pageTitleKeys(user?.role ?? null).map(([path, key]): [string, string] => [path, t(key)]),
    user: user
      ? {
          id: user.id,
          name: user.name,
          role: user.role,
          home: homePathFor(user.role),
          groupName: user.group?.name ?? null,
          partnerName: user.partner?.displayName ?? null,
          verification: user.group?.verificationStatus ?? user.partner?.verificationStatus ?? null,
        }
      : null,
    unread,
    /** the viewer's office zone: pages print dates in it unless a record carries its own (decision 123) */
    timeZone: viewerZone(user),
  });
}

export type RootData = typeof loader;

/** Every page has a title; routes with a title of their own (products, groups) override this one. */
export const meta: MetaFunction<typeof loader> = ({ data, location }) => [
  { title: documentTitle(location.pathname, data?.pageTitles ?? []) },
];


function LanguageSwitch() {
  const { t } = useTranslation();
  const data = useRootData();
  const location = useLocation();
  const next = data?.locale === "en" ? "id" : "en";
  return (
    <Form noValidate method="post" action="/language" className="inline">
      <input type="hidden" name="lng" value={next} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button
        type="submit"
        className="rounded-md border border-white/40 px-2 py-1 text-xs font-semibold text-white hover:bg-white/10"
        data-testid="language-switch"
      >
        {/* The visible label starts the accessible name (WCAG 2.5.3, label in name); the rest is for screen readers. */}
        {next === "en" ? "EN" : "ID"}
        <span className="sr-only"> {t("common:switchLanguage")}</span>
      </button>
    </Form>
  );
}

function Header() {
  const { t } = useTranslation();
  const data = useRootData();
  const user = data?.user;
  const menu = user ? navFor(user.role, user.verification) : null;
  const nav = menu?.items ?? [];
  return (
    <header className="bg-brand-700 text-white">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-2 px-3 py-2">
        <Link to={user ? user.home : "/"} className="flex items-center gap-2 text-lg font-bold text-white no-underline">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>Bermitra</span>
        </Link>
        <div className="flex items-center gap-2">
          <Link to="/products" className="hidden text-sm text-white sm:inline">
            {t("nav:catalogue")}
          </Link>
          <LanguageSwitch />
          {user ? (
            <details className="relative">
              <summary
                className="flex min-h-9 cursor-pointer list-none items-center gap-1 rounded-md px-2 text-sm hover:bg-white/10"
                data-testid="account-menu"
              >
                <span className="max-w-28 truncate">{user.name}</span>
                {data.unread > 0 ? (
                  <span className="badge bg-accent-500 text-stone-900" aria-label={t("nav:unread", { count: data.unread })}>
                    {data.unread}
                  </span>
                ) : null}
              </summary>
              <div className="absolute right-0 z-20 mt-1 w-56 rounded-lg border border-stone-200 bg-white p-2 text-sm text-stone-800 shadow-lg">
                <p className="px-2 py-1 text-xs text-stone-500">{t(`roles:${user.role}`)}</p>
                {user.groupName || user.partnerName ? (
                  <p className="px-2 pb-1 text-xs font-semibold">{user.groupName ?? user.partnerName}</p>
                ) : null}
                <Link to={user.home} className="block rounded px-2 py-2 text-stone-800 hover:bg-stone-100">
                  {t("nav:home")}
                </Link>
                <Link to="/notifications" className="block rounded px-2 py-2 text-stone-800 hover:bg-stone-100">
                  {t("nav:notifications")}
                </Link>
                <Link to="/account" className="block rounded px-2 py-2 text-stone-800 hover:bg-stone-100">
                  {t("nav:account")}
                </Link>
                <Form noValidate method="post" action="/logout">
                  <button type="submit" className="w-full rounded px-2 py-2 text-left hover:bg-stone-100">
                    {t("nav:logout")}
                  </button>
                </Form>
              </div>
            </details>
          ) : (
            <Link to="/login" className="rounded-md bg-white px-3 py-1.5 text-sm font-semibold text-brand-800 no-underline">
              {t("nav:login")}
            </Link>
          )}
        </div>
      </div>
      {nav.length > 0 ? (
        <nav aria-label={t("nav:main")} className="bg-brand-800">
          <ul className="mx-auto flex max-w-5xl gap-1 overflow-x-auto px-2 text-sm">
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end={item.to.split("/").length <= 2}
                  className={({ isActive }) =>
                    `block whitespace-nowrap px-3 py-2 text-white/90 no-underline hover:text-white ${isActive ? "border-b-2 border-accent-500 font-semibold text-white" : ""}`
                  }
                >
                  {t(item.labelKey)}
                </NavLink>
              </li>
            ))}
            {menu?.waitingKey ? (
              <li className="px-3 py-2 text-white/90" data-testid="nav-waiting">
                {t(menu.waitingKey)}
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const locale = data?.locale ?? "id";
  useLanguageSync(locale, data?.i18nVersion ?? "0");
  const nonce = useNonce();
  const matches = useMatches();
  useEffect(dropStaleFormErrorsHash, []);
  // Decided when the server renders the document (decision 128): a page that runs in the browser keeps its
  // scripts through every client-side navigation, also to a page that is served without them.
  const scripts = typeof document !== "undefined" || !withoutScripts(matches.map((m) => m.handle));
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#166534" />
        <meta name="i18n-version" content={data?.i18nVersion ?? "0"} />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        {children}
        {scripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : (
          <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ENHANCE_SCRIPT }} />
        )}
      </body>
    </html>
  );
}

/** The first stop for keyboard and screen-reader users: past the header and menu, straight to the page. */
function SkipLink() {
  const { t } = useTranslation();
  return (
    <a href="#main" className="skip-link">
      {t("common:skipToContent")}
    </a>
  );
}

function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="mt-auto border-t border-stone-200 bg-white py-4 text-center text-xs text-stone-500">
      {t("common:footer")}
    </footer>
  );
}

export default function App() {
  return (
    <>
      <SkipLink />
      <Header />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-3 py-4 focus:outline-none sm:px-4">
        <Outlet />
      </main>
      <Footer />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known: Record<number, [string, string]> = {
    400: ["errors:badRequestTitle", "errors:badRequestBody"],
    403: ["errors:forbiddenTitle", "errors:forbiddenBody"],
    404: ["errors:notFoundTitle", "errors:notFoundBody"],
    413: ["errors:tooLargeTitle", "errors:tooLargeBody"],
    429: ["errors:tooManyTitle", "errors:tooManyBody"],
    503: ["errors:unavailable.title", "errors:unavailable.body"],
  };
  const corrupt = isRouteErrorResponse(error) && error.data === "errors:corruptData";
  const [titleKey, bodyKey] = corrupt ? ["errors:corruptDataTitle", "errors:corruptDataBody"] : (known[status] ?? ["errors:serverErrorTitle", "errors:serverErrorBody"]);
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" && error.data.includes(":") ? error.data : null;
  return (
    <>
      <SkipLink />
      <Header />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-xl flex-1 px-4 py-12 text-center focus:outline-none">
        <p className="text-5xl font-bold text-brand-700">{status}</p>
        <h1 className="mt-2 text-2xl font-bold">{t(titleKey)}</h1>
        <p className="mt-2 text-stone-600">{detail && status === 403 ? t(detail) : t(bodyKey)}</p>
        <Link to="/" className="btn-primary mt-6">
          {t("errors:backHome")}
        </Link>
      </main>
    </>
  );
}
