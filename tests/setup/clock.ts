/**
 * Pins the clock of a test run, whatever the machine's date: imported first by vitest.config.ts and
 * playwright.config.ts, before any worker or the seed starts, so they all inherit one shift
 * (BERMITRA_CLOCK_OFFSET_MS) and no assertion depends on the day the suite runs.
 */
import { startClockAt } from "../../app/time/clock";
import { TEST_NOW } from "../helpers/now";

startClockAt(TEST_NOW);
