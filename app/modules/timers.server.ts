// The server's timers: the tallies' stall clock and SQLite's optimize. A server of several worker
// processes runs them in one (the primary sets PAS_TIMERS=0 in the others): two clocks would race
// for the write lock to set the same row, and two optimizers would analyze twice.
import type { Db } from "../../db/client";
import { optimizeDatabase } from "../../db/optimize";
import { startStallClock } from "./dashboard/clock.server";
import { HOUR_MS } from "../../machines/time";

export const TIMERS_ENV = "PAS_TIMERS";

/** How often the statistics are refreshed after the first time. */
export const OPTIMIZE_EVERY_MS = 4 * HOUR_MS;

const global = globalThis as unknown as { __pasOptimizer?: ReturnType<typeof setInterval> };

/** True when this process was not told to leave the timers to another. */
export function runsTimers(): boolean {
  return process.env[TIMERS_ENV] !== "0";
}

/** True once this process runs them (kept on globalThis: the server and its build share it). */
export function timersRunning(): boolean {
  return global.__pasOptimizer !== undefined;
}

function optimize(db: Db, first: boolean): void {
  try {
    optimizeDatabase(db, { first });
  } catch (error) {
    // A long import holding the write lock past the busy timeout: the next run catches up.
    console.error("PRAGMA optimize failed:", error);
  }
}

/** Starts both timers in this process, once; neither holds the process open. */
export function startTimers(db: Db): void {
  if (!runsTimers() || global.__pasOptimizer) return;
  startStallClock(db);
  optimize(db, true);
  global.__pasOptimizer = setInterval(() => optimize(db, false), OPTIMIZE_EVERY_MS);
  global.__pasOptimizer.unref();
}
