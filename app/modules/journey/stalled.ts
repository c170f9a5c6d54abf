// The stall rule (DESIGN.md "Stalled work"), as a pure function for one participant.
// stalled.server.ts holds the same rule as SQL for lists and counts; a test keeps the two equal.
import { STAGES, stageNumber, type StageId } from "../../../machines/stages";

export type StallSettings = {
  /** Nothing recorded for this many days → stalled. */
  inactivityDays: number;
  /** A stage open longer than its limit → stalled. */
  stageLimitDays: Record<StageId, number>;
  /** A cohort is stalled when its share of stalled active members passes this (0–1). */
  cohortThreshold: number;
};

export const DAY_MS = 86_400_000;

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

/** Why a participant is stalled (empty when they are not). Only active participants stall. */
export function stallReasons(p: StallColumns, settings: StallSettings, now: number): StallReason[] {
  if (p.status !== "active") return [];
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
