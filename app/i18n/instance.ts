import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_NAMESPACE, type AppLocale } from "./config";

/** Creates an initialised i18next instance for one locale (synchronous: resources are given). */
export function createI18n(locale: AppLocale, namespaces: Record<string, Record<string, unknown>>): I18n {
  const instance = createInstance();
  instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: namespaces },
    ns: Object.keys(namespaces),
    defaultNS: DEFAULT_NAMESPACE,
    interpolation: { escapeValue: false },
    returnNull: false,
    initImmediate: false,
    react: { useSuspense: false },
  });
  return instance;
}
