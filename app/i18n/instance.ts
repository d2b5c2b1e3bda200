import { createInstance, type FormatFunction, type i18n as I18n } from "i18next";
import { DEFAULT_NAMESPACE, type AppLocale } from "./config";
import { formatNumber } from "./format";

/** Values that are numbers but not quantities: left as they are. */
const NOT_QUANTITIES = /year/i;

/**
 * Every number put into a sentence gets the thousands dot ("1.200 dari 1.500"), in both languages, the way
 * Rupiah amounts already do. Strings (MoU numbers, codes, formatted money) pass through unchanged.
 */
export const interpolationFormat: FormatFunction = (value, _format, _lng, options) => {
  if (typeof value !== "number" || !Number.isInteger(value)) return value;
  const key = (options as { interpolationkey?: string } | undefined)?.interpolationkey;
  if (key && NOT_QUANTITIES.test(key)) return value;
  return formatNumber(value);
};

/** Creates an initialised i18next instance for one locale (synchronous: resources are given). */
export function createI18n(locale: AppLocale, namespaces: Record<string, Record<string, unknown>>): I18n {
  const instance = createInstance();
  instance.init({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: namespaces },
    ns: Object.keys(namespaces),
    defaultNS: DEFAULT_NAMESPACE,
    interpolation: { escapeValue: false, alwaysFormat: true, format: interpolationFormat },
    returnNull: false,
    initImmediate: false,
  });
  return instance;
}
