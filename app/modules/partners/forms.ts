// The partner forms: one zod schema each, shared by the action (server validation) and the page
// (Conform). Error messages are message keys, translated where they are shown.
import { z } from "zod";
import { EVIDENCE_KINDS, MIDDLE_STAGES, type StageId } from "../../../machines/stages";
import { AGREEMENT_KINDS, LICENCE_TYPES, ORGANISATION_KINDS } from "../../../machines/vocabulary";
import { isRealDate, MAX_RUPIAH, occurredOnField, skillField, topicField } from "../participants/forms";
import { rupiahField } from "../participants/rupiah";

/** Stages a partner can be attached to: P2–P7 (P1 is the district office's own work). */
export const PARTNER_STAGES = [...MIDDLE_STAGES, "capital"] as const satisfies readonly StageId[];
export type PartnerStage = (typeof PARTNER_STAGES)[number];

/** The outcomes partner staff record, by the stage of the referral. Other stages' evidence is the mentor's. */
export const OUTCOME_STAGES = ["training", "licensing", "capital"] as const satisfies readonly PartnerStage[];
export type OutcomeStage = (typeof OUTCOME_STAGES)[number];

const required = { required_error: "validation.required" };
const choose = { errorMap: () => ({ message: "validation.choose" }) };
const name = (max: number) => z.string(required).trim().min(1, "validation.required").max(max, "validation.tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "validation.tooLong").optional();
const id = z.number({ required_error: "validation.choose", invalid_type_error: "validation.choose" }).int().positive("validation.choose");
const version = z.number({ invalid_type_error: "validation.invalidRequest", required_error: "validation.invalidRequest" }).int().min(1);

const isoDate = z.string(required).refine(isRealDate, "validation.dateInvalid");

export const organisationSchema = z.object({
  intent: z.literal("organisation"),
  name: name(160),
  kind: z.enum(ORGANISATION_KINDS, choose),
  contactName: optionalText(120),
  contactEmail: z.string().trim().max(200, "validation.tooLong").email("validation.emailInvalid").optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^\+?[\d\s-]{6,20}$/, "partners.validation.phoneInvalid")
    .optional(),
});
export type OrganisationValue = z.infer<typeof organisationSchema>;

export const agreementSchema = z
  .object({
    intent: z.literal("agreement"),
    kind: z.enum(AGREEMENT_KINDS, choose),
    number: name(120),
    signedOn: occurredOnField,
    validUntil: isoDate,
    stages: z.array(z.enum(PARTNER_STAGES, choose), { required_error: "partners.validation.stagesRequired" }).min(1, "partners.validation.stagesRequired"),
    /** None chosen: the agreement covers every district. */
    districts: z.array(id).optional(),
  })
  .refine((value) => value.validUntil >= value.signedOn, { path: ["validUntil"], message: "partners.validation.validBeforeSigned" });
export type AgreementValue = z.infer<typeof agreementSchema>;

export const attachmentSchema = z.object({
  intent: z.literal("attach"),
  stage: z.enum(PARTNER_STAGES, choose),
  agreementId: id,
  districtId: id.optional(),
  offer: name(300),
});
export type AttachmentValue = z.infer<typeof attachmentSchema>;

export const referralSchema = z.object({
  /** The offer (a stage attachment) the participant is referred to: it names the organisation and the stage. */
  stagePartnerId: id,
});
export type ReferralValue = z.infer<typeof referralSchema>;

/**
 * What partner staff record for a referral. The stage travels with the form so that the page can
 * check it at once; the server checks it is the referral's own stage.
 */
export const outcomeSchema = z
  .object({
    referralId: id,
    stage: z.enum(OUTCOME_STAGES, choose),
    version,
    occurredOn: occurredOnField,
    topic: topicField.optional(),
    skill: skillField,
    licenceType: z.enum(LICENCE_TYPES, choose).optional(),
    licenceNumber: optionalText(100),
    loanStatus: z.enum(EVIDENCE_KINDS.capital, choose).optional(),
    product: optionalText(120),
    amount: rupiahField({ min: 1, max: MAX_RUPIAH }).optional(),
  })
  .superRefine((value, ctx) => {
    const need = (field: keyof typeof value, message = "validation.required") => {
      if (value[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message });
    };
    switch (value.stage) {
      case "training":
        need("topic");
        need("skill", "validation.choose");
        break;
      case "licensing":
        need("licenceType", "validation.choose");
        need("licenceNumber");
        break;
      case "capital":
        need("loanStatus", "validation.choose");
        need("product");
        if (value.loanStatus === "capital_approved" || value.loanStatus === "capital_disbursed") need("amount");
        break;
    }
  });
export type OutcomeValue = z.infer<typeof outcomeSchema>;

export function isOutcomeStage(stage: string): stage is OutcomeStage {
  return (OUTCOME_STAGES as readonly string[]).includes(stage);
}

/** An agreement is expired once the day after its valid-until date has begun in Jakarta. */
export function isExpired(validUntil: string, today: string): boolean {
  return validUntil < today;
}
