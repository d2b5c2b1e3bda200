import type { ServerBuild } from "@remix-run/node";
import { DatabaseUnavailableError, RETRY_AFTER_SECONDS, unavailableReasonOf } from "./errors";
import { isCorruptStoredData } from "./stored-data";

/**
 * A calm answer when the database cannot serve (decision 071): the request gets a 503 with `Retry-After`,
 * rendered by the root error boundary as "busy / under maintenance, try again", instead of a 500. The
 * transaction that failed was rolled back, so nothing was half-written.
 */
export function databaseUnavailableResponse(error: unknown): Response | undefined {
  const reason = unavailableReasonOf(error);
  if (!reason) return undefined;
  console.error(`[db] request answered 503: database unavailable (${reason})`, error instanceof Error ? error.message : error);
  return new Response(`errors:unavailable.${reason}`, {
    status: 503,
    statusText: "Service Unavailable",
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * For answers that must never be guessed (is this MoU authentic?): any failure to look it up is a 503,
 * whether or not the error is recognisably a database outage.
 */
export function unavailableResponse(error: unknown): Response {
  if (error instanceof Response) return error;
  return (
    databaseUnavailableResponse(error) ??
    databaseUnavailableResponse(new DatabaseUnavailableError("unreachable", { cause: error }))!
  );
}

/**
 * A stored record that cannot be read back (decision 076): a 500 page that says so, instead of a page
 * computed from a default. The error was logged where it was found (table, row, column).
 */
export function corruptDataResponse(error: unknown): Response | undefined {
  if (!isCorruptStoredData(error)) return undefined;
  return new Response("errors:corruptData", {
    status: 500,
    statusText: "Internal Server Error",
    headers: { "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" },
  });
}

type Handler = (args: never) => unknown;

function answerOutages<F extends Handler>(handler: F): F {
  return (async (args: never) => {
    try {
      return await handler(args);
    } catch (error) {
      throw databaseUnavailableResponse(error) ?? corruptDataResponse(error) ?? error;
    }
  }) as unknown as F;
}

/**
 * Wraps every route's loader and action so that a DatabaseUnavailableError (or an SQLite busy, read-only,
 * disk-full or I/O error) becomes that 503 response, and corrupt stored data a 500 page that says so. Applied once to the server build in server.ts.
 */
export function withDatabaseOutageAnswers(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module = { ...route.module };
    if (module.loader) module.loader = answerOutages(module.loader);
    if (module.action) module.action = answerOutages(module.action);
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}
