/**
 * `npm run monitoring:rollup` — recomputes the monitoring rollup's dirty days now (what the "monitoring-rollups"
 * job does every minute, decision 125) on DATABASE_URL's SQLite database; `--rebuild` marks every day dirty
 * first. Prints the days, rows and time. Used by `npm run bench:dashboard` after migrating a reused database.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { sqliteFilePath } from "../app/db/database-url";
import { prepareSqliteDatabase } from "../app/db/sqlite-specific.server";
import { PrismaClient } from "../app/generated/prisma/client";
import { rebuildMonitoringRollups, refreshMonitoringRollups } from "../app/monitoring/rollup.server";

async function main() {
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${sqliteFilePath()}`, timeout: 10_000 }) });
  try {
    await prepareSqliteDatabase(db);
    const result = process.argv.includes("--rebuild") ? await rebuildMonitoringRollups(db) : await refreshMonitoringRollups(db);
    console.log(JSON.stringify({ rollup: result }));
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
