import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { createTranslator, type Namespaces, type TranslateFn } from "./translate";

/**
 * React side of the page translator (decision 135): replaces react-i18next's provider and `useTranslation`
 * with the same call shape (`const { t, i18n } = useTranslation()`, `i18n.language`), on top of the small
 * `createTranslator` (translate.ts). The server and the browser render with the same function, so
 * hydration sees the same text.
 */
type Translation = { t: TranslateFn; i18n: { language: string } };
type ContextValue = Translation & { switchTo: (language: string, namespaces: Namespaces) => void; loaded: Map<string, Namespaces> };

const TranslationContext = createContext<ContextValue | null>(null);

function translation(language: string, namespaces: Namespaces): Translation {
  return { t: createTranslator(language, namespaces), i18n: { language } };
}

export function TranslationProvider({ language, namespaces, children }: { language: string; namespaces: Namespaces; children: ReactNode }) {
  const [current, setCurrent] = useState(() => translation(language, namespaces));
  const loaded = useRef(new Map([[language, namespaces]]));
  const value = useMemo<ContextValue>(
    () => ({
      ...current,
      loaded: loaded.current,
      switchTo: (next, bundles) => {
        loaded.current.set(next, bundles);
        setCurrent(translation(next, bundles));
      },
    }),
    [current],
  );
  return <TranslationContext.Provider value={value}>{children}</TranslationContext.Provider>;
}

export function useTranslation(): Translation {
  const value = useContext(TranslationContext);
  if (!value) throw new Error("useTranslation outside TranslationProvider (app/entry.client.tsx, app/entry.server.tsx)");
  return value;
}

/**
 * Keeps the browser's translator on the language the server rendered. The language switch is a plain form
 * post (it works without JavaScript); with JavaScript Remix revalidates the root loader, whose `locale` then
 * differs from the translator's: load that language's translations once and switch, so the page and later
 * navigations show it without a reload.
 */
export function useLanguageSync(locale: string, version: string): void {
  const value = useContext(TranslationContext);
  useEffect(() => {
    if (!value || typeof document === "undefined" || value.i18n.language === locale) return;
    let cancelled = false;
    const known = value.loaded.get(locale);
    (known
      ? Promise.resolve(known)
      : fetch(`/locales/${locale}.json?v=${encodeURIComponent(version)}`).then((response) => (response.ok ? (response.json() as Promise<Namespaces>) : null))
    )
      .then((bundles) => {
        if (bundles && !cancelled) value.switchTo(locale, bundles);
      })
      .catch(() => {
        // Offline or blocked: the next full page load renders the chosen language.
      });
    return () => {
      cancelled = true;
    };
  }, [value, locale, version]);
}
