import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { DEFAULT_NAMESPACE, type AppLocale } from "./config";

/**
 * Keeps the browser's i18next instance on the language the server rendered. The language switch is a
 * plain form post (it works without JavaScript); with JavaScript Remix revalidates the root loader, whose
 * `locale` then differs from the instance's: load that language's translations once and switch, so the
 * page and later navigations show it without a reload.
 */
export function useLanguageSync(locale: AppLocale, version: string): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (typeof document === "undefined" || i18n.language === locale) return;
    let cancelled = false;
    (async () => {
      if (!i18n.hasResourceBundle(locale, DEFAULT_NAMESPACE)) {
        const response = await fetch(`/locales/${locale}.json?v=${encodeURIComponent(version)}`);
        if (!response.ok) return;
        const namespaces = (await response.json()) as Record<string, Record<string, unknown>>;
        for (const [namespace, bundle] of Object.entries(namespaces)) {
          i18n.addResourceBundle(locale, namespace, bundle, true, true);
        }
      }
      if (!cancelled) await i18n.changeLanguage(locale);
    })().catch(() => {
      // Offline or blocked: the next full page load renders the chosen language.
    });
    return () => {
      cancelled = true;
    };
  }, [i18n, locale, version]);
}
