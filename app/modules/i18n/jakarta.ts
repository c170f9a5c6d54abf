// The programme's clock. Jakarta (Asia/Jakarta) is UTC+7 all year, without daylight saving, and every
// date a person sees or enters is a Jakarta date: a moment becomes a calendar day here and nowhere
// else. (A moment's UTC day is the previous day from 00:00 to 06:59 in Jakarta: a walk-in registered
// at 00:30 on 3 December must not carry evidence dated 2 December.) Safe for both sides, no I/O.
import { JAKARTA_OFFSET_MS } from "../../../machines/time";

export const JAKARTA_TIME_ZONE = "Asia/Jakarta";

/** The Jakarta calendar day of a moment (ms or Date; now when left out), as YYYY-MM-DD. */
export function jakartaDate(at: number | Date = Date.now()): string {
  const ms = typeof at === "number" ? at : at.getTime();
  return new Date(ms + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Jakarta calendar month of a moment, as YYYY-MM. */
export function jakartaMonth(at: number | Date = Date.now()): string {
  return jakartaDate(at).slice(0, 7);
}
