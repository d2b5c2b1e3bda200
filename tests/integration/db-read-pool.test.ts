/**
 * The SQLite read pool (decision 142): raw reads marked with `pooledRead` run on worker threads with their own
 * query_only connections, see committed data only, return what the reader returns, and bring SQLite's errors
 * back as the adapter's; everything else keeps the serialized adapter's path. No mocks: real worker threads on
 * the test database file.
 */
import { sqliteFilePath } from "~/db/database-url";
import { db } from "~/db/db.server";
import { sqliteCodeOf } from "~/db/errors";
import { pooledRead, READ_POOL_HINT } from "~/db/raw-sql";
import { createReadPool, readPoolSize } from "~/db/read-pool.server";

const email = (subject: string) => ({ to: "uji@contoh.id", subject, text: "-", kind: "test" });

describe("SQLite read pool (decision 142)", () => {
  it("is on by default with at most two threads, and SQLITE_READ_POOL sets or turns it off", () => {
    const before = process.env.SQLITE_READ_POOL;
    try {
      delete process.env.SQLITE_READ_POOL;
      expect(readPoolSize()).toBeGreaterThanOrEqual(1);
      expect(readPoolSize()).toBeLessThanOrEqual(2);
      process.env.SQLITE_READ_POOL = "0";
      expect(readPoolSize()).toBe(0);
      expect(createReadPool(sqliteFilePath())).toBeNull();
      process.env.SQLITE_READ_POOL = "not a number";
      expect(readPoolSize()).toBe(0);
      process.env.SQLITE_READ_POOL = "1";
      expect(readPoolSize()).toBe(1);
    } finally {
      if (before === undefined) delete process.env.SQLITE_READ_POOL;
      else process.env.SQLITE_READ_POOL = before;
    }
  });

  it("a pooled read returns the rows the reader returns, typed the same", async () => {
    await db.emailMessage.create({ data: email("pool row") });
    const sql = `SELECT "subject", "attempts", "createdAt" FROM "EmailMessage" WHERE "subject" = ?`;
    const pooled = await db.$queryRawUnsafe<{ subject: string; attempts: number; createdAt: Date }[]>(pooledRead(sql), "pool row");
    const plain = await db.$queryRawUnsafe<typeof pooled>(sql, "pool row");
    expect(pooled).toEqual(plain);
    expect(pooled).toHaveLength(1);
    expect(pooled[0]!.subject).toBe("pool row");
  });

  it("runs on a connection of its own: it answers while a transaction holds the writer, and sees none of its uncommitted rows", async () => {
    let seenInside: unknown[] | undefined;
    await expect(
      db.$transaction(async (tx) => {
        await tx.emailMessage.create({ data: email("pool uncommitted") });
        seenInside = await db.$queryRawUnsafe<unknown[]>(pooledRead(`SELECT "id" FROM "EmailMessage" WHERE "subject" = ?`), "pool uncommitted");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(seenInside).toEqual([]);
    const committed = await db.emailMessage.create({ data: email("pool committed") });
    const after = await db.$queryRawUnsafe<{ id: string }[]>(pooledRead(`SELECT "id" FROM "EmailMessage" WHERE "subject" = ?`), "pool committed");
    expect(after.map((r) => r.id)).toEqual([committed.id]);
  });

  it("a write marked for the pool still goes to the writer (the workers' connections are query_only)", async () => {
    const inserted = await db.$queryRawUnsafe<{ subject: string }[]>(
      pooledRead(`INSERT INTO "EmailMessage" ("id", "to", "subject", "text", "kind", "createdAt") VALUES (?, ?, ?, ?, ?, ?) RETURNING "subject"`),
      "pool-write-1",
      "uji@contoh.id",
      "pool write",
      "-",
      "test",
      new Date().toISOString(),
    );
    expect(inserted).toEqual([{ subject: "pool write" }]);
    expect(await db.emailMessage.count({ where: { subject: "pool write" } })).toBe(1);
  });

  it("brings SQLite's error back with its code; the pool then goes on answering", async () => {
    const pool = createReadPool(sqliteFilePath());
    expect(pool).not.toBeNull();
    try {
      const error = await pool!.run({ sql: `${READ_POOL_HINT} SELECT * FROM "NoSuchTable"`, args: [], argTypes: [] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe("DriverAdapterError");
      expect(sqliteCodeOf(error)).toBe("SQLITE_ERROR");
      expect(JSON.stringify((error as { cause?: unknown }).cause)).toMatch(/no such table/);
      // a write on the worker's own connection is refused by query_only, not carried out
      const write = await pool!.run({ sql: `DELETE FROM "EmailMessage"`, args: [], argTypes: [] }).catch((e: unknown) => e);
      expect(sqliteCodeOf(write)).toBe("SQLITE_READONLY");
      const ok = await pool!.run({ sql: `SELECT 1 + 1 AS "two"`, args: [], argTypes: [] });
      expect(ok.columnNames).toEqual(["two"]);
      expect(ok.rows.map((row) => row.map(Number))).toEqual([[2]]);
      // through the app's client a failing pooled read rejects like any raw query, with the SQLite code inside
      const viaDb = await db.$queryRawUnsafe(pooledRead(`SELECT * FROM "NoSuchTable"`)).catch((e: unknown) => e);
      expect(sqliteCodeOf(viaDb)).toBe("SQLITE_ERROR");
    } finally {
      await pool!.close();
    }
  });

  it("runs several reads side by side and each gets its own answer", async () => {
    const reads = Array.from({ length: 8 }, (_, i) => db.$queryRawUnsafe<{ n: number }[]>(pooledRead(`SELECT ? * 10 AS "n"`), i));
    expect((await Promise.all(reads)).map((rows) => Number(rows[0]!.n))).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
  });
});
