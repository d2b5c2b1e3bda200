/**
 * Starts Bermitra after `remix build`: `tsx server.ts`. In production it serves with one process per core
 * (node:cluster; WEB_CONCURRENCY sets the number, 1 turns it off) behind one port; the processes share the
 * database, sessions, rate limits and caches' change detection, and only one of them runs the background
 * jobs (the scheduler lease, decision 100). The web server itself is app/http/web-server.server.ts.
 */
import "./app/time/clock";
import cluster from "node:cluster";
import os from "node:os";
import { webProcessCount } from "./app/http/process-count";
import { assertProductionConfig } from "./app/http/startup-checks";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
process.env.NODE_ENV ??= "production";
let processes = 1;
try {
  assertProductionConfig();
  processes = webProcessCount({
    setting: process.env.WEB_CONCURRENCY,
    production: process.env.NODE_ENV === "production",
    cores: os.availableParallelism(),
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

if (cluster.isPrimary && processes > 1) {
  superviseWorkers(processes);
} else {
  const { startWebServer } = await import("./app/http/web-server.server");
  await startWebServer({ port, host });
}

/** The primary process: forks the workers, replaces one that dies, stops them all on SIGTERM/SIGINT. */
function superviseWorkers(count: number) {
  console.log(`Bermitra: ${count} web processes on port ${port}`);
  let stopping = false;
  const quickDeaths: number[] = [];
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(
      `[cluster] worker ${worker.id} stopped (${
        signal ?? code
      }); starting another`
    );
    // A worker that keeps dying at once (bad build, port taken): stop instead of looping.
    const now = Date.now();
    quickDeaths.push(now);
    while (quickDeaths.length && now - quickDeaths[0] > 60_000)
      quickDeaths.shift();
    if (quickDeaths.length > count * 3) {
      console.error("[cluster] workers keep failing; stopping");
      process.exit(1);
    }
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {}))
      worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 8_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
