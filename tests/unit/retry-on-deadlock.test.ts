import { retryOnDeadlock } from "~/jobs/pg-boss.server";

/** pg-boss's queue creation is retried when PostgreSQL aborts it as a deadlock victim (code 40P01), nothing else. */
const deadlock = () => Object.assign(new Error("deadlock detected"), { code: "40P01" });

describe("retryOnDeadlock", () => {
  it("runs the statement again after a deadlock and returns its result", async () => {
    let calls = 0;
    const result = await retryOnDeadlock(async () => {
      calls++;
      if (calls < 3) throw deadlock();
      return "created";
    });
    expect(result).toBe("created");
    expect(calls).toBe(3);
  });

  it("does not retry other errors", async () => {
    let calls = 0;
    const unique = Object.assign(new Error("duplicate key"), { code: "23505" });
    await expect(
      retryOnDeadlock(async () => {
        calls++;
        throw unique;
      }),
    ).rejects.toBe(unique);
    expect(calls).toBe(1);
  });

  it("gives up after the last attempt and throws the deadlock", async () => {
    let calls = 0;
    await expect(
      retryOnDeadlock(async () => {
        calls++;
        throw deadlock();
      }, 3),
    ).rejects.toMatchObject({ code: "40P01" });
    expect(calls).toBe(3);
  });
});
