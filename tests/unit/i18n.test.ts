import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { getAllResources } from "~/i18n/resources.server";

/** Flattens nested translation objects into dotted keys; plural forms count as their base key. */
function flatten(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([key, value]) =>
    value && typeof value === "object" ? flatten(value as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

const resources = getAllResources();
const APP = path.resolve("app");
// Words that are the same in every language: names and acronyms.
const ALLOWED_TEXT = /^(Bermitra|KPM|KUBE|EN|ID|PKH|NIB|BAST|MoU|QR|WA|Rp|[—–•·:/()|×+\-#%.,…0-9\s])+$/;
const TEXT_ATTRIBUTES = new Set(["placeholder", "title", "aria-label", "alt", "label"]);

describe("translations", () => {
  it("has the same namespaces and keys in Bahasa Indonesia and English", () => {
    expect(Object.keys(resources.en).sort()).toEqual(Object.keys(resources.id).sort());
    for (const ns of Object.keys(resources.id)) {
      const id = flatten(resources.id[ns]).sort();
      const en = flatten(resources.en[ns] ?? {}).sort();
      const missingInEn = id.filter((k) => !en.includes(k)).map((k) => `en ${ns}:${k}`);
      const missingInId = en.filter((k) => !id.includes(k)).map((k) => `id ${ns}:${k}`);
      expect([...missingInEn, ...missingInId]).toEqual([]);
    }
  });

  it("has no empty translations", () => {
    const empty: string[] = [];
    for (const locale of ["id", "en"] as const) {
      for (const [ns, tree] of Object.entries(resources[locale])) {
        const walk = (obj: Record<string, unknown>, prefix: string) => {
          for (const [k, v] of Object.entries(obj)) {
            if (v && typeof v === "object") walk(v as Record<string, unknown>, `${prefix}${k}.`);
            else if (typeof v !== "string" || v.trim() === "") empty.push(`${locale} ${ns}:${prefix}${k}`);
          }
        };
        walk(tree, "");
      }
    }
    expect(empty).toEqual([]);
  });

  const files = sourceFiles(APP);

  it("finds every literal key used in the code in both languages", () => {
    const missing: string[] = [];
    const has = (locale: "id" | "en", fullKey: string) => {
      const [ns, key] = fullKey.includes(":") ? fullKey.split(/:(.*)/s) : ["common", fullKey];
      const keys = flatten(resources[locale][ns!] ?? {});
      return keys.includes(key!) || keys.some((k) => k.startsWith(`${key}_`));
    };
    for (const file of files) {
      const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (
          ts.isCallExpression(node) &&
          ts.isIdentifier(node.expression) &&
          node.expression.text === "t" &&
          node.arguments[0] &&
          ts.isStringLiteral(node.arguments[0])
        ) {
          const key = node.arguments[0].text;
          for (const locale of ["id", "en"] as const) {
            if (!has(locale, key)) missing.push(`${locale} ${key} (${path.relative(APP, file)})`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(missing).toEqual([]);
  });

  it("has no UI text that bypasses the translations", () => {
    const offenders: string[] = [];
    for (const file of files.filter((f) => f.endsWith(".tsx"))) {
      const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const where = (node: ts.Node) => `${path.relative(APP, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const visit = (node: ts.Node) => {
        if (ts.isJsxText(node)) {
          const text = node.getText().trim();
          if (/\p{L}/u.test(text) && !ALLOWED_TEXT.test(text)) offenders.push(`${where(node)} "${text}"`);
        }
        if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer)) {
          const text = node.initializer.text;
          if (/\p{L}/u.test(text) && !ALLOWED_TEXT.test(text)) offenders.push(`${where(node)} ${node.name.getText()}="${text}"`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(offenders).toEqual([]);
  });
});
