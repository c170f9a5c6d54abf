// The stage rules form (/aturan): per-stage time limits, the inactivity and cohort stall thresholds,
// when a participant turns dormant, how long a new cohort runs, and the mentoring sessions P3 needs.
// Whole numbers within sane bounds; messages are message keys.
import { z } from "zod";
import { STAGES, type StageId } from "../../../machines/stages";
import { COHORT_LENGTH_SETTING_KEY } from "../cohorts/lifecycle";
import { STALL_SETTING_KEYS } from "../journey/stalled";

export const RULE_BOUNDS = {
  stageLimitDays: { min: 1, max: 365 },
  inactivityDays: { min: 1, max: 365 },
  cohortThresholdPercent: { min: 1, max: 100 },
  mentoringSessions: { min: 1, max: 20 },
  /** Above the largest inactivity limit is not required here: the form checks it against the one typed. */
  dormantDays: { min: 2, max: 730 },
  cohortLengthMonths: { min: 1, max: 36 },
} as const;

function wholeNumber({ min, max }: { min: number; max: number }, messages = "stageRules") {
  const message = `${messages}.outOfRange.${min}-${max}`;
  return z
    .number({ required_error: "validation.required", invalid_type_error: "stageRules.wholeNumber" })
    .int("stageRules.wholeNumber")
    .min(min, message)
    .max(max, message);
}

export const limitField = (stage: StageId) => `limit_${stage}` as const;

export const stageRulesSchema = z
  .object({
    ...(Object.fromEntries(STAGES.map((stage) => [limitField(stage), wholeNumber(RULE_BOUNDS.stageLimitDays)])) as Record<
      `limit_${StageId}`,
      ReturnType<typeof wholeNumber>
    >),
    inactivityDays: wholeNumber(RULE_BOUNDS.inactivityDays),
    cohortThresholdPercent: wholeNumber(RULE_BOUNDS.cohortThresholdPercent),
    mentoringSessions: wholeNumber(RULE_BOUNDS.mentoringSessions),
    dormantDays: wholeNumber(RULE_BOUNDS.dormantDays, "cohortLifecycle.rules"),
    cohortLengthMonths: wholeNumber(RULE_BOUNDS.cohortLengthMonths, "cohortLifecycle.rules"),
  })
  // Dormancy is the longer silence: at or below the stall limit nobody would ever be stalled for inactivity.
  .superRefine((value, ctx) => {
    if (value.dormantDays <= value.inactivityDays) {
      ctx.addIssue({ code: "custom", path: ["dormantDays"], message: "cohortLifecycle.rules.dormantNotAfterStall" });
    }
  });
export type StageRulesValue = z.infer<typeof stageRulesSchema>;

/** The keys written to settings_changes (and labelled on the page). */
export const CHANGE_KEYS = {
  stageLimit: (stage: StageId) => `stage_time_limit_days.${stage}`,
  inactivityDays: "stall_inactivity_days",
  cohortThreshold: "cohort_stall_threshold",
  mentoringSessions: "journey_rules.mentoring_sessions_required",
  dormantDays: STALL_SETTING_KEYS.dormantDays,
  cohortLengthMonths: COHORT_LENGTH_SETTING_KEY,
} as const;
