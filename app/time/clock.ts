/**
 * The app's one clock. Everything that asks "what time is it" (domain functions' default `now`, Prisma's
 * `@default(now())`, session expiry, the seed's "today") reads `Date`, and this module is where that
 * reading can be moved for tests and demos:
 *
 *  - `BERMITRA_NOW=2026-11-17T10:00:00+07:00` makes the process start at that instant; time then flows.
 *  - The shift is kept in `BERMITRA_CLOCK_OFFSET_MS` so child processes (workers, the seed run by the
 *    test setup) read the same clock as their parent, to the millisecond.
 *
 * Unset (production, `npm run demo`), nothing is changed. Import this module first in every entry point
 * (server.ts, the seed, the test setup, playwright.config.ts). See docs/decisions/006-controllable-clock.md.
 */

type ClockState = { realDate: DateConstructor; offset: number };
const stateKey = Symbol.for("bermitra.clock");
const g = globalThis as typeof globalThis & { [stateKey]?: ClockState };
// Loaded twice (two bundles in one process), the module must not shift the shifted clock again.
const state: ClockState = (g[stateKey] ??= { realDate: globalThis.Date, offset: 0 });
const RealDate = state.realDate;

function offsetFromEnv(): number {
  const kept = process.env.BERMITRA_CLOCK_OFFSET_MS;
  if (kept !== undefined && kept !== "") {
    const offset = Number(kept);
    if (!Number.isFinite(offset)) throw new Error(`BERMITRA_CLOCK_OFFSET_MS must be a number of milliseconds, got "${kept}"`);
    return offset;
  }
  const start = process.env.BERMITRA_NOW;
  if (!start) return 0;
  const at = RealDate.parse(start);
  if (Number.isNaN(at)) throw new Error(`BERMITRA_NOW must be an ISO date-time such as 2026-11-17T10:00:00+07:00, got "${start}"`);
  const offset = at - RealDate.now();
  process.env.BERMITRA_CLOCK_OFFSET_MS = String(offset);
  return offset;
}

/** Moves the global clock by `offset` ms from the machine's (0 restores the real clock). */
function install(offset: number): void {
  state.offset = offset;
  if (offset === 0) {
    globalThis.Date = RealDate;
    return;
  }
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string | number | Date]));
    }
    static now(): number {
      return RealDate.now() + offset;
    }
    // Dates made by node internals or before the shift are still Dates.
    static [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof RealDate;
    }
  }
  globalThis.Date = ShiftedDate as unknown as DateConstructor;
}

install(offsetFromEnv());

/**
 * Starts this process's clock at `instant` (time flows from there) and hands the same shift to every
 * child process started afterwards. For test runners and scripts; the app itself never calls it.
 */
export function startClockAt(instant: string): void {
  delete process.env.BERMITRA_CLOCK_OFFSET_MS;
  process.env.BERMITRA_NOW = instant;
  install(offsetFromEnv());
}

/** The current instant on the app's clock. */
export function now(): Date {
  return new Date();
}

/** How far the app's clock is from the machine's (0 unless BERMITRA_NOW is set). */
export function clockOffsetMs(): number {
  return state.offset;
}
