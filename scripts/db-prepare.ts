/**
 * Brings the database up to date: applies pending migrations, and seeds the demo data when the
 * database is still empty. Safe to run on every start; `npm run db:reset` starts over instead.
 */
import { execSync } from "node:child_process";
import Database from "better-sqlite3";
import { sqliteFilePath } from "../app/db/database-url";

execSync("npx prisma migrate deploy", { stdio: "inherit" });
const file = sqliteFilePath();
const sqlite = new Database(file, { readonly: true });
const users = (sqlite.prepare('SELECT COUNT(*) AS n FROM "User"').get() as { n: number }).n;
sqlite.close();
if (users === 0) execSync("npx prisma db seed", { stdio: "inherit" });
else console.log(`Database ${file} already has data (${users} users); not seeding.`);
