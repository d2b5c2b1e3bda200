/**
 * Rebuilds the database from scratch: deletes the SQLite file (Prisma's `migrate reset` does not drop
 * tables on SQLite with the JS engine), applies every migration, and seeds the demo data.
 */
import { execSync } from "node:child_process";
import { rmSync } from "node:fs";
import { sqliteFilePath } from "../app/db/database-url";

const file = sqliteFilePath();
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
execSync("npx prisma migrate deploy", { stdio: "inherit" });
execSync("npx prisma db seed", { stdio: "inherit" });
console.log(`Database rebuilt and seeded: ${file}`);
