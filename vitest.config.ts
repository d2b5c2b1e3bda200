import "./tests/setup/clock";
import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";
import { SQLITE_ONLY_TESTS } from "./tests/setup/postgres-exclusions";

// TEST_POSTGRES_URL runs the suite on PostgreSQL (tests/setup/postgres.ts) without the SQLite-only files.
const onPostgres = Boolean(process.env.TEST_POSTGRES_URL?.trim());

export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    exclude: onPostgres ? [...configDefaults.exclude, ...Object.keys(SQLITE_ONLY_TESTS)] : configDefaults.exclude,
    globals: true,
    environment: "node",
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/per-file.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
