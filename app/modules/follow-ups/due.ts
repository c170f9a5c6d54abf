// When a follow-up after the programme is due, and how long it stays open. Safe for both sides, no I/O.
// The triggers of migration 0014 compute due_on in SQL; tests check them against followUpDueOn.
import { DAY_MS } from "../../../machines/time";

/**
 * A follow-up is open (on the mentor's day list) this many days from its due day; after that an
 * unanswered one is missed. It can still be answered late.
 */
export const FOLLOW_UP_OPEN_DAYS = 60;

/**
 * The Jakarta day a follow-up is due: the exit day plus `months` calendar months, on the same day of
 * the month, or on the month's last day when it has no such day (31 August + 3 months = 30 November;
 * 31 August + 6 months = 28 February, or 29 in a leap year; 29 February + 12 months = 28 February).
 */
export function followUpDueOn(exitedOn: string, months: number): string {
  const [year, month, day] = exitedOn.split("-").map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return new Date(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/** The day a follow-up due on `dueOn` stops being open (its window has passed from this day on). */
export function followUpClosesOn(dueOn: string): string {
  return new Date(Date.parse(`${dueOn}T00:00:00Z`) + FOLLOW_UP_OPEN_DAYS * DAY_MS).toISOString().slice(0, 10);
}

/** A follow-up due on or before this day and still unanswered on `today` is missed (its window has passed). */
export function missedOnOrBefore(today: string): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - FOLLOW_UP_OPEN_DAYS * DAY_MS).toISOString().slice(0, 10);
}
