import "~/time/clock";
import { PrismaClient } from "~/generated/prisma/client";
import { databaseKind, sqliteFilePath } from "./database-url";
import { isDatabaseUnavailable } from "./errors";
import { createPostgresClient, preparePostgresDatabase } from "./postgres-specific.server";
import { busyTimeoutMs, serializedSqliteAdapter } from "./serialized-adapter.server";
import { prepareSqliteDatabase } from "./sqlite-specific.server";

export type Db = PrismaClient;
/** A Prisma client or an interactive transaction client. */
export type DbClient = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * A Prisma client on the SQLite file at `url`, with the app's database discipline: writes and transactions
 * serialised on one writer connection, plain reads on a read-only connection that sees committed data only
 * (app/db/serialized-adapter.server.ts, docs/decisions/070-one-database-discipline.md).
 */
export function createPrismaClient(url?: string): PrismaClient {
  // PostgreSQL (issue 15, decision 120): the server does the locking; the pool gives each transaction its own connection.
  const target = url ?? process.env.DATABASE_URL;
  if (databaseKind(target) === "postgresql") return createPostgresClient(target!);
  const adapter = serializedSqliteAdapter(sqliteFilePath(url));
  // Our adapter bounds the wait for the lock (busy timeout); Prisma's own limit must not cut in first.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: busyTimeoutMs() + 5_000, timeout: 15_000 } });
}

declare global {
  // eslint-disable-next-line no-var
  var __bermitraDb: { client: PrismaClient; ready: Promise<void> } | undefined;
}

function init() {
  const client = createPrismaClient();
  // Started on read-only files or a full disk the server still comes up: /healthz and a 503 page say why.
  const prepare = databaseKind() === "postgresql" ? preparePostgresDatabase : prepareSqliteDatabase;
  const ready = prepare(client).catch((error: unknown) => {
    if (!isDatabaseUnavailable(error)) throw error;
    console.error("[db] the database cannot be prepared for writing; serving what can be served:", (error as Error).message);
  });
  return { client, ready };
}

const holder = (globalThis.__bermitraDb ??= init());

/** The app's Prisma client. Call `await dbReady` once before the first query (the server does). */
export const db = holder.client;
export const dbReady = holder.ready;
