// The tallies' clock (stall_clock.at): the moment the people tallies count "stalled", "new" and
// "dormant" at. Readers add what changed since (tallies/tallies.server.ts), so the clock only has to stay
// near the present for those corrections to stay small. The server moves it on a timer, never while
// answering a page: a GET does not write.
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { stallClock } from "../../../db/schema";

/** How often the server moves the clock, and so how far behind the present it may fall. */
export const CLOCK_STEP_MS = 10 * 60 * 1000;

/** Moves the clock to `now` when it is behind. Returns false when the write lock was busy (tried again next time). */
export function advanceStallClock(db: Db, now = Date.now()): boolean {
  try {
    db.update(stallClock).set({ at: now }).where(and(eq(stallClock.id, 1), lt(stallClock.at, now))).run();
    return true;
  } catch (error) {
    // Another connection holds the write lock (a long import): the next tick moves it.
    if ((error as { code?: string }).code === "SQLITE_BUSY") return false;
    throw error;
  }
}

/** Moves the clock now and every CLOCK_STEP_MS while the process lives (the timer does not hold it open). */
export function startStallClock(db: Db): void {
  const global = globalThis as unknown as { __pasStallClock?: ReturnType<typeof setInterval> };
  if (global.__pasStallClock) return;
  advanceStallClock(db);
  global.__pasStallClock = setInterval(() => advanceStallClock(db), CLOCK_STEP_MS);
  global.__pasStallClock.unref();
}
