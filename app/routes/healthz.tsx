import { json } from "@remix-run/node";
import { db } from "~/db/db.server";

export async function loader() {
  const started = Date.now();
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return json(
      { status: "ok", db: "ok", dbLatencyMs: Date.now() - started, uptimeSeconds: Math.round(process.uptime()), version: process.env.npm_package_version ?? "0.1.0" },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return json({ status: "error", db: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
