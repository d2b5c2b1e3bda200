import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every status change goes through its machine (decision 103): no module outside the transition modules
 * writes `status` on an order, invoice, payment or MoU signer — not in `update`/`updateMany`/`upsert` data,
 * not in `create` data (new records start in the schema's default, the machine's initial state), not
 * through a data object the checker cannot read (a variable or a call instead of an object literal), and
 * not through raw SQL. Parsed with the TypeScript compiler, so a `where: { status }` guard is not a write.
 */

const APP_DIR = path.resolve(__dirname, "../../app");
const MODELS = ["order", "invoice", "payment", "mouSigner"] as const;
const WRITES = ["update", "updateMany", "upsert", "create", "createMany", "createManyAndReturn", "updateManyAndReturn"];
/** The one module per model that may write its status. */
const ALLOWED: Record<(typeof MODELS)[number], string> = {
  order: "orders/order-transitions.server.ts",
  invoice: "payments/invoice-transitions.server.ts",
  payment: "payments/payment-transitions.server.ts",
  mouSigner: "mou/signer-transitions.server.ts",
};
const RAW_TABLES = /\b(UPDATE|INSERT\s+INTO)\s+["`]?(Order|Invoice|Payment|MouSigner)["`]?\s/i;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === "generated" || name === "locales") continue;
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

function propertyName(node: ts.ObjectLiteralElementLike): string | null {
  if (ts.isShorthandPropertyAssignment(node)) return node.name.text;
  if ((ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node)) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) return node.name.text;
  return null;
}

/** "status" when the expression (an object literal, possibly through spreads and ?: / && / ()) sets status; "opaque" when it cannot be read. */
function writesStatus(expr: ts.Expression): "status" | "opaque" | null {
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) return writesStatus(expr.expression);
  if (ts.isConditionalExpression(expr)) return writesStatus(expr.whenTrue) ?? writesStatus(expr.whenFalse);
  if (ts.isBinaryExpression(expr) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(expr.operatorToken.kind)) {
    return writesStatus(expr.right) ?? (expr.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? null : writesStatus(expr.left));
  }
  if (ts.isArrayLiteralExpression(expr)) {
    for (const element of expr.elements) {
      const found = writesStatus(element);
      if (found) return found;
    }
    return null;
  }
  if (ts.isObjectLiteralExpression(expr)) {
    for (const property of expr.properties) {
      if (propertyName(property) === "status") return "status";
      if (ts.isSpreadAssignment(property)) {
        const found = writesStatus(property.expression);
        if (found) return found;
      }
    }
    return null;
  }
  if (expr.kind === ts.SyntaxKind.NullKeyword || expr.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(expr) && expr.text === "undefined")) return null;
  return "opaque";
}

type Finding = { file: string; line: number; call: string; problem: string };

export function statusWrites(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const relative = path.relative(APP_DIR, file).split(path.sep).join("/");
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isPropertyAccessExpression(node.expression.expression)) {
      const method = node.expression.name.text;
      const model = node.expression.expression.name.text as (typeof MODELS)[number];
      if (MODELS.includes(model) && WRITES.includes(method) && ALLOWED[model] !== relative) {
        const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        const call = `${model}.${method}`;
        const arg = node.arguments[0];
        if (!arg || !ts.isObjectLiteralExpression(arg)) findings.push({ file: relative, line, call, problem: "argument is not an object literal" });
        else {
          for (const property of arg.properties) {
            const name = propertyName(property);
            if (!["data", "create", "update"].includes(name ?? "")) {
              if (ts.isSpreadAssignment(property)) findings.push({ file: relative, line, call, problem: "spread argument" });
              continue;
            }
            const value = ts.isShorthandPropertyAssignment(property) ? property.name : (property as ts.PropertyAssignment).initializer;
            const found = writesStatus(value);
            if (found) findings.push({ file: relative, line, call, problem: found === "status" ? `writes status in ${name}` : `${name} is not an object literal` });
          }
        }
      }
    }
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) && RAW_TABLES.test(node.text)) {
      findings.push({ file: relative, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, call: "raw SQL", problem: "writes a machine-owned table" });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

describe("status writes go through the machines", () => {
  it("no module outside the transition modules writes an order, invoice, payment or signer status", () => {
    const findings = sourceFiles(APP_DIR).flatMap((file) => statusWrites(file, readFileSync(file, "utf8")));
    expect(findings.map((f) => `${f.file}:${f.line} ${f.call}: ${f.problem}`)).toEqual([]);
  });

  it("the transition modules exist and write through their machine", () => {
    for (const [model, file] of Object.entries(ALLOWED)) {
      const source = readFileSync(path.join(APP_DIR, file), "utf8");
      expect(source, file).toMatch(new RegExp(`\\.${model}\\.updateMany\\(\\{ where: \\{ id: \\w+\\.id, status: \\w+\\.status \\}`));
      expect(source, file).toMatch(/Machine\.apply\(/);
      expect(source, file).toMatch(/recordAudit\(/);
    }
  });

  it("catches the patterns it is meant to catch (checked on samples)", () => {
    const sample = (code: string) => statusWrites(path.join(APP_DIR, "x/sample.server.ts"), code).map((f) => f.problem);
    expect(sample(`await tx.order.updateMany({ where: { id, status: "INVOICED" }, data: { status: "PAID" } });`)).toEqual(["writes status in data"]);
    expect(sample(`await db.invoice.update({ where: { id }, data: { paidAt: now, ...(x ? { status } : {}) } });`)).toEqual(["writes status in data"]);
    expect(sample(`await tx.payment.create({ data: { invoiceId, status: "CONFIRMED" } });`)).toEqual(["writes status in data"]);
    expect(sample(`await tx.mouSigner.update({ where: { id }, data: patch });`)).toEqual(["data is not an object literal"]);
    expect(sample(`await tx.order.upsert({ where: { id }, create: { a: 1 }, update: { status: "PAID" } });`)).toEqual(["writes status in update"]);
    expect(sample('await tx.$executeRawUnsafe(`UPDATE "Invoice" SET status = ?`, "PAID");')).toEqual(["writes a machine-owned table"]);
    // not writes of status: a guard in where, another column, another model
    expect(sample(`await tx.order.updateMany({ where: { id, status: "PAID" }, data: { updatedAt: now } });`)).toEqual([]);
    expect(sample(`await tx.mou.update({ where: { id }, data: { status: "ACTIVE" } });`)).toEqual([]);
  });
});
