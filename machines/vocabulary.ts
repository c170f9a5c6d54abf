// The programme's closed lists of values, declared once: the database's enum columns (db/schema.ts),
// the forms' zod enums, the labels (locales keyed by these values) and the generator all use these
// tuples. The journey's own words (stages, tracks, statuses, stage states, evidence kinds) are in
// stages.ts. Adding or renaming a value here changes a column's CHECK, so it needs a migration. No I/O.

export const ROLES = ["coordinator", "mentor", "entrepreneur", "partner"] as const;
export type Role = (typeof ROLES)[number];

/** What kind of partner organisation (collaborator) it is. */
export const ORGANISATION_KINDS = [
  "government",
  "university",
  "marketplace",
  "bank",
  "financial_institution",
  "csr",
  "ngo",
  "community",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** A cooperation agreement: memorandum of understanding or cooperation agreement (MoU / PKS). */
export const AGREEMENT_KINDS = ["mou", "pks"] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/** Why a participant may join a Jakarta programme: a DKI KTP, a lurah's letter, or a partner's programme. */
export const DOMICILE_BASES = ["ktp_dki", "lurah_letter", "partner_programme"] as const;
export type DomicileBasis = (typeof DOMICILE_BASES)[number];
/** How a registration came in. */
export const REGISTRATION_CHANNELS = ["web", "office", "import"] as const;
/** Evidence recorded by a mentor is recorded; an entrepreneur's own report waits for review. */
export const EVIDENCE_STATUSES = ["recorded", "pending", "declined"] as const;

/** A business's sector, as mentors name them. */
export const SECTORS = ["kuliner", "fesyen", "kriya", "jasa", "pertanian_perkotaan", "perdagangan"] as const;
export type Sector = (typeof SECTORS)[number];

/** Whom a stalled participant waits on, in the order the stall note form offers them. */
export const WAITS_ON = ["entrepreneur", "mentor", "partner", "bank"] as const;
export type WaitsOn = (typeof WAITS_ON)[number];

// The values of the evidence details contract (stage_evidence.details), in the order forms offer them.
/** A training's skill (P2). */
export const TRAINING_SKILLS = ["hard", "soft"] as const;
/** A licence's type (P4). */
export const LICENCE_TYPES = ["nib", "p_irt", "trademark", "hki", "halal"] as const;
export type LicenceType = (typeof LICENCE_TYPES)[number];
/** A marketing channel (P5). */
export const MARKETING_CHANNELS = ["offline_outlet", "bazaar", "marketplace", "e_order"] as const;

// Files attached to evidence and to the P1 verification (the files table).
/** What a file shows: stage evidence, or one of the documents a mentor checks at P1 verification. */
export const FILE_PURPOSES = ["evidence", "ktp", "family_card", "domicile_letter", "business_plan"] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];
/**
 * What is stored: every accepted image is re-encoded to JPEG (which drops EXIF and GPS), a PDF is
 * kept as it came. The type is decided by the file's first bytes, never by its name or header.
 */
export const STORED_FILE_TYPES = ["image/jpeg", "application/pdf"] as const;
export type StoredFileType = (typeof STORED_FILE_TYPES)[number];

// The collaboration survey.
/** Who answers a survey round. Agency staff are the coordinators (the agencies' programme staff). */
export const RESPONDENT_GROUPS = ["mentor", "agency_staff", "partner_staff", "entrepreneur"] as const;
export type RespondentGroup = (typeof RESPONDENT_GROUPS)[number];
/** A round asks the whole province, or a list of districts. */
export const SURVEY_SCOPES = ["province", "districts"] as const;
export type SurveyScope = (typeof SURVEY_SCOPES)[number];
/** A response is a draft until sent; both may change until the round closes. */
export const SURVEY_RESPONSE_STATUSES = ["draft", "submitted"] as const;
export type SurveyResponseStatus = (typeof SURVEY_RESPONSE_STATUSES)[number];

/** How a message (a one-time code, a link) reaches a person: email, or a text to their phone (SMS/WhatsApp). */
export const OUTBOX_CHANNELS = ["email", "phone"] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];
/**
 * What a one-time code or link is for. "account_invite" is the link a mentor sends a walk-in by
 * WhatsApp; "account_claim" the code that proves the person holds the phone before the account is made;
 * "mfa_login" the short-lived ticket between a right password and the authenticator code.
 */
export const ONE_TIME_PURPOSES = ["signup", "phone_login", "password_reset", "account_invite", "account_claim", "mfa_login"] as const;
export type OneTimePurpose = (typeof ONE_TIME_PURPOSES)[number];

// Background imports and the person's requests about their data.
/** A queued import waits, runs in one server process, then is done (with its report) or failed. */
export const IMPORT_JOB_STATUSES = ["queued", "running", "done", "failed"] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];
/** What a participant asks about their data: a correction (to their mentor) or erasure (to the province). */
export const DATA_REQUEST_KINDS = ["correction", "erasure"] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];
/** A request is open until handled: done, or declined with a reason. */
export const DATA_REQUEST_STATUSES = ["open", "done", "declined"] as const;
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number];

// Business figures and classes (PP 7/2021), the outcomes the programme is judged by.
/** A business's class by its capital or annual sales; "besar" is above every threshold. */
export const BUSINESS_CLASSES = ["mikro", "kecil", "menengah", "besar"] as const;
export type BusinessClass = (typeof BUSINESS_CLASSES)[number];
/** A climb (naik kelas): a higher class than ever before, or an informal business getting its NIB. */
export const CLIMB_KINDS = ["class", "nib"] as const;
export type ClimbKind = (typeof CLIMB_KINDS)[number];

// After the programme and the lenders' pipeline.
/** Follow-ups are due this many months after a person leaves the programme (graduated or withdrawn). */
export const FOLLOW_UP_MONTHS = [3, 6, 12] as const;
export type FollowUpMonths = (typeof FOLLOW_UP_MONTHS)[number];
/** How a person left the programme: graduated, or withdrawn before completing it. */
export const PROGRAMME_EXITS = ["graduated", "withdrawn"] as const;
export type ProgrammeExit = (typeof PROGRAMME_EXITS)[number];
/**
 * Where a loan stands at the lender, in the order it moves: applied, approved, disbursed; rejected
 * ends it at any point before disbursement.
 */
export const LOAN_STATUSES = ["applied", "approved", "disbursed", "rejected"] as const;
export type LoanStatus = (typeof LOAN_STATUSES)[number];
/**
 * OJK's collectability of a loan (kolektibilitas 1–5), in order: lancar, dalam perhatian khusus,
 * kurang lancar, diragukan, macet. A repayment word only: a participant who stopped moving is
 * "stalled", never collectability 5.
 */
export const COLLECTABILITY = ["current", "special_mention", "substandard", "doubtful", "loss"] as const;
export type Collectability = (typeof COLLECTABILITY)[number];
