/**
 * Which PostgreSQL failures are "the database cannot serve now" (a 503 with Retry-After, decision 071) and
 * which are the request's own fault. The shapes are the ones Prisma 6.19 with @prisma/adapter-pg and the pg
 * driver really produce (seen in tests/integration/crash-postgres.test.ts's server log when the server was
 * stopped under a running app).
 */
import { isDatabaseUnavailable, unavailableReasonOf } from "~/db/errors";

function prismaError(code: string, cause: Record<string, unknown>) {
  const driverAdapterError = Object.assign(new Error(String(cause.kind)), { name: "DriverAdapterError", cause });
  return Object.assign(new Error("Invalid `prisma.$queryRaw()` invocation"), { name: "PrismaClientKnownRequestError", code, meta: { driverAdapterError } });
}

function pgServerError(code: string, message: string) {
  return Object.assign(new Error(message), { code, severity: "FATAL" });
}

describe("PostgreSQL outages are answered 503, request errors are not", () => {
  it("recognises a server that cannot be reached or went away", () => {
    expect(unavailableReasonOf(prismaError("P2010", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 }))).toBe("unreachable");
    expect(unavailableReasonOf(prismaError("P2010", { kind: "ConnectionClosed" }))).toBe("unreachable");
    expect(unavailableReasonOf(Object.assign(new Error("Can't reach database server"), { code: "P1001" }))).toBe("unreachable");
    expect(unavailableReasonOf(new Error("Connection terminated unexpectedly"))).toBe("unreachable");
    expect(unavailableReasonOf(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", syscall: "connect", errno: -111 }))).toBe("unreachable");
  });

  it("recognises shutting down, starting up, full and overloaded servers by SQLSTATE", () => {
    const adapter = (code: string) => prismaError("P2010", { kind: "postgres", code, severity: "FATAL", message: "…" });
    expect(unavailableReasonOf(adapter("57P01"))).toBe("unreachable"); // terminating connection due to administrator command
    expect(unavailableReasonOf(adapter("57P03"))).toBe("unreachable"); // the database system is starting up
    expect(unavailableReasonOf(adapter("08006"))).toBe("unreachable");
    expect(unavailableReasonOf(adapter("53100"))).toBe("disk-full");
    expect(unavailableReasonOf(adapter("57014"))).toBe("busy"); // statement timeout
    expect(unavailableReasonOf(prismaError("P2010", { kind: "TooManyConnections", cause: "sorry, too many clients already" }))).toBe("busy");
    expect(unavailableReasonOf(Object.assign(new Error("Timed out fetching a new connection from the connection pool"), { code: "P2024" }))).toBe("busy");
    expect(unavailableReasonOf(pgServerError("25006", "cannot execute INSERT in a read-only transaction"))).toBe("read-only"); // the pg driver's own error (the rate-limit store)
    expect(unavailableReasonOf(prismaError("P2010", { kind: "postgres", code: "25006", severity: "ERROR", message: "read-only" }))).toBe("read-only");
  });

  it("leaves the request's own errors alone", () => {
    expect(isDatabaseUnavailable(prismaError("P2002", { kind: "UniqueConstraintViolation", constraint: { fields: ["email"] } }))).toBe(false);
    expect(isDatabaseUnavailable(prismaError("P2010", { kind: "postgres", code: "22P02", severity: "ERROR", message: "invalid input syntax" }))).toBe(false);
    expect(isDatabaseUnavailable(prismaError("P2010", { kind: "postgres", code: "40P01", severity: "ERROR", message: "deadlock detected" }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("Connection terminated by the user's own code"))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("not found"), { code: "P2025" }))).toBe(false);
    expect(isDatabaseUnavailable(pgServerError("23505", "duplicate key value violates unique constraint"))).toBe(false);
  });
});
