// The participant page's forms: one zod schema each, shared by the action (server validation) and
// the component (Conform). Error messages are message keys, translated where they are shown.
import { z } from "zod";
import { EVIDENCE_KINDS, STAGES, isEvidenceKindOf, type EvidenceKind, type StageId } from "../../../machines/stages";
import { LICENCE_TYPES, MARKETING_CHANNELS, TRAINING_SKILLS } from "../../../machines/vocabulary";
import { hasLicenceFormat, normaliseLicenceNumber } from "./licences";
import { jakartaDate } from "../i18n/jakarta";
import { MOVE_EVENTS, needsReason, needsStage } from "../journey/moves";
import { rupiahField } from "./rupiah";

/** The largest rupiah figure a form accepts (a thousand billion): anything larger is a typing slip. */
export const MAX_RUPIAH = 1_000_000_000_000;
export const MAX_WORKERS = 100_000;

/** Stages whose evidence is recorded on the participant page (P1's documents come with the registration). */
export const EVIDENCE_STAGES = ["training", "mentoring", "licensing", "marketing", "financial_reporting", "capital"] as const;
export type EvidenceStage = (typeof EVIDENCE_STAGES)[number];

export function isEvidenceStage(stage: StageId): stage is EvidenceStage {
  return (EVIDENCE_STAGES as readonly string[]).includes(stage);
}

const ALL_EVIDENCE_KINDS = Object.values(EVIDENCE_KINDS).flat() as [EvidenceKind, ...EvidenceKind[]];

const choose = { errorMap: () => ({ message: "validation.choose" }) };
const text = (max: number) => z.string().trim().max(max, "validation.tooLong").optional();
const wholeNumber = (max: number, message: string) =>
  z
    .number({ invalid_type_error: message })
    .int(message)
    .min(0, message)
    .max(max, message)
    .optional();
const rupiah = rupiahField({ max: MAX_RUPIAH }).optional();
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

/** A real calendar day written YYYY-MM-DD, from 2000 on (an earlier one is a typing slip). */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && value >= "2000-01-01";
}

// The field rules every form that records evidence shares (this page's, the bulk form's, partner
// staff's outcomes), so that a date, a topic or a skill is refused for the same reason everywhere.

/** The day something happened: a real day, not after today in Jakarta. */
export const occurredOnField = z.string({ required_error: "validation.required" }).superRefine((value, ctx) => {
  const message = !isRealDate(value) ? "validation.dateInvalid" : value > jakartaDate() ? "validation.dateInFuture" : null;
  if (message) ctx.addIssue({ code: "custom", message });
});
/** What a training or mentoring session was about. */
export const topicField = z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong");
/** A training's skill (contract: "hard" | "soft"); which stages require it is each form's rule. */
export const skillField = z.enum(TRAINING_SKILLS, choose).optional();
/** A mentoring session's notes. */
export const notesField = text(1000);
/** The organisation that gave a training, when one did. */
export const trainingPartnerField = z.number({ invalid_type_error: "validation.choose" }).int("validation.choose").positive("validation.choose").optional();

/** This month in Jakarta, as YYYY-MM: a financial report cannot cover a month that has not begun. */
function thisMonthInJakarta(now = new Date()): string {
  return jakartaDate(now).slice(0, 7);
}

/**
 * Evidence for one stage. One schema for every stage's form (the stage is a hidden field); which
 * fields are required follows the evidence details contract for that stage.
 */
export const evidenceFormSchema = z
  .object({
    intent: z.literal("evidence"),
    formId,
    version,
    stage: z.enum(EVIDENCE_STAGES, choose),
    kind: z.enum(ALL_EVIDENCE_KINDS, choose),
    occurredOn: occurredOnField,
    // P2 training, P3 mentoring
    topic: topicField.optional(),
    skill: skillField,
    organisationId: trainingPartnerField,
    notes: notesField,
    /** Why a second mentoring session is recorded for a day that already has one. */
    sameDayReason: text(500),
    // P4 licence
    licenceType: z.enum(LICENCE_TYPES, choose).optional(),
    licenceNumber: text(100),
    issuer: text(200),
    /** The last day the licence is valid, when it has one (a NIB does not expire). */
    expiresOn: z.string().optional(),
    // P5 marketing channel
    channel: z.enum(MARKETING_CHANNELS, choose).optional(),
    channelName: text(200),
    // P6 financial report
    period: z
      .string()
      .superRefine((value, ctx) => {
        const message = !/^\d{4}-(0[1-9]|1[0-2])$/.test(value) || value < "2000-01"
          ? "validation.periodInvalid"
          : value > thisMonthInJakarta()
            ? "validation.periodInFuture"
            : null;
        if (message) ctx.addIssue({ code: "custom", message });
      })
      .optional(),
    turnover: rupiah,
    assets: rupiah,
    workers: wholeNumber(MAX_WORKERS, "validation.workersInvalid"),
    // P7 capital outcome
    lender: text(200),
    product: text(200),
    amount: rupiah,
    /** Why the lender turned the loan down (required for a rejection). */
    rejectionReason: text(500),
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
        require("topic");
        require("skill", "validation.choose");
        break;
      case "mentoring":
        require("topic");
        break;
      case "licensing":
        require("licenceType", "validation.choose");
        require("licenceNumber");
        require("issuer");
        if (value.licenceType && value.licenceNumber && !hasLicenceFormat(value.licenceType, normaliseLicenceNumber(value.licenceType, value.licenceNumber))) {
          ctx.addIssue({ code: "custom", path: ["licenceNumber"], message: `validation.licenceNumber.${value.licenceType}` });
        }
        if (value.expiresOn) {
          const message = !isRealDate(value.expiresOn)
            ? "validation.dateInvalid"
            : value.expiresOn <= value.occurredOn
              ? "validation.expiryBeforeIssue"
              : null;
          if (message) ctx.addIssue({ code: "custom", path: ["expiresOn"], message });
        }
        break;
      case "marketing":
        require("channel", "validation.choose");
        break;
      case "financial_reporting":
        require("period");
        require("turnover");
        require("assets");
        require("workers");
        break;
      case "capital":
        require("lender");
        require("product");
        if (value.kind === "capital_approved" || value.kind === "capital_disbursed") require("amount");
        if (value.kind === "capital_rejected") require("rejectionReason");
        break;
    }
  });
export type EvidenceFormValue = z.infer<typeof evidenceFormSchema>;

/** The evidence kind a stage's form records when the person does not choose one. */
export function defaultEvidenceKind(stage: EvidenceStage): EvidenceKind {
  return EVIDENCE_KINDS[stage][0];
}

export type EvidenceDetailValue = string | number;

/**
 * What is stored in stage_evidence.details for a recorded form: exactly the fields of that stage's
 * contract. `partnerName` is the name of the chosen training partner, looked up by the server.
 */
export function evidenceDetails(value: EvidenceFormValue, partnerName?: string): Record<string, EvidenceDetailValue> {
  const details: Record<string, EvidenceDetailValue | undefined> = (() => {
    switch (value.stage) {
      case "training":
        return { topic: value.topic, skill: value.skill, organisationId: value.organisationId, partnerName };
      case "mentoring":
        return { topic: value.topic, notes: value.notes, sameDayReason: value.sameDayReason };
      case "licensing": {
        const number = value.licenceType && value.licenceNumber ? normaliseLicenceNumber(value.licenceType, value.licenceNumber) : value.licenceNumber;
        return { type: value.licenceType, number, issuer: value.issuer, expiresOn: value.expiresOn };
      }
      case "marketing":
        return { channel: value.channel, name: value.channelName };
      case "financial_reporting":
        return { period: value.period, turnover: value.turnover, assets: value.assets, workers: value.workers };
      case "capital":
        return {
          lender: value.lender,
          product: value.product,
          amount: value.amount,
          reason: value.kind === "capital_rejected" ? value.rejectionReason : undefined,
        };
    }
  })();
  return Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined && v !== "")) as Record<
    string,
    EvidenceDetailValue
  >;
}
