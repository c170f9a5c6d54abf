// A cohort's lifecycle (DESIGN.md "Stalled work, dormancy and a mentor's day"): it has a planned end,
// the intake plus the cohort length setting unless a coordinator chose or extended it; after that
// day (a date in Jakarta) the cohort is closed. Closed is derived from the date, never stored, so an
// extension reopens a cohort by itself. Safe for both sides: constants, date arithmetic, the verdict.
import { jakartaDate } from "../i18n/jakarta";

/** The settings table's key for the cohort length, and what holds when it was never saved. */
export const COHORT_LENGTH_SETTING_KEY = "cohort_length_months";
export const DEFAULT_COHORT_LENGTH_MONTHS = 12;

/**
 * `isoDate` (YYYY-MM-DD) plus `months` calendar months. A day the target month lacks becomes its
 * last day (31 January + 1 month = 28 or 29 February), as people count months.
 */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12; // 0-based
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay)));
  return date.toISOString().slice(0, 10);
}

/** The planned end of a cohort whose coordinator did not choose one. */
export function defaultPlannedEnd(intakeDate: string, lengthMonths: number): string {
  return addMonths(intakeDate, lengthMonths);
}

/** Today in Jakarta at `now` (ms), the day a cohort's planned end is compared with. */
export function jakartaDay(now: number): string {
  return jakartaDate(new Date(now));
}

/** Closed: the planned end has passed in Jakarta (the planned end itself is the cohort's last open day). */
export function isCohortClosed(plannedEndOn: string, now: number): boolean {
  return plannedEndOn < jakartaDay(now);
}

/** How a closed cohort ended, counted over its members. The four parts add up to `members`. */
export type CohortResult = {
  members: number;
  /** Completed the programme (graduated). */
  graduated: number;
  /** Still active: status active and not dormant. */
  active: number;
  /** On hold: neither finished nor gone. */
  onHold: number;
  /** Not completed: dormant (active, nothing recorded for the dormancy days) or withdrawn. */
  notCompleted: number;
  dormant: number;
  withdrawn: number;
};

export const emptyCohortResult = (): CohortResult => ({ members: 0, graduated: 0, active: 0, onHold: 0, notCompleted: 0, dormant: 0, withdrawn: 0 });

/** The share of the members a part is (0 without members). */
export function shareOf(part: number, result: Pick<CohortResult, "members">): number {
  return result.members === 0 ? 0 : part / result.members;
}
