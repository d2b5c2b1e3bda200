import { describe, expect, it } from "vitest";
import { LOCALES } from "~/i18n/config";
import { createI18n } from "~/i18n/instance";
import { getAllResources } from "~/i18n/resources.server";
import { createTranslator, type Namespaces } from "~/i18n/translate";

/**
 * The page translator (app/i18n/translate.ts, decision 135) must say exactly what i18next says for every
 * key of every namespace in both languages: pages render with the former, e-mails, PDFs and server messages
 * with the latter.
 */
function leaves(node: Record<string, unknown>, prefix = ""): [string, string][] {
  return Object.entries(node).flatMap(([k, v]): [string, string][] => (v && typeof v === "object" ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)]]));
}

/** Values for every {{variable}} of a text: a number for counts and quantities, a string otherwise. */
function variants(text: string): Record<string, unknown>[] {
  const names = [...new Set([...text.matchAll(/\{\{(.+?)\}\}/g)].map((m) => m[1].trim()))];
  const strings = Object.fromEntries(names.map((n) => [n, `‹${n}›`]));
  const numbers = Object.fromEntries(names.map((n, i) => [n, 1000 * (i + 1) + 234]));
  return [
    {},
    strings,
    numbers,
    { ...strings, count: 1 },
    { ...numbers, count: 0 },
    { ...numbers, count: 1 },
    { ...numbers, count: 2 },
    { ...numbers, count: 12500, year: 2026 },
    { ...strings, count: 1.5 },
    { ...strings, from: "DRAFT" },
  ];
}

describe("page translator = i18next", () => {
  const all = getAllResources() as Record<string, Namespaces>;
  for (const locale of LOCALES) {
    it(`every key of every namespace in "${locale}"`, () => {
      const reference = createI18n(locale, all[locale]).t;
      const t = createTranslator(locale, all[locale]);
      let compared = 0;
      for (const [ns, bundle] of Object.entries(all[locale])) {
        for (const [leaf, text] of leaves(bundle)) {
          const base = leaf.replace(/_(zero|one|two|few|many|other)$/, "");
          for (const options of variants(text)) {
            for (const key of new Set([`${ns}:${leaf}`, `${ns}:${base}`])) {
              expect(t(key, options), `${key} ${JSON.stringify(options)}`).toBe(reference(key, options));
              compared++;
            }
          }
        }
      }
      expect(compared).toBeGreaterThan(5000);
    });
  }

  it("missing keys, default values and the default namespace", () => {
    const namespaces = { common: { hello: "Halo {{name}}", n: "{{count}} item", n_other: "{{count}} items" }, x: { nested: "«$t(common:hello)»" } };
    const reference = createI18n("en", namespaces).t;
    const t = createTranslator("en", namespaces);
    for (const [key, options] of [
      ["common:absent", {}],
      ["x:absent.deep", { name: "A" }],
      ["absent", {}],
      ["hello", { name: "Siti" }],
      ["common:absent", { defaultValue: "Fallback {{name}}", name: "B" }],
      ["x:nested", { name: "Budi" }],
      ["common:n", { count: 1 }],
      ["common:n", { count: 3400 }],
      ["common:hello", { name: null }],
      ["common:hello", { name: 12.5 }],
    ] as const) {
      expect(t(key, options), key).toBe(reference(key, options));
    }
    expect(t("common:n", { count: 3400 })).toBe("3.400 items");
    expect(t("common:absent")).toBe("absent");
  });
});
