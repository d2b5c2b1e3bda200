import { db } from "~/db/db.server";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "~/db/errors";

const email = (subject: string) => ({ to: "uji@contoh.id", subject, text: "-", kind: "test" });

describe("one database discipline (docs/decisions/070)", () => {
  it("a plain read and a plain write issued while another transaction is open: the read sees no uncommitted row, the write survives the rollback", async () => {
    let readInside: unknown = "not run";
    let plainWrite: Promise<unknown> | undefined;
    let writeSettledInside = false;

    await expect(
      db.$transaction(async (tx) => {
        await tx.emailMessage.create({ data: email("uncommitted") });
        // Another request, not using `tx`: a plain read and a plain write through `db`.
        readInside = await db.emailMessage.findFirst({ where: { subject: "uncommitted" } });
        plainWrite = db.emailMessage.create({ data: email("plain write") }).finally(() => (writeSettledInside = true));
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error("the transaction fails and rolls back");
      }),
    ).rejects.toThrow("rolls back");

    expect(readInside).toBeNull();
    expect(writeSettledInside).toBe(false); // it waited for the transaction instead of running inside it
    await plainWrite;
    expect(await db.emailMessage.count({ where: { subject: "uncommitted" } })).toBe(0);
    expect(await db.emailMessage.count({ where: { subject: "plain write" } })).toBe(1);
  });

  it("reads see what was committed just before", async () => {
    const created = await db.emailMessage.create({ data: email("committed") });
    expect(await db.emailMessage.findUnique({ where: { id: created.id } })).not.toBeNull();
    await db.$transaction(async (tx) => tx.emailMessage.update({ where: { id: created.id }, data: { subject: "committed twice" } }));
    expect((await db.emailMessage.findUniqueOrThrow({ where: { id: created.id } })).subject).toBe("committed twice");
  });

  it("transactions are serialised: two overlapping read-modify-write transactions do not lose an update", async () => {
    const row = await db.emailMessage.create({ data: email("counter") });
    const bump = () =>
      db.$transaction(async (tx) => {
        const current = await tx.emailMessage.findUniqueOrThrow({ where: { id: row.id } });
        await new Promise((resolve) => setTimeout(resolve, 20));
        await tx.emailMessage.update({ where: { id: row.id }, data: { attempts: current.attempts + 1 } });
      });
    await Promise.all([bump(), bump(), bump(), bump()]);
    expect((await db.emailMessage.findUniqueOrThrow({ where: { id: row.id } })).attempts).toBe(4);
  });

  it("a write through `db` inside a transaction gives up with a clear error instead of hanging", async () => {
    process.env.DB_BUSY_TIMEOUT_MS = "300";
    try {
      let inner: unknown;
      await db.$transaction(async (tx) => {
        await tx.emailMessage.create({ data: email("outer") });
        inner = await db.emailMessage.create({ data: email("misused") }).catch((e: unknown) => e);
      });
      expect(isDatabaseUnavailable(inner)).toBe(true);
      expect(String((inner as Error).message)).toMatch(/busy|database/i);
    } finally {
      delete process.env.DB_BUSY_TIMEOUT_MS;
    }
    expect(await db.emailMessage.count({ where: { subject: "outer" } })).toBe(1);
    expect(DatabaseUnavailableError).toBeTruthy();
  });
});
