import { spawn } from "node:child_process";

/**
 * Holds SQLite's write lock on `file` from a second process (as a backup or a script would), with
 * better-sqlite3's `BEGIN IMMEDIATE`, for `ms` milliseconds. Resolves once the lock is held; `released`
 * settles when the process has let go.
 */
export async function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    const Database = require("better-sqlite3");
    const d = new Database(process.argv[1], { timeout: 10000 });
    d.exec("BEGIN IMMEDIATE");
    process.stdout.write("locked\\n");
    setTimeout(() => { d.exec("ROLLBACK"); d.close(); process.exit(0); }, Number(process.argv[2]));
  `;
  const child = spawn(process.execPath, ["-e", script, file, String(ms)], { stdio: ["ignore", "pipe", "inherit"] });
  const released = new Promise<void>((resolve, reject) => {
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`lock holder exited with ${code}`))));
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`lock holder exited early with ${code}`)));
  });
  return { released };
}
