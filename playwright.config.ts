import "./tests/setup/clock";
import { defineConfig, devices } from "@playwright/test";

// The e2e suite runs against the built app (`npm run build` first) on its own port and database.
// E2E_PORT / E2E_DB / BUILD_DIR let several runs coexist on one machine; E2E_DATABASE_URL=postgresql://…
// runs the server on a fresh PostgreSQL database instead of the SQLite file (scripts/e2e-server.sh).
const port = Number(process.env.E2E_PORT ?? 3100);
const dbFile = process.env.E2E_DB ?? "tests/.tmp/e2e.db";
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "id-ID",
    timezoneId: "Asia/Jakarta",
    trace: "off",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: `bash scripts/e2e-server.sh`,
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    // migrate + seed + start: slow on a busy machine; E2E_SERVER_TIMEOUT (ms) raises it.
    timeout: Number(process.env.E2E_SERVER_TIMEOUT ?? 120_000),
    env: { PORT: String(port), DATABASE_URL: process.env.E2E_DATABASE_URL ?? `file:${dbFile}`, E2E_DB: dbFile, ...(process.env.E2E_DATABASE_URL ? { E2E_DATABASE_URL: process.env.E2E_DATABASE_URL } : {}), APP_URL: `http://localhost:${port}`, MAIL_DIR: process.env.E2E_MAIL_DIR ?? "tests/.tmp/e2e-mail", MESSAGE_DIR: process.env.E2E_MESSAGE_DIR ?? "tests/.tmp/e2e-messages", UPLOAD_DIR: process.env.E2E_UPLOAD_DIR ?? "tests/.tmp/e2e-uploads" },
    stdout: "ignore",
    stderr: "pipe",
  },
});
