import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { LOCALES, type AppLocale } from "./config";

export type Namespaces = Record<string, Record<string, unknown>>;

/**
 * Translations live in app/locales/<locale>/<namespace>.json; every file is a namespace.
 * Read once per process from the source tree (the server always runs from the repository root).
 */
export const LOCALES_DIR = path.resolve(process.cwd(), "app/locales");

function load(): { resources: Record<AppLocale, Namespaces>; version: string } {
  const hash = createHash("sha256");
  const resources = {} as Record<AppLocale, Namespaces>;
  for (const locale of LOCALES) {
    const dir = path.join(LOCALES_DIR, locale);
    const namespaces: Namespaces = {};
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
      const text = readFileSync(path.join(dir, file), "utf8");
      hash.update(locale + file + text);
      namespaces[file.replace(/\.json$/, "")] = JSON.parse(text);
    }
    resources[locale] = namespaces;
  }
  return { resources, version: hash.digest("hex").slice(0, 12) };
}

let cache: ReturnType<typeof load> | undefined;
function loaded() {
  if (!cache || process.env.NODE_ENV === "development") cache = load();
  return cache;
}

export function getResources(locale: AppLocale): Namespaces {
  return loaded().resources[locale];
}
export function getAllResources() {
  return loaded().resources;
}
export function getResourcesVersion(): string {
  return loaded().version;
}
