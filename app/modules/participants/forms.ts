// The participant page's forms: one zod schema each, shared by the action (server validation) and
// the component (Conform). Error messages are message keys, translated where they are shown.
import { z } from "zod";
import { EVIDENCE_KINDS, STAGES, isEvidenceKindOf, type EvidenceKind, type StageId } from "../../../machines/stages";
import { MOVE_EVENTS, needsReason, needsStage } from "./moves";

export const LICENCE_TYPES = ["nib", "p_irt", "halal", "trademark", "hki", "other"] as const;
export const MARKETING_CHANNELS = ["marketplace", "bazaar", "e_order", "offline_outlet", "social_media"] as const;
export const CAPITAL_KINDS = ["capital_applied", "capital_approved", "capital_disbursed", "capital_rejected"] as const;

/** Stages whose evidence is recorded on the participant page (P1's documents come with the registration). */
export const EVIDENCE_STAGES = ["training", "mentoring", "licensing", "marketing", "financial_reporting", "capital"] as const;
export type EvidenceStage = (typeof EVIDENCE_STAGES)[number];

export function isEvidenceStage(stage: StageId): stage is EvidenceStage {
  return (EVIDENCE_STAGES as readonly string[]).includes(stage);
}

const ALL_EVIDENCE_KINDS = Object.values(EVIDENCE_KINDS).flat() as [EvidenceKind, ...EvidenceKind[]];

const choose = { errorMap: () => ({ message: "validation.choose" }) };
const text = (max: number) => z.string().trim().max(max, "validation.tooLong").optional();
const rupiah = z
  .number({ invalid_type_error: "validation.amountInvalid" })
  .int("validation.amountInvalid")
  .min(0, "validation.amountInvalid")
  .max(1_000_000_000_000, "validation.amountInvalid")
  .optional();
const version = z.number({ invalid_type_error: "validation.invalidRequest", required_error: "validation.invalidRequest" }).int().min(1);
const formId = z.string().max(80);

export const moveFormSchema = z
  .object({
    intent: z.literal("move"),
    formId,
    version,
    event: z.enum(MOVE_EVENTS, choose),
    stage: z.enum(STAGES, choose).optional(),
    reason: text(500),
  })
  .superRefine((value, ctx) => {
    if (needsReason(value.event) && !value.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "validation.reasonRequired" });
    }
    if (needsStage(value.event) && !value.stage) {
      ctx.addIssue({ code: "custom", path: ["stage"], message: "validation.choose" });
    }
  });
export type MoveFormValue = z.infer<typeof moveFormSchema>;

/** Today in Jakarta (the programme's time zone), as YYYY-MM-DD. */
export function todayInJakarta(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(now);
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const evidenceFormSchema = z
  .object({
    intent: z.literal("evidence"),
    formId,
    version,
    stage: z.enum(EVIDENCE_STAGES, choose),
    kind: z.enum(ALL_EVIDENCE_KINDS, choose),
    occurredOn: z
      .string({ required_error: "validation.required" })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.dateInvalid")
      .refine((value) => isRealDate(value) && value >= "2000-01-01", "validation.dateInvalid")
      .refine((value) => value <= todayInJakarta(), "validation.dateInFuture"),
    topic: text(200),
    licenceType: z.enum(LICENCE_TYPES, choose).optional(),
    licenceNumber: text(100),
    channel: z.enum(MARKETING_CHANNELS, choose).optional(),
    note: text(500),
    period: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "validation.periodInvalid")
      .optional(),
    turnover: rupiah,
    lender: text(200),
    amount: rupiah,
  })
  .superRefine((value, ctx) => {
    const require = (path: keyof typeof value, message = "validation.required") => {
      if (value[path] === undefined || value[path] === "") ctx.addIssue({ code: "custom", path: [path], message });
    };
    if (!isEvidenceKindOf(value.stage, value.kind)) {
      ctx.addIssue({ code: "custom", path: ["kind"], message: "validation.choose" });
    }
    switch (value.stage) {
      case "training":
      case "mentoring":
        require("topic");
        break;
      case "licensing":
        require("licenceType", "validation.choose");
        break;
      case "marketing":
        require("channel", "validation.choose");
        break;
      case "financial_reporting":
        require("period");
        require("turnover");
        break;
      case "capital":
        require("lender");
        if (value.kind === "capital_approved" || value.kind === "capital_disbursed") require("amount");
        break;
    }
  });
export type EvidenceFormValue = z.infer<typeof evidenceFormSchema>;

/** The evidence kind a stage's form records when the person does not choose one. */
export function defaultEvidenceKind(stage: EvidenceStage): EvidenceKind {
  return EVIDENCE_KINDS[stage][0];
}

/** What is stored in stage_evidence.details for a recorded form: only the fields of that stage. */
export function evidenceDetails(value: EvidenceFormValue): Record<string, string | number> {
  const details: Record<string, string | number | undefined> = (() => {
    switch (value.stage) {
      case "training":
      case "mentoring":
        return { topic: value.topic, note: value.note };
      case "licensing":
        return { type: value.licenceType, number: value.licenceNumber };
      case "marketing":
        return { channel: value.channel, note: value.note };
      case "financial_reporting":
        return { period: value.period, turnover: value.turnover };
      case "capital":
        return { lender: value.lender, amount: value.amount, note: value.note };
    }
  })();
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined && v !== "")) as Record<
    string,
    string | number
  >;
}
