// Calendar months of the programme, in Jakarta time. Asia/Jakarta is UTC+7 all year (no daylight
// saving), so a month runs from 00:00 on its first day, Jakarta time, i.e. 17:00 UTC the day before.
import { JAKARTA_OFFSET_MS } from "../../../machines/time";
import { jakartaMonth } from "../i18n/jakarta";
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2026-03" when the value is a month between 2000 and 2100, else null. */
export function parseMonth(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const match = MONTH.exec(raw);
  if (!match) return null;
  const year = Number(match[1]);
  return year >= 2000 && year <= 2100 ? raw : null;
}

/** This month in Jakarta. */
export function currentMonth(now = Date.now()): string {
  return jakartaMonth(now);
}

/** The month `delta` months away ("2026-01", -1 → "2025-12"). */
export function shiftMonth(month: string, delta: number): string {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  const date = new Date(Date.UTC(year, mon - 1 + delta, 1));
  return date.toISOString().slice(0, 7);
}

/** The month as epoch milliseconds [start, end): what was recorded at t belongs to it when start <= t < end. */
export function monthBounds(month: string): { start: number; end: number } {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  return { start: Date.UTC(year, mon - 1, 1) - JAKARTA_OFFSET_MS, end: Date.UTC(year, mon, 1) - JAKARTA_OFFSET_MS };
}
