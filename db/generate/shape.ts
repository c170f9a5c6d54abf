// The generated programme's scale and shape: sizes, shares and odds taken from the programme's
// reported figures, used by the population and the journey planner.
import { type MiddleStageId } from "../../machines/stages";

// ─── Scale and shape ─────────────────────────────────────────────────────────

/** DESIGN.md's plan for 300,000 participants; smaller runs scale it down. */
export const PLANNED = { participants: 300_000, cohorts: 6_000, secondAgencyMentors: 406 };

/** Cohorts and the second agency's corps grow with the participant count; the first agency keeps one mentor per district. */
export function scaleFor(participants: number) {
  const share = participants / PLANNED.participants;
  return {
    cohorts: Math.max(1, Math.round(PLANNED.cohorts * share)),
    secondAgencyMentors: Math.max(1, Math.round(PLANNED.secondAgencyMentors * share)),
  };
}

/** Intakes run over the three years before "now". */
export const INTAKE_DAYS = 3 * 365;

/**
 * JakPreneur's funnel reported in October 2021 (P1 284,164; P2 176,891; P3 157,498; P4 148,374;
 * P5 44,456; P6 32,883; P7 6,159), as the share of registrants who reached each stage.
 */
export const REPORTED_FUNNEL = [284_164, 176_891, 157_498, 148_374, 44_456, 32_883, 6_159].map((n) => n / 284_164);

/**
 * Journeys are planned to go a little further than the report says, because "now" cuts recent
 * intakes short and some planned journeys end early (rejections, withdrawals); with these factors
 * the stored funnel lands close to the report. Index = stage number − 1.
 */
export const CUT_SHORT_LIFT = [1, 1.02, 1.08, 1.08, 1.09, 1.13, 1.2];

/** Shares of the journey's turns, chosen to look like a programme a few years old. */
export const SHARES = {
  rejectedAtP1: 0.06,
  resubmitAfterRejection: 0.6,
  verificationBacklog: 0.015,
  secondAgencyPerson: 0.03,
  startWithEvidence: 0.6,
  sendBack: 0.03,
  forgotToComplete: 0.08,
  startsNextStage: 0.6,
  startsAnotherStage: 0.15,
  capitalApplying: 0.012,
  capitalRejectedFirst: 0.15,
  pauseMidway: 0.05,
  withdrawAndReturn: 0.01,
  holdAtEnd: 0.05,
  withdrawAfterHold: 0.35,
  webChannel: 0.55,
  /** Cohorts whose members mostly stop coming once they stop finishing stages (the ones to look at first). */
  strugglingCohort: 0.1,
};

/**
 * Of those in a running cohort who stop finishing stages, the share still working on their next
 * stage lately (it opened within the last weeks): most cohorts keep most of them going, a struggling
 * one few. The others drift: they stall, and after the dormancy days turn dormant.
 */
export const KEEPS_GOING: Record<"usual" | "struggling", [number, number]> = { usual: [0.65, 0.9], struggling: [0.05, 0.25] };
/** Their stage opened at most this many days before "now". */
export const KEEPS_GOING_DAYS = 40;

/** A naik kelas participant waives a stage they finish with these odds (P6 only when P7 is not their goal). */
export const WAIVE_ODDS: Record<MiddleStageId, number> = {
  training: 0.15,
  mentoring: 0.1,
  licensing: 0.6,
  marketing: 0.25,
  financial_reporting: 0.2,
};

/** Evidence recorded to finish a stage: [min, max] records (never fewer than the rules need). */
export const EVIDENCE_RECORDS: Record<MiddleStageId, [number, number]> = {
  training: [1, 2],
  mentoring: [3, 4],
  licensing: [1, 2],
  marketing: [1, 2],
  financial_reporting: [1, 3],
};

/** Days between two records of the same stage (P6's monthly reports: 31 days or more, so each is another month; three of them still within P6's 90-day limit). */
export const EVIDENCE_GAP_DAYS: Record<MiddleStageId, [number, number]> = {
  training: [3, 21],
  mentoring: [7, 30],
  licensing: [7, 45],
  marketing: [7, 40],
  financial_reporting: [31, 40],
};
