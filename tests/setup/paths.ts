import path from "node:path";

export const TMP_DIR = path.resolve(process.cwd(), process.env.TEST_TMP_DIR ?? "tests/.tmp");
/** A database migrated and seeded with the demo data once per test run; each test file gets a copy. */
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");
