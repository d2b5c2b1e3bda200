import { DEFAULT_NAMESPACE } from "./config";
import { formatNumber } from "./format";

/**
 * The translator the pages use, on the server and in the browser (decision 135): the subset of i18next the
 * translation files use, in about 1 KB instead of i18next + react-i18next (≈ 15 KB gzipped in every page's
 * first load). Same files (app/locales/<locale>/<namespace>.json), same syntax, same results:
 * - `ns:a.b.c` keys (namespace `common` when none is given), nested objects;
 * - plurals: with a numeric `count`, `key_<Intl.PluralRules category>` first, then `key`;
 * - `{{name}}` interpolation, not escaped (React escapes); a variable not given stays as it is written;
 *   integers get the thousands dot (`formatNumber`) unless the variable's name contains "year";
 * - `$t(ns:key)` nesting after interpolation, with the same options;
 * - `defaultValue` when the key is missing, else the key without its namespace (as i18next returns it).
 * tests/unit/translate.test.ts compares it with i18next (app/i18n/instance.ts, still used for e-mails, PDFs
 * and other server-side text) on every key of both languages.
 */
export type Namespaces = Record<string, Record<string, unknown>>;
export type TranslateOptions = { count?: number; defaultValue?: string; [name: string]: unknown };
export type TranslateFn = (key: string, options?: TranslateOptions) => string;

/** Values that are numbers but not quantities: left as they are (same rule as instance.ts). */
const NOT_QUANTITIES = /year/i;
const VARIABLE = /\{\{(.+?)\}\}/g;
const NESTING = /\$t\((.+?)\)/g;

/** Walks `a.b.c`; like i18next, a key that itself contains dots (`actions.product.create`) is found too. */
function find(node: unknown, parts: string[]): unknown {
  if (!parts.length) return node;
  if (node == null || typeof node !== "object") return undefined;
  for (let j = 1; j <= parts.length; j++) {
    const next = (node as Record<string, unknown>)[parts.slice(0, j).join(".")];
    if (next !== undefined && (j === parts.length || typeof next === "object")) return find(next, parts.slice(j));
  }
  return undefined;
}

function lookup(namespaces: Namespaces, ns: string, key: string): string | undefined {
  const text = find(namespaces[ns], key.split("."));
  return typeof text === "string" ? text : undefined;
}

function interpolate(text: string, options: TranslateOptions): string {
  return text.replace(VARIABLE, (match, name: string) => {
    const variable = name.trim();
    const value = options[variable];
    if (value === undefined) return Object.hasOwn(options, variable) ? "" : match;
    if (value === null) return "";
    if (typeof value === "number" && Number.isInteger(value) && !NOT_QUANTITIES.test(variable)) return formatNumber(value);
    return String(value);
  });
}

export function createTranslator(language: string, namespaces: Namespaces): TranslateFn {
  const plurals = new Intl.PluralRules(language);
  const t: TranslateFn = (fullKey, options = {}) => {
    const colon = fullKey.indexOf(":");
    const ns = colon > 0 ? fullKey.slice(0, colon) : DEFAULT_NAMESPACE;
    const key = colon > 0 ? fullKey.slice(colon + 1) : fullKey;
    let text: string | undefined;
    if (typeof options.count === "number") text = lookup(namespaces, ns, `${key}_${plurals.select(options.count)}`);
    text ??= lookup(namespaces, ns, key) ?? options.defaultValue ?? key;
    const { defaultValue: _ignored, ...nested } = options;
    return interpolate(text, options).replace(NESTING, (_, inner: string) => t(inner.trim(), nested));
  };
  return t;
}
