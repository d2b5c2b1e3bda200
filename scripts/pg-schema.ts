/**
 * The PostgreSQL schema is generated from the SQLite one, the single source of truth (issue 15 item 1):
 * `prisma/schema.prisma` → `prisma/postgresql/schema.prisma`, with the datasource switched to PostgreSQL
 * and the client generated into `app/generated/prisma-pg`. Models, fields, relations and indexes are
 * copied unchanged (the SQLite schema keeps to portable types). `npm run db:pg-schema` writes it;
 * `tests/unit/pg-schema.test.ts` fails when the committed file has drifted from what this produces.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SQLITE_SCHEMA = path.join(ROOT, "prisma/schema.prisma");
export const PG_SCHEMA = path.join(ROOT, "prisma/postgresql/schema.prisma");

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/pg-schema.ts (npm run db:pg-schema). Do not edit: change
// the SQLite schema and regenerate; tests/unit/pg-schema.test.ts fails when the two drift apart.
`;

export function postgresSchemaFrom(sqlite: string): string {
  let out = sqlite;
  const swap = (from: RegExp, to: string, what: string) => {
    if (!from.test(out)) throw new Error(`pg-schema: ${what} not found in prisma/schema.prisma`);
    out = out.replace(from, to);
  };
  swap(/output\s*=\s*"\.\.\/app\/generated\/prisma"/, 'output       = "../../app/generated/prisma-pg"', "the generator output");
  swap(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"', "the sqlite datasource");
  // The adapter supplies the connection; the url only keeps the CLI from looking for engines.
  swap(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost/bermitra"', "the datasource url");
  return HEADER + out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(PG_SCHEMA, postgresSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8")));
  console.log(`wrote ${path.relative(ROOT, PG_SCHEMA)}`);
}
