import "../../app/time/clock";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { TEMPLATE_DB, TMP_DIR } from "./paths";

// Each test file runs in its own process (pool: forks) against its own copy of the seeded database.
const file = path.join(TMP_DIR, `test-${randomUUID()}.db`);
copyFileSync(TEMPLATE_DB, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.BERMITRA_JOBS = "off";
process.env.MAIL_DIR = path.join(TMP_DIR, "mail");
process.env.MESSAGE_DIR = path.join(TMP_DIR, "messages");
process.env.UPLOAD_DIR = path.join(TMP_DIR, `uploads-${path.basename(file, ".db")}`);
