/**
 * Records every SQL statement the app's Prisma client sends, as its driver adapter receives it (the app's
 * own serialized adapter, wrapped), so a test can run `EXPLAIN QUERY PLAN` on the exact SQL a domain
 * function issues.
 *
 * Import this module FIRST in a test file, before anything that imports `~/db/db.server` (directly or via
 * `tests/helpers/actors.ts`): it installs the app's client (`globalThis.__bermitraDb`), which db.server then
 * uses instead of creating its own. ES modules run their imports in order, so a plain static import at the
 * top is enough.
 */
import type { SqlDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import { sqliteFilePath } from "~/db/database-url";
import { serializedSqliteAdapter } from "~/db/serialized-adapter.server";
import { prepareSqliteDatabase } from "~/db/sqlite-specific.server";
import { PrismaClient } from "~/generated/prisma/client";

export type CapturedQuery = { sql: string; args: unknown[] };

/** The statements sent since the last `captured.length = 0`, in order. */
export const captured: CapturedQuery[] = [];

type Queryable = { queryRaw: (q: SqlQuery) => Promise<unknown> };

function recording<T extends Queryable>(target: T): T {
  const original = target.queryRaw.bind(target);
  target.queryRaw = (q: SqlQuery) => {
    captured.push({ sql: q.sql, args: q.args });
    return original(q);
  };
  return target;
}

if (globalThis.__bermitraDb) {
  throw new Error("tests/helpers/query-capture.ts must be imported before ~/db/db.server is first loaded");
}

const inner = serializedSqliteAdapter(sqliteFilePath());
const adapter: SqlDriverAdapterFactory = {
  ...inner,
  connect: async () => {
    const connected = recording(await inner.connect());
    const start = connected.startTransaction.bind(connected);
    connected.startTransaction = async (level) => recording(await start(level));
    return connected;
  },
};

const client = new PrismaClient({ adapter });
globalThis.__bermitraDb = { client, ready: prepareSqliteDatabase(client) };
await globalThis.__bermitraDb.ready;

/** Runs `fn` and returns the statements it sent. */
export async function queriesOf(fn: () => Promise<unknown>): Promise<CapturedQuery[]> {
  captured.length = 0;
  await fn();
  return [...captured];
}
