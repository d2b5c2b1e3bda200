import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { createBackup, listFiles, pruneBackups, restoreBackup, rowCounts, uploadsDir } from "~/backup/backup.server";
import { TMP_DIR } from "../setup/paths";
import { db } from "~/db/db.server";

describe("backups (npm run backup / npm run restore)", () => {
  it("backs up while writes go on, and a restore into a new folder has the same rows and files", async () => {
    const work = path.join(TMP_DIR, `backup-${process.pid}-${Date.now()}`);
    mkdirSync(path.join(uploadsDir(), "load"), { recursive: true });
    let stop = false;
    const acknowledged: string[] = [];
    // 4 writers: each stores an upload, then the row that points to it (as the app does), in a loop.
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const key = `load/w${w}-${i}.txt`;
        writeFileSync(path.join(uploadsDir(), key), `file ${w}-${i}`);
        const row = await db.emailMessage.create({ data: { to: "muat@contoh.id", subject: key, text: "-", kind: "load" } });
        acknowledged.push(row.id);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    });
    while (acknowledged.length < 8) await new Promise((resolve) => setTimeout(resolve, 20));
    const beforeBackup = [...acknowledged];
    const { folder, manifest } = await createBackup({ into: path.join(work, "backups") });
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop = true;
    await Promise.all(writers);
    expect(beforeBackup.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(beforeBackup.length); // writes went on during and after the backup

    expect(manifest.integrity).toBe("ok");
    const restoredDb = path.join(work, "restored", "bermitra.db");
    const restoredUploads = path.join(work, "restored", "uploads");
    await restoreBackup(folder, { databaseFile: restoredDb, uploads: restoredUploads });

    // Same row counts and files as the manifest says (restoreBackup checks too), integrity ok.
    expect(rowCounts(restoredDb)).toEqual(manifest.rowCounts);
    expect(await listFiles(restoredUploads)).toEqual(manifest.files);
    const restored = new Database(restoredDb, { readonly: true });
    expect(restored.pragma("integrity_check", { simple: true })).toBe("ok");
    const ids = new Set(restored.prepare(`SELECT id FROM "EmailMessage" WHERE kind = 'load'`).pluck().all() as string[]);
    const subjects = restored.prepare(`SELECT subject FROM "EmailMessage" WHERE kind = 'load'`).pluck().all() as string[];
    restored.close();
    // Every write acknowledged before the backup started is in it, and every row's file came along.
    for (const id of beforeBackup) expect(ids.has(id)).toBe(true);
    for (const key of subjects) expect(readFileSync(path.join(restoredUploads, key), "utf8")).toMatch(/^file /);
    // The restored copy has the app's other tables and data too.
    expect(manifest.rowCounts.User).toBe(await db.user.count());
    // Refuses to overwrite a database without --force.
    await expect(restoreBackup(folder, { databaseFile: restoredDb, uploads: restoredUploads })).rejects.toThrow(/--force/);
  }, 120_000);

  it("keeps the newest BACKUP_KEEP backups", async () => {
    const dir = path.join(TMP_DIR, `keep-${process.pid}-${Date.now()}`);
    for (const day of [1, 2, 3, 4]) await createBackup({ into: dir, now: new Date(`2026-11-0${day}T01:00:00Z`) });
    expect(await pruneBackups(dir, 2)).toEqual(["bermitra-20261101T010000000Z", "bermitra-20261102T010000000Z"]);
    expect((await import("node:fs")).readdirSync(dir).sort()).toEqual(["bermitra-20261103T010000000Z", "bermitra-20261104T010000000Z"]);
  });
});
