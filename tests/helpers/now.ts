/**
 * The pinned clock of every test run (see tests/setup/clock.ts and app/time/clock.ts): a Tuesday in
 * mid-November, far from a month end; WIB has no daylight saving.
 */
export const TEST_NOW = "2026-11-17T10:00:00+07:00";
/** The seed's "today" under that clock (the WIB date, at 00:00 UTC as the seed stores it). */
export const SEED_TODAY = new Date("2026-11-17T00:00:00.000Z");
