/**
 * Brings the database up to date: applies pending migrations, and seeds the demo data when the
 * database is still empty. Safe to run on every start; `npm run db:reset` starts over instead.
 * Works on the SQLite default and on PostgreSQL (DATABASE_URL=postgresql://…).
 */
import { execSync } from "node:child_process";
import { databaseKind, sqliteFilePath } from "../app/db/database-url";

execSync("npx prisma migrate deploy", { stdio: "inherit" });
const where = databaseKind() === "postgresql" ? "The PostgreSQL database" : `Database ${sqliteFilePath()}`;
// Imported after the migrations: the module prepares the database it connects to.
const { db: client } = await import("../app/db/db.server");
const users = await client.user.count();
await client.$disconnect();
if (users === 0) execSync("npx prisma db seed", { stdio: "inherit" });
else console.log(`${where} already has data (${users} users); not seeding.`);
