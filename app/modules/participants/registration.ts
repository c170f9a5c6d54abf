// The registration forms (P1): self-registration on the web (/daftar) and a mentor's walk-in entry
// (/peserta/baru). One zod schema each, shared by the action and the page. Error messages are
// message keys, translated where they are shown. The rules are DESIGN.md's "Registration rules (P1)".
import type { TFunction } from "i18next";
import { TRACKS } from "../../../machines/stages";
import { SECTORS, type DomicileBasis, type Sector } from "../../../machines/vocabulary";
import { z } from "zod";
import { baselineFields } from "./baseline";
import { nameField } from "../identity/names";
import { isDkiNik, nikProblem, type NikProblem } from "../identity/nik";


/** A sector in the interface language (the column is plain text: a value outside the list shows as stored). */
export function sectorLabel(t: TFunction, sector: string): string {
  return (SECTORS as readonly string[]).includes(sector) ? t(`registration.sectorOption.${sector as Sector}`) : sector;
}

/** How someone without a DKI Jakarta KTP qualifies; "none" is an honest answer that is refused. */
export const NON_DKI_BASES = ["lurah_letter", "partner_programme", "none"] as const;

/** Mirrors PASSWORD_MIN_LENGTH / PASSWORD_MAX_LENGTH in auth/password.server.ts (this file is also bundled for the browser). */
const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_LENGTH = 256;

const NIK_MESSAGES: Record<NikProblem, string> = {
  digits: "registration.nik.digits",
  length: "registration.nik.length",
  province: "registration.nik.province",
  "birth-day": "registration.nik.birthDay",
  "birth-month": "registration.nik.birthMonth",
};

const required = { required_error: "validation.required" };
const choose = { errorMap: () => ({ message: "validation.choose" }) };
/** Names are cleaned of invisible and direction-changing characters before they are checked (identity/names.ts). */
const name = nameField;

const participantFields = {
  fullName: name(120),
  nik: z
    .string(required)
    // People type NIKs with spaces or dots between groups of digits: those are not part of the number.
    .transform((value) => value.replace(/[\s.-]/g, ""))
    .superRefine((value, ctx) => {
      const problem = nikProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: NIK_MESSAGES[problem] });
    }),
  phone: z
    .string(required)
    .transform((value) => value.replace(/[\s-]/g, ""))
    .refine((value) => /^(\+62|62|0)8\d{7,12}$/.test(value), "registration.phoneInvalid"),
  domicileBasis: z.enum(NON_DKI_BASES, choose).optional(),
  track: z.enum(TRACKS, choose),
  businessName: name(120),
  sector: z.enum(SECTORS, choose),
  districtId: z.number({ required_error: "validation.choose", invalid_type_error: "validation.choose" }).int().positive("validation.choose"),
  businessPlan: z.boolean().optional(),
  developmentPlan: z.boolean().optional(),
  ownershipProof: z.boolean().optional(),
  ...baselineFields,
};

type ParticipantFields = z.infer<z.ZodObject<typeof participantFields>>;

function registrationRules(value: ParticipantFields, ctx: z.RefinementCtx) {
  // Without a DKI KTP: two years living and working in Jakarta (lurah's letter) or a partner programme.
  if (nikProblem(value.nik) === null && !isDkiNik(value.nik)) {
    if (!value.domicileBasis) {
      ctx.addIssue({ code: "custom", path: ["domicileBasis"], message: "registration.domicileRequired" });
    } else if (value.domicileBasis === "none") {
      ctx.addIssue({ code: "custom", path: ["domicileBasis"], message: "registration.domicileRefused" });
    }
  }
  if (value.track === "pemula" && !value.businessPlan) {
    ctx.addIssue({ code: "custom", path: ["businessPlan"], message: "registration.documentsRequired.businessPlanRequired" });
  }
  if (value.track === "naik_kelas") {
    if (!value.developmentPlan) {
      ctx.addIssue({ code: "custom", path: ["developmentPlan"], message: "registration.documentsRequired.developmentPlanRequired" });
    }
    if (!value.ownershipProof) {
      ctx.addIssue({ code: "custom", path: ["ownershipProof"], message: "registration.documentsRequired.ownershipProofRequired" });
    }
  }
}

/** A mentor's walk-in entry at the district office: no account is created. */
export const walkInSchema = z.object(participantFields).superRefine(registrationRules);
export type WalkInValue = z.infer<typeof walkInSchema>;

/** Self-registration on the web: the participant plus the person's own account. */
export const selfRegistrationSchema = z
  .object({
    ...participantFields,
    email: z.string(required).trim().max(254, "validation.tooLong").email("validation.emailInvalid"),
    password: z
      .string(required)
      .min(PASSWORD_MIN_LENGTH, "registration.passwordTooShort")
      .max(PASSWORD_MAX_LENGTH, "validation.tooLong"),
  })
  .superRefine(registrationRules);
export type SelfRegistrationValue = z.infer<typeof selfRegistrationSchema>;

/** The domicile basis stored for a valid form: a DKI NIK is its own basis. */
export function domicileBasisOf(value: ParticipantFields): DomicileBasis {
  if (isDkiNik(value.nik)) return "ktp_dki";
  if (value.domicileBasis === "lurah_letter" || value.domicileBasis === "partner_programme") return value.domicileBasis;
  throw new Error("A registration without a domicile basis must not pass the schema");
}

/** The documents statement recorded as P1's evidence (kept in the programme's language). */
export function documentsStatementOf(value: ParticipantFields): string {
  return value.track === "pemula"
    ? "Menyatakan memiliki rencana usaha."
    : "Menyatakan memiliki rencana pengembangan usaha dan bukti kepemilikan usaha.";
}
