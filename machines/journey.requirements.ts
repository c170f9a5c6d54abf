// What a move needs, as pure functions of the journey context and the rules.
// The machine's guards are these functions (a guard passes when nothing is missing), and the UI
// calls the same functions to explain a move it cannot offer: one copy of the rules, not two.
import type { JourneyRules } from "./journey.rules";
import {
  EVIDENCE_KINDS,
  MIDDLE_STAGES,
  STAGES,
  type EvidenceKind,
  type MiddleStageId,
  type ParticipantStatus,
  type StageId,
  type StageState,
  type Track,
} from "./stages";

export type JourneyContext = {
  track: Track;
  /** Mirror of the status region's state. */
  status: ParticipantStatus;
  /** Mirror of each stage region's state, kept by entry actions, so that guards can read it. */
  stages: Record<StageId, StageState>;
  /** How many evidence records of each kind were recorded. */
  evidence: Partial<Record<EvidenceKind, number>>;
};

/**
 * The business figures taken at P1 (the "before" of every outcome): monthly turnover (omset), business
 * capital (modal usaha, without land and buildings), workers including the owner, and whether the
 * business has an NIB. Each may be left "belum tahu" at registration, but all are known before P1 is verified.
 */
export const BASELINE_FIELDS = ["turnover", "capital", "workers", "nib"] as const;
export type BaselineField = (typeof BASELINE_FIELDS)[number];

export type Requirement =
  | { code: "registration-verified" }
  | { code: "baseline"; fields: BaselineField[] }
  | { code: "evidence"; kind: EvidenceKind; have: number; need: number }
  | { code: "capital-readiness"; have: number; need: number }
  | { code: "stage-done"; stage: MiddleStageId }
  | { code: "not-waivable"; stage: StageId; track: Track }
  | { code: "reason-required" }
  | { code: "capital-not-started" }
  | { code: "status-active"; status: ParticipantStatus };

/** An application or a rejection is recorded, but only an approved or disbursed loan completes P7. */
const CAPITAL_COMPLETING = ["capital_approved", "capital_disbursed"] as const satisfies readonly EvidenceKind[];

/**
 * Evidence that completes a stage: any one of the kinds listed, at least `need` times in total.
 * Every kind of a stage (stages.ts EVIDENCE_KINDS) counts, except P7's that record no loan.
 */
export function completionEvidence(
  stage: StageId,
  rules: JourneyRules,
): { kinds: EvidenceKind[]; need: number } {
  const kinds: EvidenceKind[] = stage === "capital" ? [...CAPITAL_COMPLETING] : [...EVIDENCE_KINDS[stage]];
  return { kinds, need: stage === "mentoring" ? rules.mentoringSessionsRequired : 1 };
}

export function evidenceCount(context: JourneyContext, kinds: readonly EvidenceKind[]): number {
  return kinds.reduce((sum, kind) => sum + (context.evidence[kind] ?? 0), 0);
}

function isDoneOrWaived(state: StageState): boolean {
  return state === "done" || state === "waived" || state === "verified";
}

/** What is missing before a stage may be completed. */
export function missingToComplete(
  context: JourneyContext,
  stage: StageId,
  rules: JourneyRules,
): Requirement[] {
  const { kinds, need } = completionEvidence(stage, rules);
  const have = evidenceCount(context, kinds);
  return have >= need ? [] : [{ code: "evidence", kind: kinds[0]!, have, need }];
}

/**
 * What is missing before P1 may be verified: its evidence and, under rules that ask for it, every
 * baseline figure. `known` is the figures the participant's record holds, which the journey service
 * reads from the record and puts on the VERIFY event (a caller's own claim is replaced).
 */
export function missingToVerify(
  context: JourneyContext,
  known: readonly string[] | undefined,
  rules: JourneyRules,
): Requirement[] {
  const missing = missingToComplete(context, "registration", rules);
  if (rules.baselineRequired) {
    const fields = BASELINE_FIELDS.filter((field) => !known?.includes(field));
    if (fields.length > 0) missing.push({ code: "baseline", fields });
  }
  return missing;
}

/** What is missing before P2–P6 may start or be waived: P1 verified. */
function missingToOpenMiddle(context: JourneyContext): Requirement[] {
  return context.stages.registration === "verified" ? [] : [{ code: "registration-verified" }];
}

/** The readiness rule for P7 (capital). */
export function missingForCapital(context: JourneyContext, rules: JourneyRules): Requirement[] {
  const missing: Requirement[] = [...missingToOpenMiddle(context)];
  const need = rules.capitalReadiness.minMiddleStagesDoneOrWaived;
  const have = MIDDLE_STAGES.filter((stage) => isDoneOrWaived(context.stages[stage])).length;
  if (have < need) missing.push({ code: "capital-readiness", have, need });
  for (const stage of rules.capitalReadiness.requiredDone) {
    if (context.stages[stage] !== "done") missing.push({ code: "stage-done", stage });
  }
  return missing;
}

export function missingToStart(
  context: JourneyContext,
  stage: StageId,
  rules: JourneyRules,
): Requirement[] {
  if (stage === "registration") return [];
  return stage === "capital" ? missingForCapital(context, rules) : missingToOpenMiddle(context);
}

export function missingToWaive(
  context: JourneyContext,
  stage: StageId,
  reason: string | undefined,
  rules: JourneyRules,
): Requirement[] {
  const missing: Requirement[] = [...missingToOpenMiddle(context)];
  const waivable = (rules.waivableStages[context.track] ?? []) as StageId[];
  if (!waivable.includes(stage)) missing.push({ code: "not-waivable", stage, track: context.track });
  if (!reason?.trim()) missing.push({ code: "reason-required" });
  return missing;
}

export function missingReason(reason: string | undefined): Requirement[] {
  return reason?.trim() ? [] : [{ code: "reason-required" }];
}

/** Sending a stage back needs a reason, and P7 not yet opened: the stages that opened it stay as they are. */
export function missingToSendBack(context: JourneyContext, reason: string | undefined): Requirement[] {
  const missing = missingReason(reason);
  if (context.stages.capital !== "not_started") missing.push({ code: "capital-not-started" });
  return missing;
}

/** A participant's furthest stage: the highest of P1–P7 done or waived (0 when none). */
export function furthestStage(stages: Record<StageId, StageState>): number {
  let furthest = 0;
  STAGES.forEach((stage, index) => {
    if (isDoneOrWaived(stages[stage])) furthest = index + 1;
  });
  return furthest;
}
