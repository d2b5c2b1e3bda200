/**
 * Demo seed: `npx prisma db seed` (prisma.config.ts runs `tsx prisma/seed.ts`).
 * Expects a freshly migrated, empty database and refuses to run on one that already has users.
 * Shared demo password for every account: "bermitra-demo".
 */
import "../app/time/clock";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { hashPassword } from "../app/auth/password.server";
import { databaseKind, sqliteFilePath } from "../app/db/database-url";
import { createPostgresClient, preparePostgresDatabase } from "../app/db/postgres-specific.server";
import { prepareSqliteDatabase } from "../app/db/sqlite-specific.server";
import { PrismaClient } from "../app/generated/prisma/client";
import { seedCatalog } from "./seed/catalog";
import { seedCoaching } from "./seed/coaching";
import { seedDemands } from "./seed/demands";
import { createSeedContext, DEMO_PASSWORD, seedFoundation, type SeedContext } from "./seed/foundation";
import { seedMalang } from "./seed/malang";
import { seedAid } from "./seed/aid";
import { seedMonitoring } from "./seed/monitoring";
import { seedMou } from "./seed/mou";
import { seedOrders } from "./seed/orders";
import { seedProvince } from "./seed/province";
import { seedWarnings } from "./seed/warnings";
import { refreshMonitoringRollups } from "../app/monitoring/rollup.server";

type SeedStep = [name: string, run: (db: PrismaClient, ctx: SeedContext) => Promise<void>];

/** Seed modules, in order; each may use what the earlier ones put in the context. */
// "coaching" runs after the MoU step (it reads the ACTIVE MoUs from the database) and skips coaching
// sessions when there are none.
const STEPS: SeedStep[] = [
  ["foundation", seedFoundation],
  ["demands", seedDemands],
  ["catalog", seedCatalog],
  ["mou", seedMou],
  ["coaching", seedCoaching],
  // "orders" runs last: it reads the ACTIVE MoUs from the database for standing orders.
  ["orders", seedOrders],
  // "monitoring" after "orders", own PRNG: the running KUBE's catalogue trade (the studies' 36 active KUBE)
  ["monitoring", seedMonitoring],
  // "warnings" after "monitoring", fixed choices: a KUBE whose buyer's rejections rise (the "rising rejections" warning)
  ["warnings", seedWarnings],
  // "aid": the KUBE programme aid of the studies (capital for the 53, equipment for 18 in 2019)
  ["aid", seedAid],
  // "malang" (a second Dinas office) runs after everything for Kota Batu, with its own PRNG, so Batu's data stays as it is.
  ["malang", seedMalang],
  // "province" last: the provincial office the two city offices report to, and its read-only account
  ["province", seedProvince],
];

async function main(): Promise<void> {
  const postgres = databaseKind() === "postgresql";
  const file = postgres ? "the PostgreSQL database" : sqliteFilePath();
  const db = postgres ? createPostgresClient(process.env.DATABASE_URL!) : new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 10_000 }) });
  try {
    await (postgres ? preparePostgresDatabase : prepareSqliteDatabase)(db);
    const existingUsers = await db.user.count();
    if (existingUsers > 0) {
      console.error(`Seed refused: ${file} already has ${existingUsers} users. Seed a freshly migrated, empty database.`);
      process.exitCode = 1;
      return;
    }

    const started = Date.now();
    // scrypt is slow on purpose: hash once, every demo account shares it.
    const ctx = createSeedContext(await hashPassword(DEMO_PASSWORD));
    for (const [name, run] of STEPS) {
      const t0 = Date.now();
      await run(db, ctx);
      console.log(`seed: ${name} done in ${Date.now() - t0} ms`);
    }

    // the monitoring rollup of every seeded day (decision 125; the triggers marked them while seeding)
    {
      const rollup = await refreshMonitoringRollups(db);
      console.log(`seed: monitoring rollup of ${rollup.officeDays} office days (${rollup.rows} rows) in ${rollup.ms} ms`);
    }

    const [kpm, kube, activeKube, partners, products, users] = await Promise.all([
      db.group.count({ where: { type: "KPM" } }),
      db.group.count({ where: { type: "KUBE" } }),
      db.group.count({ where: { type: "KUBE", active: true } }),
      db.partner.count(),
      db.product.count(),
      db.user.count(),
    ]);
    console.log(
      `seed: ${kpm} KPM, ${kube} KUBE (${activeKube} active), ${partners} partners, ${products} products, ${users} users` +
        ` in ${((Date.now() - started) / 1000).toFixed(1)} s. Demo password: ${DEMO_PASSWORD}`,
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
