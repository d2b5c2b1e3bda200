import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { sqliteFilePath } from "./app/db/database-url";

// Prisma 6.19 with its JavaScript schema engine: no engine binary is downloaded (see
// docs/decisions/001-stack.md). The adapter points the CLI at the same SQLite file as the app.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  async adapter() {
    return new PrismaBetterSQLite3({ url: `file:${sqliteFilePath()}` });
  },
});
