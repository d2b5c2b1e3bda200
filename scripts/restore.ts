/**
 * `npm run restore <backup folder> [--force]`: brings a backup made by `npm run backup` back into
 * DATABASE_URL and UPLOAD_DIR. Stop the server first. With --force an existing database and uploads folder
 * are moved aside (`*.before-restore`). Checks integrity and that row counts and files match the manifest.
 */
import "../app/time/clock";
import { restoreBackup } from "../app/backup/backup.server";

const args = process.argv.slice(2);
const folder = args.find((a) => !a.startsWith("--"));
if (!folder) {
  console.error("usage: npm run restore <backup folder> [-- --force]");
  process.exit(2);
}
try {
  const { databaseFile, uploads, manifest } = await restoreBackup(folder, { force: args.includes("--force") });
  console.log(`Restored the backup of ${manifest.createdAt}: ${databaseFile} and ${uploads} (row counts and files match).`);
} catch (error) {
  console.error(`Restore failed: ${(error as Error).message}`);
  process.exit(1);
}
