// The programme's time constants, for every layer (machines, app, db, tests). Times are integer
// milliseconds since the epoch (UTC); calendar days are Jakarta days. No I/O.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** Jakarta (Asia/Jakarta) is UTC+7 all year, without daylight saving. */
export const JAKARTA_OFFSET_MS = 7 * HOUR_MS;
