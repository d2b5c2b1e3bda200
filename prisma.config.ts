import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { databaseKind, sqliteFilePath } from "./app/db/database-url";
import { postgresAdapterFactory } from "./app/db/postgres-adapter";

// Prisma 6.19 with its JavaScript schema engine: no engine binary is downloaded (see
// docs/decisions/001-stack.md). The adapter points the CLI at the same database as the app: the SQLite
// file by default, PostgreSQL when DATABASE_URL is a postgresql:// URL (decision 120), with the schema
// generated from the SQLite one (scripts/pg-schema.ts) and its own migrations folder.
const postgres = databaseKind() === "postgresql";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgresql/migrations" : "prisma/migrations", seed: "tsx prisma/seed.ts" },
  async adapter() {
    if (postgres) return postgresAdapterFactory(process.env.DATABASE_URL!);
    return new PrismaBetterSQLite3({ url: `file:${sqliteFilePath()}` });
  },
});
