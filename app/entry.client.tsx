import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { isLocale, DEFAULT_LOCALE } from "~/i18n/config";
import { TranslationProvider } from "~/i18n/react";
import type { Namespaces } from "~/i18n/translate";

async function hydrate() {
  const lang = document.documentElement.lang;
  const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
  const version = document.querySelector<HTMLMetaElement>('meta[name="i18n-version"]')?.content ?? "0";
  const response = await fetch(`/locales/${locale}.json?v=${version}`);
  const namespaces = (await response.json()) as Namespaces;
  startTransition(() => {
    hydrateRoot(
      document,
      <TranslationProvider language={locale} namespaces={namespaces}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </TranslationProvider>,
    );
  });
}

hydrate();
