/**
 * `npm run backup [folder]`: a consistent online backup of the database and the uploads folder, safe while
 * the site serves writes, into BACKUP_DIR (default data/backups); keeps the newest BACKUP_KEEP (default 7).
 * See docs/operations.md.
 */
import "../app/time/clock";
import { createBackup, pruneBackups } from "../app/backup/backup.server";
import { databaseKind } from "../app/db/database-url";

if (databaseKind() === "postgresql") {
  console.error("npm run backup copies the SQLite file. On PostgreSQL use the server's tools (pg_basebackup + WAL archiving, pg_dump -Fc): see docs/deploying.md.");
  process.exit(1);
}
const into = process.argv[2];
const { folder, manifest } = await createBackup({ into });
const pruned = into ? [] : await pruneBackups();
const rows = Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0);
console.log(`Backup written: ${folder}`);
console.log(`  integrity_check: ${manifest.integrity}; ${rows} rows in ${Object.keys(manifest.rowCounts).length} tables; ${manifest.files.length} uploaded files`);
if (pruned.length) console.log(`  removed old backups: ${pruned.join(", ")}`);
