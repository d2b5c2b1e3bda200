import { databaseKind } from "~/db/database-url";
import { db } from "~/db/db.server";
import { createPostgresClient, postgresDatabaseIsPrepared, preparePostgresDatabase } from "~/db/postgres-specific.server";

const onPostgres = databaseKind() === "postgresql";

// The CI run of 2026-12-01 deadlocked in an unrelated test: every copy of the freshly seeded template
// redid the trigger DDL on its first start (the stored fingerprint had been taken before the search
// tables existed), while the test's own writes ran.
describe.runIf(onPostgres)("PostgreSQL preparation at start", () => {
  it("a freshly seeded database is already prepared: starting an instance on it runs no DDL", async () => {
    expect(await postgresDatabaseIsPrepared(db)).toBe(true);
    const client = createPostgresClient(process.env.DATABASE_URL!, { poolSize: 1 });
    try {
      const transaction = vi.spyOn(client, "$transaction");
      await preparePostgresDatabase(client);
      expect(transaction).not.toHaveBeenCalled();
    } finally {
      await client.$disconnect();
    }
  });

  it("a new table makes the next start prepare again, once", async () => {
    await db.$executeRawUnsafe(`CREATE TABLE "PrepareProbe" (id INTEGER PRIMARY KEY)`);
    expect(await postgresDatabaseIsPrepared(db)).toBe(false);
    await preparePostgresDatabase(db);
    expect(await postgresDatabaseIsPrepared(db)).toBe(true);
    const [trigger] = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'bermitra_data_changed' AND tgrelid = '"PrepareProbe"'::regclass`,
    );
    expect(trigger?.n).toBe(1);
  });
});
