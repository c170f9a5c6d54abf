// The stall and dormancy rule (DESIGN.md "Stalled work, dormancy and a mentor's day"), written once.
//
// This module is the definition: the onset of a stall, the moment a participant turns dormant, the
// bands a stall's age falls in, and (in stall-sql.server.ts, generated from the same constants) the
// SQL that keeps them in the database. Nothing else states the rule; a test holds the database's
// triggers equal to what stall-sql.server.ts generates, and this module's verdicts equal to theirs.
import { STAGES, stageNumber, type StageId } from "../../../machines/stages";
import { DAY_MS, JAKARTA_OFFSET_MS } from "../../../machines/time";

export type StallSettings = {
  /** Nothing recorded for this many days → stalled. */
  inactivityDays: number;
  /** Nothing recorded for this many days → dormant: counted apart, never as stalled or active. */
  dormantDays: number;
  /** A stage open longer than its limit → stalled. */
  stageLimitDays: Record<StageId, number>;
  /** An open cohort is stalled when its share of stalled active members passes this (0–1). */
  cohortThreshold: number;
};

/** What holds when a setting has never been saved (the SQL falls back to the same numbers). */
export const DEFAULT_STALL_SETTINGS = {
  inactivityDays: 45,
  dormantDays: 180,
  stageLimitDays: 60,
  cohortThreshold: 0.3,
} as const;

/** The settings table's keys for the numbers above. */
export const STALL_SETTING_KEYS = {
  inactivityDays: "stall_inactivity_days",
  dormantDays: "dormant_days",
  cohortThreshold: "cohort_stall_threshold",
} as const;

/** A stall that began within this many days is "new" for the rankings and the stall map. */
export const NEW_STALL_DAYS = 30;

export type StallReason =
  | { kind: "inactive"; days: number; limit: number }
  | { kind: "stage"; stage: StageId; days: number; limit: number };

/** The columns the rule reads. */
export type StallColumns = {
  status: string;
  lastActivityAt: number;
  p1State: string;
  p1EnteredAt: number;
} & { [K in `p${2 | 3 | 4 | 5 | 6 | 7}State`]: string } & {
  [K in `p${2 | 3 | 4 | 5 | 6 | 7}EnteredAt`]: number | null;
};

/** A stage is "open" (its clock runs) while P1 awaits verification or P2–P7 are in progress. */
export function openStates(stage: StageId): string {
  return stage === "registration" ? "submitted" : "in_progress";
}

/**
 * The moment the participant stalls (or stalled): the earliest of last activity + the inactivity
 * limit and each open stage's entry + its limit. Null unless active. Kept in participants.stalled_since.
 */
export function stallOnset(p: StallColumns, settings: StallSettings): number | null {
  if (p.status !== "active") return null;
  let onset = p.lastActivityAt + settings.inactivityDays * DAY_MS;
  for (const stage of STAGES) {
    const n = stageNumber(stage) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
    const enteredAt = p[`p${n}EnteredAt`];
    if (p[`p${n}State`] === openStates(stage) && enteredAt != null) {
      onset = Math.min(onset, enteredAt + settings.stageLimitDays[stage] * DAY_MS);
    }
  }
  return onset;
}

/** The moment an active participant turns dormant: last activity + the dormancy days. Kept in participants.dormant_since. */
export function dormancyOnset(p: Pick<StallColumns, "status" | "lastActivityAt">, settings: Pick<StallSettings, "dormantDays">): number | null {
  return p.status === "active" ? p.lastActivityAt + settings.dormantDays * DAY_MS : null;
}

/** Dormant at `now`: active, and nothing recorded for more than the dormancy days. */
export function isDormant(p: Pick<StallColumns, "status" | "lastActivityAt">, settings: Pick<StallSettings, "dormantDays">, now: number): boolean {
  const onset = dormancyOnset(p, settings);
  return onset !== null && onset < now;
}

/** Why a participant is stalled (empty when they are not). Only active participants who are not dormant stall. */
export function stallReasons(p: StallColumns, settings: StallSettings, now: number): StallReason[] {
  if (p.status !== "active" || isDormant(p, settings, now)) return [];
  const reasons: StallReason[] = [];
  const idle = Math.floor((now - p.lastActivityAt) / DAY_MS);
  if (now - p.lastActivityAt > settings.inactivityDays * DAY_MS) {
    reasons.push({ kind: "inactive", days: idle, limit: settings.inactivityDays });
  }
  for (const stage of STAGES) {
    const n = stageNumber(stage) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
    const state = p[`p${n}State`];
    const enteredAt = p[`p${n}EnteredAt`];
    const limit = settings.stageLimitDays[stage];
    if (state === openStates(stage) && enteredAt != null && now - enteredAt > limit * DAY_MS) {
      reasons.push({ kind: "stage", stage, days: Math.floor((now - enteredAt) / DAY_MS), limit });
    }
  }
  return reasons;
}

/** How old a stall is: new (this week), 1–4 weeks, 1–3 months, older. */
export const STALL_AGE_BANDS = ["new", "weeks", "months", "older"] as const;
export type StallAgeBand = (typeof STALL_AGE_BANDS)[number];

/** The upper bound (exclusive, in days) of each band but the last. */
const BAND_LIMIT_DAYS: Record<Exclude<StallAgeBand, "older">, number> = { new: 7, weeks: 28, months: 90 };

/** The band of a stall whose onset was `onset`, read at `now` (onset < now). */
export function stallAgeBand(onset: number, now: number): StallAgeBand {
  const age = now - onset;
  if (age < BAND_LIMIT_DAYS.new * DAY_MS) return "new";
  if (age < BAND_LIMIT_DAYS.weeks * DAY_MS) return "weeks";
  if (age < BAND_LIMIT_DAYS.months * DAY_MS) return "months";
  return "older";
}

/**
 * The onsets [from, to) whose stall falls in `band` at `now`, for list filters: the inverse of
 * stallAgeBand (a stall is in a band while its age is under the band's limit, onset < now).
 */
export function stallAgeRange(band: StallAgeBand, now: number): { from: number | null; to: number } {
  const after = (days: number) => now - days * DAY_MS + 1;
  switch (band) {
    case "new":
      return { from: after(BAND_LIMIT_DAYS.new), to: now };
    case "weeks":
      return { from: after(BAND_LIMIT_DAYS.weeks), to: after(BAND_LIMIT_DAYS.new) };
    case "months":
      return { from: after(BAND_LIMIT_DAYS.months), to: after(BAND_LIMIT_DAYS.weeks) };
    case "older":
      return { from: null, to: after(BAND_LIMIT_DAYS.months) };
  }
}

/**
 * The week a moment falls in: weeks start on Monday 00:00 in Jakarta, numbered from the epoch's
 * (1 January 1970 was a Thursday, hence the 3). stall-sql.server.ts computes the same in SQL.
 */
export function weekOf(at: number): number {
  return Math.floor((Math.floor((at + JAKARTA_OFFSET_MS) / DAY_MS) + 3) / 7);
}

/** The first moment (Monday 00:00 Jakarta) of a week numbered by weekOf. */
export function weekStart(week: number): number {
  return (week * 7 - 3) * DAY_MS - JAKARTA_OFFSET_MS;
}
