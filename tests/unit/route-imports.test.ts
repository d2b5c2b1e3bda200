import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Routes stay thin (decision 060): they parse input, call a capability function with the actor and return.
 * They never reach the database themselves, so no route file (nor app/root.tsx) may import the database
 * client `~/db/db.server` or the generated Prisma client — not as a value, not as a type, not re-exported,
 * not through a relative path or a dynamic import(). Enum values (`~/generated/prisma/enums`) are fine.
 */

const APP_DIR = path.resolve(__dirname, "../../app");
const ROUTES_DIR = path.join(APP_DIR, "routes");

/** Every module specifier a source file imports, re-exports or loads dynamically. */
export function importedSpecifiers(source: string): string[] {
  const specs: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?[\s\S]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bexport\s+(?:type\s+)?(?:\*|\{[\s\S]*?\})\s*(?:as\s+\w+\s*)?from\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) specs.push(m[1]!);
  return specs;
}

/** The specifier resolved to a path under app/ ("db/db.server"), or the bare package name. */
function resolveSpecifier(fromFile: string, spec: string): string {
  if (spec.startsWith("~/")) return path.posix.normalize(spec.slice(2));
  if (spec.startsWith(".")) return path.relative(APP_DIR, path.resolve(path.dirname(fromFile), spec)).split(path.sep).join("/");
  return spec;
}

export function forbiddenImport(fromFile: string, spec: string): boolean {
  const target = resolveSpecifier(fromFile, spec).replace(/\.(ts|tsx|js|mjs)$/, "").replace(/\/index$/, "");
  if (target === "db/db.server") return true;
  if (target === "@prisma/client" || target.startsWith("@prisma/client/")) return true;
  if (target === "generated/prisma") return true;
  if (target.startsWith("generated/prisma/")) return !/^generated\/prisma\/enums$/.test(target);
  return false;
}

function routeFiles(): string[] {
  return [
    ...readdirSync(ROUTES_DIR)
      .filter((n) => /\.(tsx|ts)$/.test(n))
      .map((n) => path.join(ROUTES_DIR, n)),
    path.join(APP_DIR, "root.tsx"),
  ];
}

describe("route files do not reach the database themselves", () => {
  it("the scanner finds every way of importing the client", () => {
    const from = path.join(ROUTES_DIR, "x.tsx");
    const sources = [
      `import { db } from "~/db/db.server";`,
      `import type { DbClient } from "~/db/db.server";`,
      `import {\n  db,\n  type Db,\n} from '~/db/db.server.ts';`,
      `import { db } from "../db/db.server";`,
      `export { db } from "~/db/db.server";`,
      `const { db } = await import("~/db/db.server");`,
      `import type { Prisma } from "~/generated/prisma/client";`,
      `import { PrismaClient } from "~/generated/prisma";`,
      `import { PrismaClient } from "@prisma/client";`,
    ];
    for (const source of sources) {
      const specs = importedSpecifiers(source);
      expect(specs.some((s) => forbiddenImport(from, s)), source).toBe(true);
    }
    const allowed = [`import { OrderStatus } from "~/generated/prisma/enums";`, `import { checkDatabase } from "~/db/health.server";`, `import { x } from "~/orders/access.server";`];
    for (const source of allowed) expect(importedSpecifiers(source).some((s) => forbiddenImport(from, s)), source).toBe(false);
  });

  it("no file in app/routes nor app/root.tsx imports ~/db/db.server or the generated Prisma client", () => {
    const offenders: string[] = [];
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const name = path.relative(APP_DIR, file).split(path.sep).join("/");
      const specs = importedSpecifiers(readFileSync(file, "utf8"));
      for (const spec of specs) if (forbiddenImport(file, spec)) offenders.push(`${name} imports ${spec}`);
    }
    expect(offenders).toEqual([]);
  });
});
