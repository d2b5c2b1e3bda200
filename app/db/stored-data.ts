/**
 * "A record we stored cannot be read back": JSON in a text column that does not parse, or parses to the
 * wrong shape. It is never skipped or replaced by a default (a silently skipped coaching plan or an MoU
 * invoiced on 14-day terms instead of its own is worse than an error): the error is logged with the table,
 * row and column, and the request is answered with a visible error page (app/db/outage.server.ts) or the job
 * run fails and is logged. Decision 076.
 */
export class CorruptStoredDataError extends Error {
  override readonly name = "CorruptStoredDataError";
  constructor(
    readonly table: string,
    readonly id: string,
    readonly column: string,
    readonly problem: string,
  ) {
    super(`stored data is corrupt: ${table} ${id} ${column}: ${problem}`);
  }
}

export function isCorruptStoredData(error: unknown): error is CorruptStoredDataError {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    if (e instanceof CorruptStoredDataError || (e as { name?: unknown }).name === "CorruptStoredDataError") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

type Check<T> = (value: unknown) => { ok: true; value: T } | { ok: false; problem: string };

/**
 * Parses the JSON stored in `table.column` of row `id` and checks its shape with `check`. Throws (and logs)
 * a CorruptStoredDataError when the text is not JSON or has the wrong shape.
 */
export function parseStoredJson<T>(text: string | null | undefined, where: { table: string; id: string; column: string }, check: Check<T>): T {
  let value: unknown;
  let problem: string | undefined;
  if (text == null) {
    problem = "missing";
  } else {
    try {
      value = JSON.parse(text);
    } catch (error) {
      problem = `not JSON (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  if (!problem) {
    const result = check(value);
    if (result.ok) return result.value;
    problem = result.problem;
  }
  const error = new CorruptStoredDataError(where.table, where.id, where.column, problem!);
  console.error(`[data] ${error.message}`);
  throw error;
}
