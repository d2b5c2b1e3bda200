/**
 * Guard (decision 123): outside app/time, no code counts days or prints dates in a zone it names itself.
 *
 * - No zone literal ("Asia/Jakarta", "+07:00", a 7-hour shift, `timeZone: "…"`), no " WIB" glued to a time,
 *   no *Wib helper: the zone is the record's office's, from app/time/office-zone.server.ts.
 * - No call to a zone-taking function of app/time/calendar.ts without its zone argument: those functions
 *   default to WIB for app/time's own use, so a call that leaves the zone out silently counts in WIB.
 *   (The formatting helpers of app/i18n/format.ts have no default at all; the compiler refuses them.)
 * - `DEFAULT_TIME_ZONE` only in the files listed here, each with the reason it is WIB on purpose.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");
const APP = path.join(ROOT, "app");
const SKIP = [path.join(APP, "time"), path.join(APP, "generated"), path.join(APP, "locales")];

/** Files that may name the default zone, and why. */
const DEFAULT_ZONE_ALLOWED: Record<string, string> = {
  "app/mou/content-form.server.ts": "a plausibility window of years with a day's slack either side",
  "app/demands/schemas.ts": "a first check of form days read in WIB; the domain checks again in the office zone",
  "app/forms/validation.ts": "form dates are read as 00:00 WIB before the office is known, then re-read with sameDayIn",
};

/** calendar.ts functions → index of their zone parameter. */
const ZONE_ARG: Record<string, number> = {
  zonedParts: 1,
  zoneOffsetMs: 1,
  dayKey: 1,
  zonedInstant: 1,
  startOfDay: 1,
  startOfDayAt: 1,
  endOfDay: 1,
  daysBefore: 2,
  weekBounds: 1,
  monthKey: 1,
  startOfMonth: 1,
  startOfYear: 1,
  addMonthsAt: 2,
  formatDate: 1,
  formatTime: 1,
  formatDateTime: 1,
  parseDateInput: 1,
  parseDateTimeInput: 1,
  toDateTimeInputValue: 1,
  sameDayIn: 1,
};

const LITERALS: [RegExp, string][] = [
  [/["'`]Asia\/(Jakarta|Makassar|Jayapura)["'`]/, "a zone name literal"],
  [/[+]0[789]:00/, "a hand-written UTC offset"],
  [/\b(7|8|9)\s*\*\s*(3_?600_?000|60\s*\*\s*60\s*\*\s*1_?000)\b|\b25_?200_?000\b/, "a hand-written zone shift"],
  [/timeZone:\s*["'`]/, "a literal timeZone option"],
  [/\}\s*WIB\b/, '" WIB" glued to a formatted time (use zoneAbbreviation of the record\'s zone)'],
  [/\b\w*Wib\s*\(|\bwib[A-Z]\w*\s*\(/, "a WIB-only helper"],
];

function sourceFiles(dir: string): string[] {
  if (SKIP.includes(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts") ? [full] : [];
  });
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

/** Calls of calendar functions (imported from ~/time/calendar, under any local name) that leave the zone out. */
function callsWithoutZone(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const local = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!/(^~\/time\/calendar|\/time\/calendar)$/.test(statement.moduleSpecifier.text)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) local.set(el.name.text, (el.propertyName ?? el.name).text);
    }
  }
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const original = local.get(node.expression.text);
      if (original && original in ZONE_ARG && node.arguments.length <= ZONE_ARG[original]!) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${path.relative(ROOT, file)}:${line + 1}: ${original}(…) without a zone`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("no hard-coded WIB outside app/time (decision 123)", () => {
  const files = sourceFiles(APP);

  it("scans the app", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it("names no zone, offset or WIB-only helper", () => {
    const problems: string[] = [];
    for (const file of files) {
      const lines = stripComments(readFileSync(file, "utf8")).split("\n");
      lines.forEach((line, i) => {
        for (const [pattern, what] of LITERALS) if (pattern.test(line)) problems.push(`${path.relative(ROOT, file)}:${i + 1}: ${what}: ${line.trim()}`);
      });
    }
    expect(problems).toEqual([]);
  });

  it("passes the zone to every calendar function that takes one", () => {
    expect(files.flatMap((file) => callsWithoutZone(file, readFileSync(file, "utf8")))).toEqual([]);
  });

  it("names the default zone only where it is WIB on purpose", () => {
    const users = files.filter((f) => /\bDEFAULT_TIME_ZONE\b/.test(stripComments(readFileSync(f, "utf8")))).map((f) => path.relative(ROOT, f));
    expect(users.filter((f) => !(f in DEFAULT_ZONE_ALLOWED))).toEqual([]);
    // the list only shrinks: an entry whose file no longer names the zone is removed
    expect(Object.keys(DEFAULT_ZONE_ALLOWED).filter((f) => !users.includes(f))).toEqual([]);
  });

  it("catches what it is meant to catch", () => {
    // the checks themselves can fail: a sample with each mistake
    const sample = 'import { dayKey as day, startOfDay } from "~/time/calendar";\nday(now);\nstartOfDay("2026-11-17", zone);\n';
    expect(callsWithoutZone(path.join(APP, "sample.ts"), sample)).toEqual(["app/sample.ts:2: dayKey(…) without a zone"]);
    const bad = ['`${formatDateTime(at, zone)} WIB`', 'new Date(`${d}T00:00:00+07:00`)', '{ timeZone: "Asia/Jakarta" }', "todayWib()", "at.getTime() + 7 * 3_600_000"];
    for (const line of bad) expect(LITERALS.some(([p]) => p.test(line)), line).toBe(true);
  });
});
