import { json } from "@remix-run/node";
import { checkDatabase } from "~/db/health.server";
import cluster from "node:cluster";
import { RETRY_AFTER_SECONDS } from "~/db/errors";
import { runsBackgroundJobs } from "~/jobs/scheduler.server";

/**
 * Liveness and readiness in one: 200 when the database can be read and written, else 503 with the reason
 * (docs/operations.md explains the fields).
 */
export async function loader() {
  const health = await checkDatabase();
  const base = {
    uptimeSeconds: Math.round(process.uptime()),
    version: process.env.npm_package_version ?? "0.1.0",
    // Which web process answered (cluster worker number, 0 without cluster) and whether it runs the jobs.
    instance: cluster.worker?.id ?? 0,
    jobs: runsBackgroundJobs() ? "running" : "standby",
  };
  if (health.ok) {
    return json(
      {
        status: "ok",
        db: "ok",
        dbLatencyMs: health.readMs,
        dbWriteMs: health.writeMs,
        ...base,
      },
      { headers: { "Cache-Control": "no-store" } }
    );
  }
  return json(
    {
      status: "error",
      db: health.failing === "read" ? "unreachable" : "not-writable",
      reason: health.reason,
      detail: health.message,
      ...base,
    },
    {
      status: 503,
      headers: {
        "Cache-Control": "no-store",
        "Retry-After": String(RETRY_AFTER_SECONDS),
      },
    }
  );
}
