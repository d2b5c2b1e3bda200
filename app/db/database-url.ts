import path from "node:path";

/**
 * Resolves DATABASE_URL (default `file:./prisma/dev.db`, relative to the working directory)
 * to an absolute SQLite file path. Shared by the app, the Prisma CLI config and scripts.
 */
export function sqliteFilePath(url = process.env.DATABASE_URL ?? "file:./prisma/dev.db"): string {
  // A PostgreSQL URL read as a file path once made a folder named "postgresql:" full of SQLite files.
  if (databaseKind(url) === "postgresql") throw new Error("DATABASE_URL is a PostgreSQL URL: this code path works on the SQLite file only");
  const raw = url.replace(/^file:/, "");
  if (raw === ":memory:") return raw;
  return path.resolve(process.cwd(), raw);
}

export type DatabaseKind = "sqlite" | "postgresql";

/** SQLite (the embedded default) unless DATABASE_URL is a postgresql:// (or postgres://) URL. */
export function databaseKind(url = process.env.DATABASE_URL ?? ""): DatabaseKind {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}
