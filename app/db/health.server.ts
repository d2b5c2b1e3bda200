import { databaseKind } from "./database-url";
import { db, dbReady } from "./db.server";
import { unavailableReasonOf, type UnavailableReason } from "./errors";
import { postgresWriteProbe } from "./postgres-specific.server";
import { writeProbe } from "./sqlite-specific.server";

export type DatabaseHealth =
  | { ok: true; readMs: number; writeMs: number }
  | { ok: false; failing: "read" | "write"; reason: UnavailableReason | "error"; message: string };

/**
 * Can the database be read and written right now? Reads one row through the reader connection, then commits
 * a one-row write through the serialised writer (so a read-only file, a full disk or a write lock held past
 * the busy timeout all show up). Used by /healthz.
 */
export async function checkDatabase(now = new Date()): Promise<DatabaseHealth> {
  let failing: "read" | "write" = "read";
  try {
    await dbReady.catch(() => undefined);
    const started = Date.now();
    await db.$queryRawUnsafe("SELECT 1");
    const readMs = Date.now() - started;
    failing = "write";
    await (databaseKind() === "postgresql" ? postgresWriteProbe : writeProbe)(db, now);
    return { ok: true, readMs, writeMs: Date.now() - started - readMs };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, failing, reason: unavailableReasonOf(error) ?? "error", message: message.slice(0, 300) };
  }
}
