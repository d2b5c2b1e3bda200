import "../../app/time/clock";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { TEMPLATE_DB, TMP_DIR } from "./paths";
import { copyPostgresTemplate, testPostgresBase } from "./postgres";

// Each test file runs in its own process (pool: forks) against its own copy of the seeded database:
// a copy of the SQLite file, or on PostgreSQL (TEST_POSTGRES_URL) a database made from the template.
const id = randomUUID();
const postgres = testPostgresBase();
if (postgres) {
  process.env.DATABASE_URL = copyPostgresTemplate(postgres, id);
} else {
  const file = path.join(TMP_DIR, `test-${id}.db`);
  copyFileSync(TEMPLATE_DB, file);
  process.env.DATABASE_URL = `file:${file}`;
}
process.env.BERMITRA_JOBS = "off";
process.env.MAIL_DIR = path.join(TMP_DIR, "mail");
process.env.MESSAGE_DIR = path.join(TMP_DIR, "messages");
process.env.UPLOAD_DIR = path.join(TMP_DIR, `uploads-${id}`);
