// The settings the journey machine takes. They are data (stored as versioned rows), never constants
// inside the machine: a coordinator changes them without a deploy.
import { z } from "zod";
import { MIDDLE_STAGES, TRACKS, type MiddleStageId, type Track } from "./stages";

export const journeyRulesSchema = z.object({
  /** P3 is complete after at least this many mentoring sessions. */
  mentoringSessionsRequired: z.number().int().min(1).max(50),
  capitalReadiness: z.object({
    /** How many of P2–P6 must be done or waived before P7 opens. */
    minMiddleStagesDoneOrWaived: z.number().int().min(0).max(MIDDLE_STAGES.length),
    /** Stages among P2–P6 that must be done (a waiver does not count) before P7 opens. */
    requiredDone: z.array(z.enum(MIDDLE_STAGES)),
  }),
  /** Which of P2–P6 each track may waive. */
  waivableStages: z.record(z.enum(TRACKS), z.array(z.enum(MIDDLE_STAGES))),
  /**
   * P1 is verified only with every baseline figure known. Rules versions stored before the baseline
   * existed lack the key and read as false, so their logs replay as they were made.
   */
  baselineRequired: z.boolean().default(false),
});

export type JourneyRules = {
  mentoringSessionsRequired: number;
  capitalReadiness: { minMiddleStagesDoneOrWaived: number; requiredDone: MiddleStageId[] };
  waivableStages: Record<Track, MiddleStageId[]>;
  baselineRequired: boolean;
};

/**
 * DESIGN.md's defaults: P7 needs P1 and five of P2–P6 done or waived, with P6 done; naik kelas may
 * waive P2–P6; P1 is verified with its baseline figures.
 */
export const DEFAULT_JOURNEY_RULES: JourneyRules = {
  mentoringSessionsRequired: 3,
  capitalReadiness: { minMiddleStagesDoneOrWaived: 5, requiredDone: ["financial_reporting"] },
  waivableStages: { pemula: [], naik_kelas: [...MIDDLE_STAGES] },
  baselineRequired: true,
};

export function parseJourneyRules(value: unknown): JourneyRules {
  return journeyRulesSchema.parse(value) as JourneyRules;
}
