// Recording one training session or one mentoring meeting for many participants at once: the form's
// schema (shared by the action and the component) and the per-participant outcome, both sides.
// The typed fields are the single-participant form's own field rules (forms.ts), so both refuse the
// same input for the same reason.
import { z } from "zod";
import type { Requirement } from "../../../machines/journey.requirements";
import { EVIDENCE_KINDS, type StageId, type StageState } from "../../../machines/stages";
import type { JourneyErrorCode } from "../journey/errors";
import { notesField, occurredOnField, skillField, topicField, trainingPartnerField } from "./forms";

/** At most this many participants in one request: a cohort fits, a whole district does not. */
export const BULK_LIMIT = 200;

export const BULK_ACTIVITIES = ["training", "mentoring"] as const;
export type BulkActivity = (typeof BULK_ACTIVITIES)[number];

/** The stage and evidence kind each activity records. */
export const BULK_EVIDENCE = {
  training: { stage: "training", kind: EVIDENCE_KINDS.training[0] },
  mentoring: { stage: "mentoring", kind: EVIDENCE_KINDS.mentoring[0] },
} as const satisfies Record<BulkActivity, { stage: StageId; kind: string }>;

const choose = { errorMap: () => ({ message: "validation.choose" }) };

export const bulkFormSchema = z
  .object({
    activity: z.enum(BULK_ACTIVITIES, choose),
    occurredOn: occurredOnField,
    topic: topicField,
    // Training only.
    skill: skillField,
    organisationId: trainingPartnerField,
    // Mentoring only.
    notes: notesField,
    /** Then complete the stage for those whose evidence now suffices. */
    complete: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.activity === "training" && !value.skill) ctx.addIssue({ code: "custom", path: ["skill"], message: "validation.choose" });
  });
export type BulkFormValue = z.infer<typeof bulkFormSchema>;

/** The details stored for each participant (the contract's fields of that kind, nothing else). */
export function bulkEvidenceDetails(value: BulkFormValue, partnerName?: string): Record<string, string | number> {
  const details: Record<string, string | number | undefined> =
    value.activity === "training"
      ? { topic: value.topic, skill: value.skill, organisationId: value.organisationId, partnerName }
      : { topic: value.topic, notes: value.notes };
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined && v !== "")) as Record<string, string | number>;
}

/** Why one participant's evidence or completion was refused: the service's code and the machine's words. */
export type BulkRefusal = {
  code: JourneyErrorCode;
  missing: Requirement[];
  /** The stage's state when refused (explains a refusal the machine gives no requirement for, e.g. already done). */
  stageState: StageState | null;
};

/** What happened to one participant. Stored as is (no personal data) and shown on the result page. */
export type BulkOutcome = {
  participantId: number;
  recorded: boolean;
  /** null: completing was not asked for (or nothing was recorded). */
  completed: boolean | null;
  refusal: BulkRefusal | null;
};
