// The seven stages of the JakPreneur "7 langkah PAS" formula, in programme order.
// Shared by the machine, the database columns and the UI; no I/O.

export const STAGES = [
  "registration",
  "training",
  "mentoring",
  "licensing",
  "marketing",
  "financial_reporting",
  "capital",
] as const;

export type StageId = (typeof STAGES)[number];

/** P2–P6: the stages that run as parallel regions once P1 is verified. */
export const MIDDLE_STAGES = [
  "training",
  "mentoring",
  "licensing",
  "marketing",
  "financial_reporting",
] as const satisfies readonly StageId[];

export type MiddleStageId = (typeof MIDDLE_STAGES)[number];

/** "P1" … "P7". */
export function stageCode(stage: StageId): string {
  return `P${STAGES.indexOf(stage) + 1}`;
}

/** 1 … 7 */
export function stageNumber(stage: StageId): number {
  return STAGES.indexOf(stage) + 1;
}

export function isStageId(value: unknown): value is StageId {
  return typeof value === "string" && (STAGES as readonly string[]).includes(value);
}

export const TRACKS = ["pemula", "naik_kelas"] as const;
export type Track = (typeof TRACKS)[number];

export const STATUSES = ["active", "on_hold", "withdrawn", "graduated"] as const;
export type ParticipantStatus = (typeof STATUSES)[number];

/**
 * A status, or "dormant" for the active who are dormant (a classification by time the machine does
 * not know): how the list's filter and the tallies split people.
 */
export const PHASES = [...STATUSES, "dormant"] as const;
export type Phase = (typeof PHASES)[number];

/**
 * The state of one stage as stored in the denormalised columns.
 * P1 uses submitted / verified / rejected; P2–P7 use not_started / in_progress / done / waived.
 */
export const P1_STATES = ["submitted", "verified", "rejected"] as const;
export const STAGE_COLUMN_STATES = ["not_started", "in_progress", "done", "waived"] as const;
export const STAGE_STATES = [...P1_STATES, ...STAGE_COLUMN_STATES] as const;
export type StageState = (typeof STAGE_STATES)[number];

/** Evidence kinds, by stage. Which of them count towards completing a stage is decided in the machine. */
export const EVIDENCE_KINDS = {
  registration: ["documents"],
  training: ["training_attended"],
  mentoring: ["mentoring_session"],
  licensing: ["licence"],
  marketing: ["marketing_channel"],
  financial_reporting: ["financial_report"],
  capital: ["capital_applied", "capital_approved", "capital_disbursed", "capital_rejected"],
} as const satisfies Record<StageId, readonly string[]>;

export type EvidenceKind = (typeof EVIDENCE_KINDS)[StageId][number];

export function isEvidenceKindOf(stage: StageId, kind: string): kind is EvidenceKind {
  return (EVIDENCE_KINDS[stage] as readonly string[]).includes(kind);
}
