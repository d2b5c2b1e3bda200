// A worker thread of the SQLite read pool (app/db/read-pool.server.ts, decision 142): plain JavaScript, loaded by
// piscina from this file at run time (the server bundle has no separate file for it). One query_only
// connection per database file, opened as the serialized adapter opens its reader; each task runs one
// statement through Prisma's own better-sqlite3 adapter and returns its result set, or the error's payload.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

const connections = new Map();

async function connection(file) {
  let opening = connections.get(file);
  if (!opening) {
    opening = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 2_000 }).connect().then((adapter) => {
      adapter.client.pragma("query_only = ON");
      adapter.client.pragma("mmap_size = 0");
      return adapter;
    });
    connections.set(file, opening);
    opening.catch(() => connections.delete(file));
  }
  return opening;
}

export default async function runRead({ file, query }) {
  try {
    const adapter = await connection(file);
    return { ok: true, result: await adapter.queryRaw(query) };
  } catch (error) {
    // DriverAdapterError keeps what Prisma maps in `cause` (kind, SQLite code); an error thrown before it (opening
    // the file) keeps its own code
    const e = error ?? {};
    return { ok: false, error: { name: e.name, message: String(e.message ?? e), code: e.code, cause: e.name === "DriverAdapterError" ? e.cause : undefined } };
  }
}
