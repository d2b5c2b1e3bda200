import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PG_SCHEMA, postgresSchemaFrom, SQLITE_SCHEMA } from "../../scripts/pg-schema";

// One source of truth for the schema (issue 15 item 1, decision 120): the PostgreSQL schema is generated from
// the SQLite one. This fails when someone edits one without regenerating the other (npm run db:pg-schema).
describe("the PostgreSQL schema", () => {
  const sqlite = readFileSync(SQLITE_SCHEMA, "utf8");
  const committed = readFileSync(PG_SCHEMA, "utf8");

  it("is what scripts/pg-schema.ts generates from prisma/schema.prisma", () => {
    expect(committed).toBe(postgresSchemaFrom(sqlite));
  });

  it("has the same models, enums and fields, on PostgreSQL, with its own client", () => {
    const blocks = (text: string) => [...text.matchAll(/^(model|enum) (\w+) \{([^}]*)\}/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]!.trim()}`);
    expect(blocks(committed)).toEqual(blocks(sqlite));
    expect(blocks(committed).length).toBeGreaterThan(40);
    expect(committed).toMatch(/provider = "postgresql"/);
    expect(committed).not.toMatch(/provider\s*=\s*"sqlite"/);
    expect(committed).toMatch(/output\s*=\s*"\.\.\/\.\.\/app\/generated\/prisma-pg"/);
  });

  it("refuses a SQLite schema it does not recognise instead of writing a wrong one", () => {
    expect(() => postgresSchemaFrom(sqlite.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/sqlite datasource/);
  });
});
