import "~/time/clock";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { sqliteFilePath } from "./database-url";
import { prepareSqliteDatabase } from "./sqlite-specific.server";

export type Db = PrismaClient;
/** A Prisma client or an interactive transaction client. */
export type DbClient = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function createPrismaClient(url?: string): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(url)}`, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

declare global {
  // eslint-disable-next-line no-var
  var __bermitraDb: { client: PrismaClient; ready: Promise<void> } | undefined;
}

function init() {
  const client = createPrismaClient();
  const ready = prepareSqliteDatabase(client);
  return { client, ready };
}

const holder = (globalThis.__bermitraDb ??= init());

/** The app's Prisma client. Call `await dbReady` once before the first query (the server does). */
export const db = holder.client;
export const dbReady = holder.ready;
