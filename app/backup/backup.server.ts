/**
 * Online backups and restores (docs/operations.md, docs/decisions/074-backups.md).
 *
 * A backup is a folder `bermitra-<UTC timestamp>/` with
 *  - `bermitra.db`: a consistent copy of the database made with `VACUUM INTO` while the site keeps serving
 *    writes: it is one committed state;
 *  - `uploads/`: the uploads folder, copied *after* the database, so every file the copied rows refer to is
 *    there (uploads are stored before the rows that point to them; later files are merely extra);
 *  - `manifest.json`: when, row counts per table and the list of files with sizes, to check a restore.
 */
import Database from "better-sqlite3";
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { databaseKind, sqliteFilePath } from "~/db/database-url";
import { uploadRoot } from "~/storage/object-store.server";

export type BackupManifest = {
  createdAt: string;
  database: string;
  integrity: string;
  rowCounts: Record<string, number>;
  files: { path: string; bytes: number }[];
};

/** The disk store's folder (with S3_BUCKET set the files are in the bucket: back it up with versioning). */
export function uploadsDir(): string {
  return uploadRoot();
}

export function backupDir(): string {
  return path.resolve(process.env.BACKUP_DIR ?? "data/backups");
}

export function backupKeep(): number {
  const n = Number(process.env.BACKUP_KEEP ?? 7);
  return Number.isInteger(n) && n >= 1 ? n : 7;
}

const BACKUP_NAME = /^bermitra-\d{8}T\d{6}(\d{3})?Z$/;

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace(/\.(\d{3})Z$/, "$1Z");
}

/** Row counts of every table of a database file (also the FTS5 shadow tables; they must match too). */
export function rowCounts(file: string): Record<string, number> {
  const d = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = d
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .pluck()
      .all() as string[];
    const counts: Record<string, number> = {};
    for (const t of tables) {
      try {
        counts[t] = Number(d.prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get());
      } catch {
        // virtual tables whose module is not loaded here are skipped
      }
    }
    return counts;
  } finally {
    d.close();
  }
}

export function integrityCheck(file: string): string {
  const d = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return String(d.pragma("integrity_check", { simple: true }));
  } finally {
    d.close();
  }
}

/** Every file under `root` (relative paths, sizes), sorted; half-written `*.tmp` files are left out. */
export async function listFiles(root: string): Promise<{ path: string; bytes: number }[]> {
  // Synchronous on purpose: a backup or restore is a batch step (a script or a child process), and a plain
  // loop finishes in bounded time even while the folder keeps growing.
  const out: { path: string; bytes: number }[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && !e.name.endsWith(".tmp")) {
        try {
          out.push({ path: path.relative(root, full), bytes: statSync(full).size });
        } catch {
          // deleted meanwhile
        }
      }
    }
  };
  walk(root);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

async function copyFiles(from: string, to: string): Promise<void> {
  for (const file of await listFiles(from)) {
    const target = path.join(to, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    try {
      copyFileSync(path.join(from, file.path), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error; // deleted meanwhile
    }
  }
}

/** Makes one backup into `into` (default BACKUP_DIR) while the site keeps running; returns its folder. */
export async function createBackup(options: { into?: string; databaseFile?: string; uploads?: string; now?: Date } = {}) {
  const into = path.resolve(options.into ?? backupDir());
  const databaseFile = options.databaseFile ?? sqliteFilePath();
  const uploads = options.uploads ?? uploadsDir();
  const name = `bermitra-${stamp(options.now ?? new Date())}`;
  const partial = path.join(into, `.${name}.partial`);
  const final = path.join(into, name);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    // 1. The database: `VACUUM INTO` copies it inside one read transaction, i.e. one committed state (a WAL
    //    snapshot); writers carry on meanwhile. (The page-by-page backup API restarts whenever another
    //    connection writes, so under steady writes it may never finish.)
    const source = new Database(databaseFile, { fileMustExist: true, timeout: 5_000 });
    try {
      source.prepare("VACUUM INTO ?").run(path.join(partial, "bermitra.db"));
    } finally {
      source.close();
    }
    const integrity = integrityCheck(path.join(partial, "bermitra.db"));
    if (integrity !== "ok") throw new Error(`backup copy failed integrity_check: ${integrity}`);
    // 2. The uploads, after the database (see above).
    //    The list is taken once, then copied file by file: a folder that keeps growing is copied in bounded time.
    mkdirSync(path.join(partial, "uploads"), { recursive: true });
    await copyFiles(uploads, path.join(partial, "uploads"));
    const manifest: BackupManifest = {
      createdAt: (options.now ?? new Date()).toISOString(),
      database: path.basename(databaseFile),
      integrity,
      rowCounts: rowCounts(path.join(partial, "bermitra.db")),
      files: await listFiles(path.join(partial, "uploads")),
    };
    writeFileSync(path.join(partial, "manifest.json"), JSON.stringify(manifest, null, 2));
    renameSync(partial, final);
    return { folder: final, manifest };
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/** Deletes all but the newest `keep` backups in `dir`; returns the deleted folder names. */
export async function pruneBackups(dir = backupDir(), keep = backupKeep()): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => BACKUP_NAME.test(n)).sort();
  } catch {
    return [];
  }
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const n of old) await rm(path.join(dir, n), { recursive: true, force: true });
  return old;
}

/**
 * The daily job: `npm run backup` in a child process (the copy is synchronous SQLite work that must not block
 * the web process), which writes into BACKUP_DIR and keeps the newest BACKUP_KEEP. Off unless BACKUP_DIR is set.
 */
export async function runDailyBackup(): Promise<{ skipped: true } | { output: string }> {
  // On PostgreSQL the server's own tools back up (docs/deploying.md: pg_basebackup + WAL archiving, pg_dump).
  if (!process.env.BACKUP_DIR || databaseKind() === "postgresql") return { skipped: true };
  const { execFile } = await import("node:child_process");
  const output = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", path.resolve("scripts/backup.ts")], { env: process.env, timeout: 30 * 60_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`backup failed: ${stderr || error.message}`)) : resolve(stdout),
    );
  });
  console.log(`[backup] ${output.trim()}`);
  return { output };
}

/**
 * Restores a backup folder into `databaseFile` and `uploads` (defaults: DATABASE_URL and UPLOAD_DIR). Run with
 * the server stopped. Refuses to overwrite an existing database unless `force` (then the old files are kept
 * next to it as `*.before-restore`).
 */
export async function restoreBackup(folder: string, options: { databaseFile?: string; uploads?: string; force?: boolean } = {}) {
  const source = path.resolve(folder);
  const manifest = JSON.parse(await readFile(path.join(source, "manifest.json"), "utf8")) as BackupManifest;
  const copy = path.join(source, "bermitra.db");
  const integrity = integrityCheck(copy);
  if (integrity !== "ok") throw new Error(`backup database failed integrity_check: ${integrity}`);
  const databaseFile = path.resolve(options.databaseFile ?? sqliteFilePath());
  const uploads = path.resolve(options.uploads ?? uploadsDir());
  const exists = await stat(databaseFile).then(
    () => true,
    () => false,
  );
  if (exists && !options.force) throw new Error(`${databaseFile} exists; stop the server and pass --force to replace it`);
  await mkdir(path.dirname(databaseFile), { recursive: true });
  if (exists) {
    await rename(databaseFile, `${databaseFile}.before-restore`);
    for (const suffix of ["-wal", "-shm"]) await rm(databaseFile + suffix, { force: true });
    await rm(`${uploads}.before-restore`, { recursive: true, force: true });
    await rename(uploads, `${uploads}.before-restore`).catch(() => undefined);
  }
  await cp(copy, `${databaseFile}.restoring`);
  await rename(`${databaseFile}.restoring`, databaseFile);
  await rm(uploads, { recursive: true, force: true });
  await mkdir(uploads, { recursive: true });
  await copyFiles(path.join(source, "uploads"), uploads);
  const restored = { rowCounts: rowCounts(databaseFile), files: await listFiles(uploads) };
  const countsMatch = JSON.stringify(restored.rowCounts) === JSON.stringify(manifest.rowCounts);
  const filesMatch = JSON.stringify(restored.files) === JSON.stringify(manifest.files);
  if (!countsMatch || !filesMatch) throw new Error("restored data does not match the backup's manifest");
  return { databaseFile, uploads, manifest };
}
