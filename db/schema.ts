// The whole database, one file: tables first, then relations.
// Timestamps are integer milliseconds since the epoch (UTC). Journey data uses ON DELETE RESTRICT:
// nothing may silently take a participant's history with it.
import { relations, sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { P1_STATES, STAGE_COLUMN_STATES, STATUSES, TRACKS } from "../machines/stages";
import {
  AGREEMENT_KINDS,
  COLLECTABILITY,
  BUSINESS_CLASSES,
  CLIMB_KINDS,
  DATA_REQUEST_KINDS,
  DATA_REQUEST_STATUSES,
  DOMICILE_BASES,
  EVIDENCE_STATUSES,
  FILE_PURPOSES,
  FOLLOW_UP_MONTHS,
  IMPORT_JOB_STATUSES,
  LOAN_STATUSES,
  ONE_TIME_PURPOSES,
  ORGANISATION_KINDS,
  OUTBOX_CHANNELS,
  PROGRAMME_EXITS,
  REGISTRATION_CHANNELS,
  RESPONDENT_GROUPS,
  ROLES,
  STORED_FILE_TYPES,
  SURVEY_RESPONSE_STATUSES,
  SURVEY_SCOPES,
  WAITS_ON,
} from "../machines/vocabulary";

// The enum columns take their values from machines/ (the one vocabulary); these types are re-exported
// for the server modules that name them beside their tables.
export type { Role, WaitsOn } from "../machines/vocabulary";

const createdAt = () =>
  integer("created_at", { mode: "number" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

// ─── Regions ─────────────────────────────────────────────────────────────────

/** A province-level region running the programme (e.g. DKI Jakarta). Regions are data, not code. */
export const regions = sqliteTable("regions", {
  id: integer("id").primaryKey(),
  name: text("name").notNull().unique(),
  /** The two-digit province code that starts the NIK of people with a KTP from this region. */
  provinceCode: text("province_code").notNull(),
});

export const cities = sqliteTable(
  "cities",
  {
    id: integer("id").primaryKey(),
    regionId: integer("region_id")
      .notNull()
      .references(() => regions.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("cities_region_name").on(t.regionId, t.name)],
);

/** A kecamatan. */
export const districts = sqliteTable(
  "districts",
  {
    id: integer("id").primaryKey(),
    cityId: integer("city_id")
      .notNull()
      .references(() => cities.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("districts_city_name").on(t.cityId, t.name)],
);

// ─── Agencies, organisations, people ─────────────────────────────────────────

/** A government agency running the seven steps with its own mentor corps. */
export const agencies = sqliteTable("agencies", {
  id: integer("id").primaryKey(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
});

/** A partner organisation (collaborator). */
export const organisations = sqliteTable("organisations", {
  id: integer("id").primaryKey(),
  name: text("name").notNull().unique(),
  kind: text("kind", { enum: ORGANISATION_KINDS }).notNull(),
  contactName: text("contact_name"),
  contactEmail: text("contact_email"),
  contactPhone: text("contact_phone"),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    passwordHash: text("password_hash").notNull(),
    phone: text("phone"),
    /** Mentors belong to an agency. */
    agencyId: integer("agency_id").references(() => agencies.id, { onDelete: "restrict" }),
    /** Partner staff belong to an organisation. */
    organisationId: integer("organisation_id").references(() => organisations.id, {
      onDelete: "restrict",
    }),
    /** A coordinator's scope: one city, or the whole region when null. */
    cityId: integer("city_id").references(() => cities.id, { onDelete: "restrict" }),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /**
     * The authenticator (TOTP, RFC 6238) secret, AES-GCM encrypted like the NIK; set when enrolment
     * starts. Enrolled only once totp_enrolled_at is set (the first code confirmed it).
     */
    totpSecret: text("totp_secret"),
    totpEnrolledAt: integer("totp_enrolled_at"),
    /** The last 30-second step a code was accepted for: a code is refused for it or any earlier step (no replay). */
    totpLastStep: integer("totp_last_step"),
    createdAt: createdAt(),
  },
  (t) => [index("users_role").on(t.role)],
);

/** One-time recovery codes for a second factor: only their SHA-256 is kept; each works once. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("recovery_codes_user").on(t.userId)],
);

/** Server-side sessions: the cookie holds only the random id. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    /** Absolute lifetime end; the idle timeout is checked against last_seen_at. */
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** Failed sign-ins per account, for throttling (per account, not per IP: offices share an address). */
export const loginFailures = sqliteTable("login_failures", {
  email: text("email").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: integer("last_failure_at").notNull(),
});

/**
 * Fixed-window counters for rate limits (sign-up, sign-in, every anonymous form). In the database so
 * that every server process counts against the same limit; a row is one key's current window.
 */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});

/**
 * Devices that signed in to an account (the cookie holds a random token, the table its SHA-256).
 * Sign-in attempts from such a device are counted apart from everyone else's, so an attacker's
 * guesses slow the account down without locking its owner out.
 */
export const knownDevices = sqliteTable(
  "known_devices",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at").notNull(),
  },
  (t) => [index("known_devices_user").on(t.userId)],
);

/**
 * One-time codes and links: a sign-up's proof of contact, sign-in by phone, a password reset. Only a
 * SHA-256 of the secret is stored. A pending sign-up keeps its form here (NIK encrypted, password
 * hashed) until the code is entered: nothing reaches a mentor before that.
 */
export const oneTimeCodes = sqliteTable(
  "one_time_codes",
  {
    id: integer("id").primaryKey(),
    purpose: text("purpose", { enum: ONE_TIME_PURPOSES }).notNull(),
    secretHash: text("secret_hash").notNull(),
    /** Where it was sent: a normalised phone number or email. */
    target: text("target").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    payload: text("payload", { mode: "json" }),
    attempts: integer("attempts").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("one_time_codes_target").on(t.purpose, t.target), index("one_time_codes_secret").on(t.secretHash)],
);

/**
 * Messages sent to people. Every message is written here; when a mail or phone gateway is configured
 * it is also sent, and the body (which holds a code) is not kept. The demo shows the kept ones.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey(),
    channel: text("channel", { enum: OUTBOX_CHANNELS }).notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    body: text("body"),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
    error: text("error"),
  },
  (t) => [index("outbox_created").on(t.createdAt)],
);

export const mentorDistricts = sqliteTable(
  "mentor_districts",
  {
    mentorId: integer("mentor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    districtId: integer("district_id")
      .notNull()
      .references(() => districts.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.mentorId, t.districtId] }), index("mentor_districts_district").on(t.districtId)],
);

/** An intake group, usually one district and one intake date. */
export const cohorts = sqliteTable(
  "cohorts",
  {
    id: integer("id").primaryKey(),
    name: text("name").notNull(),
    districtId: integer("district_id")
      .notNull()
      .references(() => districts.id, { onDelete: "restrict" }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "restrict" }),
    /** ISO date (YYYY-MM-DD). */
    intakeDate: text("intake_date").notNull(),
    /**
     * ISO date (YYYY-MM-DD) of the planned end: the intake plus the cohort length setting unless a
     * coordinator chose or extended it. After it the cohort is closed (cohorts/lifecycle.ts).
     */
    plannedEndOn: text("planned_end_on").notNull(),
    createdAt: createdAt(),
  },
  // A cohort's name tells it apart within its district.
  (t) => [index("cohorts_district").on(t.districtId), uniqueIndex("cohorts_district_name").on(t.districtId, t.name)],
);

/** Mentors assigned to a cohort (besides the mentors of its district). */
export const cohortMentors = sqliteTable(
  "cohort_mentors",
  {
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    mentorId: integer("mentor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.mentorId] }), index("cohort_mentors_mentor").on(t.mentorId)],
);

/** A one-time link for an invited user to set their password. Only a hash of the token is kept. */
export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("invitations_user").on(t.userId)],
);

// ─── Participants and their journey ──────────────────────────────────────────

/**
 * One participant served by one agency. The same person (same NIK) may appear once per agency.
 * The machine snapshot is the authority; the stage columns are a copy of it kept for querying,
 * written in the same transaction.
 */
export const participants = sqliteTable(
  "participants",
  {
    id: integer("id").primaryKey(),
    /** The entrepreneur's own account, when they have one. */
    userId: integer("user_id").references(() => users.id, { onDelete: "restrict" }),
    fullName: text("full_name").notNull(),
    /** Keyed HMAC of the NIK: matches duplicates without storing a reversible value here. */
    nikHmac: text("nik_hmac").notNull(),
    /** AES-GCM ciphertext of the NIK, readable only by those who need the full number. */
    nikCipher: text("nik_cipher").notNull(),
    /** The last four digits, for search. */
    nikLast4: text("nik_last4").notNull(),
    /** What everyone without a need for the full number sees (digits 5–12 hidden). */
    nikMasked: text("nik_masked").notNull(),
    phone: text("phone"),
    track: text("track", { enum: TRACKS }).notNull(),
    domicileBasis: text("domicile_basis", { enum: DOMICILE_BASES }).notNull(),
    channel: text("channel", { enum: REGISTRATION_CHANNELS }).notNull(),
    businessName: text("business_name").notNull(),
    sector: text("sector").notNull(),
    /** The documents statement of P1: business plan (pemula) or development plan + proof (naik kelas). */
    documentsStatement: text("documents_statement").notNull(),
    districtId: integer("district_id")
      .notNull()
      .references(() => districts.id, { onDelete: "restrict" }),
    cohortId: integer("cohort_id").references(() => cohorts.id, { onDelete: "restrict" }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "restrict" }),
    mentorId: integer("mentor_id").references(() => users.id, { onDelete: "restrict" }),
    /** Business figures at entry (the "before" of the indicators). */
    entryTurnover: integer("entry_turnover"),
    entryAssets: integer("entry_assets"),
    entryWorkers: integer("entry_workers"),
    /**
     * Whether the business had an NIB at entry; null: not known yet. entry_turnover is the monthly
     * omset, entry_assets the modal usaha (business capital without land and buildings), entry_workers
     * counts the owner. All four are required before P1 is verified (machines/journey.requirements.ts).
     */
    entryHasNib: integer("entry_has_nib", { mode: "boolean" }),

    status: text("status", { enum: STATUSES }).notNull(),
    statusReason: text("status_reason"),
    p1State: text("p1_state", { enum: P1_STATES }).notNull(),
    p2State: text("p2_state", { enum: STAGE_COLUMN_STATES }).notNull(),
    p3State: text("p3_state", { enum: STAGE_COLUMN_STATES }).notNull(),
    p4State: text("p4_state", { enum: STAGE_COLUMN_STATES }).notNull(),
    p5State: text("p5_state", { enum: STAGE_COLUMN_STATES }).notNull(),
    p6State: text("p6_state", { enum: STAGE_COLUMN_STATES }).notNull(),
    p7State: text("p7_state", { enum: STAGE_COLUMN_STATES }).notNull(),
    /** When each stage entered its current state (drives "time in stage" and the stall rule). */
    p1EnteredAt: integer("p1_entered_at").notNull(),
    p2EnteredAt: integer("p2_entered_at"),
    p3EnteredAt: integer("p3_entered_at"),
    p4EnteredAt: integer("p4_entered_at"),
    p5EnteredAt: integer("p5_entered_at"),
    p6EnteredAt: integer("p6_entered_at"),
    p7EnteredAt: integer("p7_entered_at"),
    /** Highest of P1–P7 done or waived, 0 when none. */
    furthestStage: integer("furthest_stage").notNull(),
    lastActivityAt: integer("last_activity_at").notNull(),
    /**
     * When the participant stalls (or stalled): the earliest of last activity + the inactivity limit and
     * each open stage's entry + its limit; null unless active. "Stalled" is `stalled_since < now`, one
     * indexed range instead of a rule over fifteen columns. Kept by triggers (migration 0005) on every
     * write of the columns it reads and on every change of the limits, so no writer can forget it.
     */
    stalledSince: integer("stalled_since"),
    /**
     * When the participant becomes dormant: last activity + the dormancy days; null unless active.
     * Dormant (`dormant_since < now`) is counted apart, never as stalled or active. Kept by the same
     * triggers as stalled_since, generated from journey/stalled.ts by journey/stall-sql.server.ts.
     */
    dormantSince: integer("dormant_since"),
    /** Optimistic concurrency: every applied move increments it; a move names the version it saw. */
    version: integer("version").notNull(),
    machineVersion: integer("machine_version").notNull(),
    /** JSON: { machineVersion, value, context } (see machines/journey.persist.ts). */
    snapshot: text("snapshot", { mode: "json" }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("participants_agency_nik").on(t.agencyId, t.nikHmac),
    index("participants_nik").on(t.nikHmac),
    uniqueIndex("participants_user").on(t.userId),
    // Lists: a district's (a mentor's, a city's) participants by status, in list order (stalled
    // first by onset, then by last activity), with the agency so a mentor's scope is read from it alone.
    // dormant_since is carried so "active and not dormant" is read from the index alone.
    index("participants_district_list").on(t.districtId, t.status, t.stalledSince, t.lastActivityAt, t.agencyId, t.dormantSince),
    // The same order over the whole region.
    index("participants_status_list").on(t.status, t.stalledSince, t.lastActivityAt, t.dormantSince),
    // A cohort's earliest stall onset is read from here when its earliest member moves on (migration 0006).
    index("participants_cohort_status").on(t.cohortId, t.status, t.stalledSince),
    // The tallies' clock and their readers find those crossing into dormancy here.
    index("participants_status_dormant").on(t.status, t.dormantSince),
    index("participants_mentor_status").on(t.mentorId, t.status),
    index("participants_furthest").on(t.furthestStage, t.status),
    check("participants_version_positive", sql`${t.version} >= 1`),
  ],
);

/**
 * The transition log: every applied event. Append-only: triggers in the migration refuse UPDATE and
 * DELETE. It never holds NIK or phone, so erasing a person never touches it.
 */
export const transitionLog = sqliteTable(
  "transition_log",
  {
    id: integer("id").primaryKey(),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "restrict" }),
    /** The participant's version after this event; (participant_id, version) is unique. */
    version: integer("version").notNull(),
    eventType: text("event_type").notNull(),
    stage: text("stage"),
    /** The event as sent to the machine (JSON). */
    event: text("event", { mode: "json" }).notNull(),
    reason: text("reason"),
    evidenceId: integer("evidence_id").references(() => stageEvidence.id, { onDelete: "restrict" }),
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "restrict" }),
    at: integer("at").notNull(),
    machineVersion: integer("machine_version").notNull(),
    rulesVersion: integer("rules_version").notNull(),
  },
  (t) => [
    uniqueIndex("transition_log_participant_version").on(t.participantId, t.version),
    index("transition_log_at").on(t.at),
    // A mentor's monthly report: what they did in a month.
    index("transition_log_actor_at").on(t.actorUserId, t.at),
  ],
);

/** Evidence recorded for a stage (a training attended, a mentoring session, a licence …). */
export const stageEvidence = sqliteTable(
  "stage_evidence",
  {
    id: integer("id").primaryKey(),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "restrict" }),
    stage: text("stage").notNull(),
    kind: text("kind").notNull(),
    /** Kind-specific details (topic, licence number, amount …) as JSON. */
    details: text("details", { mode: "json" }).notNull(),
    /** When it happened (ISO date), as opposed to when it was recorded. */
    occurredOn: text("occurred_on").notNull(),
    organisationId: integer("organisation_id").references(() => organisations.id, {
      onDelete: "restrict",
    }),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "restrict" }),
    recordedAt: integer("recorded_at").notNull(),
    /**
     * recorded: counts as stage evidence (it went through the journey service). pending: submitted
     * by the entrepreneur, waiting for the mentor; it counts only once accepted. declined: refused.
     */
    status: text("status", { enum: EVIDENCE_STATUSES }).notNull().default("recorded"),
    reviewedBy: integer("reviewed_by").references(() => users.id, { onDelete: "restrict" }),
    reviewedAt: integer("reviewed_at"),
    reviewNote: text("review_note"),
  },
  (t) => [
    index("stage_evidence_participant").on(t.participantId, t.stage),
    index("stage_evidence_pending").on(t.participantId).where(sql`status = 'pending'`),
    index("stage_evidence_recorded_by_at").on(t.recordedBy, t.recordedAt),
  ],
);

/**
 * A mentor's note on a stalled participant: whom it waits on and when to follow up. The newest
 * uncleared note is the current one; older ones stay as history.
 */
export const stallNotes = sqliteTable(
  "stall_notes",
  {
    id: integer("id").primaryKey(),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "restrict" }),
    waitsOn: text("waits_on", { enum: WAITS_ON }).notNull(),
    /** ISO date. */
    followUpOn: text("follow_up_on").notNull(),
    note: text("note"),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "restrict" }),
    recordedAt: integer("recorded_at").notNull(),
    clearedBy: integer("cleared_by").references(() => users.id, { onDelete: "restrict" }),
    clearedAt: integer("cleared_at"),
  },
  (t) => [index("stall_notes_participant").on(t.participantId, t.recordedAt)],
);

/** A participant handed to another mentor and/or district. What was open moves with them. */
export const handoffs = sqliteTable(
  "handoffs",
  {
    id: integer("id").primaryKey(),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "restrict" }),
    fromMentorId: integer("from_mentor_id").references(() => users.id, { onDelete: "restrict" }),
    toMentorId: integer("to_mentor_id").references(() => users.id, { onDelete: "restrict" }),
    fromDistrictId: integer("from_district_id")
      .notNull()
      .references(() => districts.id, { onDelete: "restrict" }),
    toDistrictId: integer("to_district_id")
      .notNull()
      .references(() => districts.id, { onDelete: "restrict" }),
    reason: text("reason").notNull(),
    by: integer("by").references(() => users.id, { onDelete: "restrict" }),
    at: integer("at").notNull(),
  },
  (t) => [index("handoffs_participant").on(t.participantId, t.at)],
);

// ─── Dashboard counters ──────────────────────────────────────────────────────
// Journey events counted in the same transaction as the move (journey.server.ts), so the
// coordinator's dashboard never aggregates the transition log per request. Each event is counted in
// the district the participant belonged to when it happened; a later handoff does not move it.

/** Per district, stage and month (Asia/Jakarta, "YYYY-MM"): stage entries, completions and waivers. */
export const stageMonthCounts = sqliteTable(
  "stage_month_counts",
  {
    districtId: integer("district_id")
      .notNull()
      .references(() => districts.id, { onDelete: "restrict" }),
    stage: text("stage").notNull(),
    month: text("month").notNull(),
    /** The stage became open: P1 submitted (registration, resubmission), P2–P7 in progress (start, send back, or evidence recorded before it had started). */
    entered: integer("entered").notNull().default(0),
    /** The stage was done: P1 verified, P2–P7 completed. */
    completed: integer("completed").notNull().default(0),
    waived: integer("waived").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.stage, t.month] }),
    // The overview's last twelve months read from here alone (a few thousand of the rows, not all).
    index("stage_month_counts_month").on(t.month, t.stage, t.districtId, t.entered, t.completed),
  ],
);

/**
 * Completions per district, stage and whole weeks spent open (the time from the stage's opening to
 * its completion; weeks past STAGE_DURATION_MAX_WEEK share the last bucket). The median time in a
 * stage is read from these histograms.
 */
export const stageDurations = sqliteTable(
  "stage_durations",
  {
    districtId: integer("district_id")
      .notNull()
      .references(() => districts.id, { onDelete: "restrict" }),
    stage: text("stage").notNull(),
    week: integer("week").notNull(),
    completions: integer("completions").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.stage, t.week] }),
    // The medians read every row in stage and week order from here, without sorting.
    index("stage_durations_stage_week").on(t.stage, t.week, t.districtId, t.completions),
  ],
);

// ─── People tallies ──────────────────────────────────────────────────────────
// How many participants stand where, kept by triggers on participants (migration 0006) so the
// coordinator's figures are sums over a few thousand rows instead of a pass over every participant.
// Rows are keyed by district and agency too, because a viewer's scope is a set of (district, agency)
// (access/scope.server.ts placementScope). "Stalled" depends on the time of reading: the
// tallies count the participants stalled as of stall_clock.at, and the reader adds those whose
// onset lies between that moment and its own (tallies/tallies.server.ts).

const reachedColumns = () => ({
  /** Participants whose furthest stage done or waived is P1 or beyond, P2 or beyond, … */
  reachedP1: integer("reached_p1").notNull().default(0),
  reachedP2: integer("reached_p2").notNull().default(0),
  reachedP3: integer("reached_p3").notNull().default(0),
  reachedP4: integer("reached_p4").notNull().default(0),
  reachedP5: integer("reached_p5").notNull().default(0),
  reachedP6: integer("reached_p6").notNull().default(0),
  reachedP7: integer("reached_p7").notNull().default(0),
});

/** Where the participants counted in a cohort's or a mentor's row are placed, and how they stand. */
const placedCountColumns = () => ({
  districtId: integer("district_id").notNull(),
  agencyId: integer("agency_id").notNull(),
  people: integer("people").notNull().default(0),
  active: integer("active").notNull().default(0),
  ...reachedColumns(),
  /** Active participants stalled as of stall_clock.at (never the dormant). */
  stalled: integer("stalled").notNull().default(0),
  /** Of those, stalled within the 30 days before the clock (a new stall). */
  stalledNew: integer("stalled_new").notNull().default(0),
  /** Status active but dormant as of stall_clock.at (not in `active`). */
  dormant: integer("dormant").notNull().default(0),
});

/** The moment the tallies' "stalled" counts are taken at (one row). */
export const stallClock = sqliteTable("stall_clock", {
  id: integer("id").primaryKey(),
  at: integer("at").notNull(),
});

/**
 * Per district, agency and phase: the status, with "dormant" in place of "active" for those dormant
 * as of stall_clock.at.
 */
export const districtTallies = sqliteTable(
  "district_tallies",
  {
    districtId: integer("district_id").notNull(),
    agencyId: integer("agency_id").notNull(),
    status: text("status").notNull(),
    people: integer("people").notNull().default(0),
    ...reachedColumns(),
    /** Active participants stalled as of stall_clock.at. */
    stalled: integer("stalled").notNull().default(0),
    /** Of those, stalled within the 30 days before the clock, in all and with P1 (P2, …) open. */
    stalledNew: integer("stalled_new").notNull().default(0),
    stalledNewP1: integer("stalled_new_p1").notNull().default(0),
    stalledNewP2: integer("stalled_new_p2").notNull().default(0),
    stalledNewP3: integer("stalled_new_p3").notNull().default(0),
    stalledNewP4: integer("stalled_new_p4").notNull().default(0),
    stalledNewP5: integer("stalled_new_p5").notNull().default(0),
    stalledNewP6: integer("stalled_new_p6").notNull().default(0),
    stalledNewP7: integer("stalled_new_p7").notNull().default(0),
    /** Of those, with P1 (P2, …) open: the stall map's cells. */
    stalledP1: integer("stalled_p1").notNull().default(0),
    stalledP2: integer("stalled_p2").notNull().default(0),
    stalledP3: integer("stalled_p3").notNull().default(0),
    stalledP4: integer("stalled_p4").notNull().default(0),
    stalledP5: integer("stalled_p5").notNull().default(0),
    stalledP6: integer("stalled_p6").notNull().default(0),
    stalledP7: integer("stalled_p7").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.agencyId, t.status] })],
);

/** Per cohort, district and agency (participants without a cohort are not tallied here). */
export const cohortTallies = sqliteTable(
  "cohort_tallies",
  {
    cohortId: integer("cohort_id").notNull(),
    ...placedCountColumns(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.districtId, t.agencyId] })],
);

/** Per mentor, district and agency (participants without a mentor are not tallied here). */
export const mentorTallies = sqliteTable(
  "mentor_tallies",
  {
    mentorId: integer("mentor_id").notNull(),
    ...placedCountColumns(),
  },
  (t) => [primaryKey({ columns: [t.mentorId, t.districtId, t.agencyId] })],
);

/**
 * Stall episodes per week (weeks start on Monday, Jakarta time; `week` counts them from the epoch's),
 * per district, agency and cohort (0 without one). `opened`: episodes whose onset falls in the week,
 * counted when the onset is set (so a reader leaves out those still ahead of it). `resolved`:
 * episodes ended by something recorded that week. Kept by the triggers generated from
 * journey/stalled.ts by journey/stall-sql.server.ts.
 */
export const stallWeeks = sqliteTable(
  "stall_weeks",
  {
    districtId: integer("district_id").notNull(),
    agencyId: integer("agency_id").notNull(),
    cohortId: integer("cohort_id").notNull(),
    week: integer("week").notNull(),
    opened: integer("opened").notNull().default(0),
    resolved: integer("resolved").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.districtId, t.agencyId, t.cohortId, t.week] }), index("stall_weeks_week").on(t.week)],
);

// ─── Rules and settings ──────────────────────────────────────────────────────

/** Versioned journey rules (JSON of machines/journey.rules.ts). The newest version is in force. */
export const journeyRules = sqliteTable("journey_rules", {
  version: integer("version").primaryKey(),
  rules: text("rules", { mode: "json" }).notNull(),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "restrict" }),
  createdAt: integer("created_at").notNull(),
});

/** Per-stage time limits for the stall rule. */
export const stageSettings = sqliteTable("stage_settings", {
  stage: text("stage").primaryKey(),
  timeLimitDays: integer("time_limit_days").notNull(),
});

/** Programme-wide settings (stall after inactivity days, cohort stall threshold …). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

// ─── Partners on stages ──────────────────────────────────────────────────────

/** A cooperation agreement (MoU / PKS). */
export const agreements = sqliteTable(
  "agreements",
  {
    id: integer("id").primaryKey(),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: AGREEMENT_KINDS }).notNull(),
    number: text("number").notNull(),
    signedOn: text("signed_on").notNull(),
    validUntil: text("valid_until").notNull(),
    /** JSON array of stage ids covered. */
    stages: text("stages", { mode: "json" }).notNull().$type<string[]>(),
    /** JSON array of district ids covered; null: every district. */
    districts: text("districts", { mode: "json" }).$type<number[] | null>(),
    createdAt: createdAt(),
  },
  (t) => [index("agreements_organisation").on(t.organisationId)],
);

/** A partner attached to a stage, optionally for one district only, with what it offers. */
export const stagePartners = sqliteTable(
  "stage_partners",
  {
    id: integer("id").primaryKey(),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    agreementId: integer("agreement_id").references(() => agreements.id, { onDelete: "restrict" }),
    stage: text("stage").notNull(),
    districtId: integer("district_id").references(() => districts.id, { onDelete: "restrict" }),
    offer: text("offer").notNull(),
  },
  (t) => [index("stage_partners_stage").on(t.stage, t.districtId)],
);

/**
 * A participant referred to a partner organisation for a stage. Partner staff see exactly the
 * participants referred to their organisation, for the stages their agreements cover.
 */
export const referrals = sqliteTable(
  "referrals",
  {
    id: integer("id").primaryKey(),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "restrict" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    stagePartnerId: integer("stage_partner_id").references(() => stagePartners.id, { onDelete: "restrict" }),
    stage: text("stage").notNull(),
    referredBy: integer("referred_by").references(() => users.id, { onDelete: "restrict" }),
    referredAt: integer("referred_at").notNull(),
    /** The first outcome the partner recorded (stage evidence), and when. */
    outcomeEvidenceId: integer("outcome_evidence_id").references(() => stageEvidence.id, { onDelete: "restrict" }),
    outcomeAt: integer("outcome_at"),
  },
  (t) => [
    uniqueIndex("referrals_participant_org_stage").on(t.participantId, t.organisationId, t.stage),
    index("referrals_organisation").on(t.organisationId, t.stage),
  ],
);

// ─── Accountability ──────────────────────────────────────────────────────────

/** Every change to a stage rule or setting: who changed what from what to what. Append-only. */
export const settingsChanges = sqliteTable(
  "settings_changes",
  {
    id: integer("id").primaryKey(),
    key: text("key").notNull(),
    oldValue: text("old_value"),
    newValue: text("new_value").notNull(),
    changedBy: integer("changed_by").references(() => users.id, { onDelete: "restrict" }),
    changedAt: integer("changed_at").notNull(),
  },
  (t) => [index("settings_changes_at").on(t.changedAt)],
);

/**
 * Sensitive actions (full-identity exports, role and district changes, deactivations, imports).
 * Append-only. Holds no NIK or phone.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey(),
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "restrict" }),
    action: text("action").notNull(),
    /** What it was about, e.g. "user:12", "export:participants". */
    subject: text("subject").notNull(),
    detail: text("detail", { mode: "json" }),
    at: integer("at").notNull(),
  },
  (t) => [index("audit_log_at").on(t.at)],
);

// ─── Collaboration survey ────────────────────────────────────────────────────
// Likert questionnaires on the collaboration (Ansell & Gash), answered in rounds. An instrument is
// versioned: a copy is a new version, and a version a round has used is never edited again, so a
// round's answers always read against the statements they were given. Scoring and bands are read
// by the results (modules/collaboration); nothing here is derived.

/** One version of a questionnaire. Versions of the same questionnaire share a code. */
export const surveyInstruments = sqliteTable(
  "survey_instruments",
  {
    id: integer("id").primaryKey(),
    /** The questionnaire this version belongs to (e.g. "ansell-gash"); a copy keeps it. */
    code: text("code").notNull(),
    version: integer("version").notNull(),
    nameId: text("name_id").notNull(),
    nameEn: text("name_en").notNull(),
    /** The version this one was copied from. */
    copiedFromId: integer("copied_from_id").references((): AnySQLiteColumn => surveyInstruments.id, {
      onDelete: "restrict",
    }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "restrict" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("survey_instruments_code_version").on(t.code, t.version), check("survey_instruments_version_positive", sql`${t.version} >= 1`)],
);

// An unused version's content may be replaced as a whole (cascade below); answers hold their
// statements with RESTRICT, so a used version's content cannot go.

/** An indicator (e.g. "Proses kolaborasi"), in the instrument's order. */
export const surveyIndicators = sqliteTable(
  "survey_indicators",
  {
    id: integer("id").primaryKey(),
    instrumentId: integer("instrument_id")
      .notNull()
      .references(() => surveyInstruments.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    labelId: text("label_id").notNull(),
    labelEn: text("label_en").notNull(),
  },
  (t) => [uniqueIndex("survey_indicators_instrument_position").on(t.instrumentId, t.position)],
);

/** A sub-indicator (e.g. "Dialog tatap muka"), scored as the mean of its statements. */
export const surveySubIndicators = sqliteTable(
  "survey_sub_indicators",
  {
    id: integer("id").primaryKey(),
    indicatorId: integer("indicator_id")
      .notNull()
      .references(() => surveyIndicators.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    labelId: text("label_id").notNull(),
    labelEn: text("label_en").notNull(),
  },
  (t) => [uniqueIndex("survey_sub_indicators_indicator_position").on(t.indicatorId, t.position)],
);

/** A statement answered on the 1–5 scale. A reverse-scored statement counts as 6 − answer. */
export const surveyStatements = sqliteTable(
  "survey_statements",
  {
    id: integer("id").primaryKey(),
    subIndicatorId: integer("sub_indicator_id")
      .notNull()
      .references(() => surveySubIndicators.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    textId: text("text_id").notNull(),
    textEn: text("text_en").notNull(),
    reverse: integer("reverse", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("survey_statements_sub_indicator_position").on(t.subIndicatorId, t.position)],
);

/**
 * The instrument's category bands: a score falls in the band with the highest lower bound at or
 * below it (chosen on the unrounded score). Data, so a coordinator can edit them with the version.
 */
export const surveyBands = sqliteTable(
  "survey_bands",
  {
    id: integer("id").primaryKey(),
    instrumentId: integer("instrument_id")
      .notNull()
      .references(() => surveyInstruments.id, { onDelete: "cascade" }),
    lowerBound: real("lower_bound").notNull(),
    /** SB, B, KB, TB, STB. */
    code: text("code").notNull(),
    labelId: text("label_id").notNull(),
    labelEn: text("label_en").notNull(),
  },
  (t) => [
    uniqueIndex("survey_bands_instrument_code").on(t.instrumentId, t.code),
    uniqueIndex("survey_bands_instrument_lower").on(t.instrumentId, t.lowerBound),
  ],
);

/** A survey round: one period, one instrument version, a scope and the groups asked. Open until closed. */
export const surveyRounds = sqliteTable(
  "survey_rounds",
  {
    id: integer("id").primaryKey(),
    name: text("name").notNull(),
    /** ISO dates (YYYY-MM-DD) of the period the answers speak about, for the pipeline beside them. */
    periodStart: text("period_start").notNull(),
    periodEnd: text("period_end").notNull(),
    instrumentId: integer("instrument_id")
      .notNull()
      .references(() => surveyInstruments.id, { onDelete: "restrict" }),
    /** province: every district; districts: those in survey_round_districts. */
    scope: text("scope", { enum: SURVEY_SCOPES }).notNull(),
    openedBy: integer("opened_by").references(() => users.id, { onDelete: "restrict" }),
    openedAt: integer("opened_at").notNull(),
    closedBy: integer("closed_by").references(() => users.id, { onDelete: "restrict" }),
    /** Null while open: answers may be saved and changed until then, never after. */
    closedAt: integer("closed_at"),
  },
  (t) => [
    index("survey_rounds_instrument").on(t.instrumentId),
    index("survey_rounds_open").on(t.closedAt),
    check("survey_rounds_period", sql`${t.periodStart} <= ${t.periodEnd}`),
  ],
);

export const surveyRoundDistricts = sqliteTable(
  "survey_round_districts",
  {
    roundId: integer("round_id")
      .notNull()
      .references(() => surveyRounds.id, { onDelete: "restrict" }),
    districtId: integer("district_id")
      .notNull()
      .references(() => districts.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.districtId] })],
);

/** The respondent groups a round asks. */
export const surveyRoundGroups = sqliteTable(
  "survey_round_groups",
  {
    roundId: integer("round_id")
      .notNull()
      .references(() => surveyRounds.id, { onDelete: "restrict" }),
    respondentGroup: text("respondent_group", { enum: RESPONDENT_GROUPS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.respondentGroup] })],
);

/**
 * One person's response to a round (at most one: unique round + user). The group, agency,
 * organisation and districts are captured when the response is saved, so results group by where
 * the person stood when they answered, whatever changes later.
 */
export const surveyResponses = sqliteTable(
  "survey_responses",
  {
    id: integer("id").primaryKey(),
    roundId: integer("round_id")
      .notNull()
      .references(() => surveyRounds.id, { onDelete: "restrict" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    respondentGroup: text("respondent_group", { enum: RESPONDENT_GROUPS }).notNull(),
    status: text("status", { enum: SURVEY_RESPONSE_STATUSES }).notNull(),
    /** A mentor's agency, an entrepreneur's serving agency; null for the others. */
    agencyId: integer("agency_id").references(() => agencies.id, { onDelete: "restrict" }),
    /** Partner staff's organisation; null for the others. */
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "restrict" }),
    /** An entrepreneur's participant record (for "participants a partner served"); null for the others. */
    participantId: integer("participant_id").references(() => participants.id, { onDelete: "restrict" }),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /** Set when first submitted; a submitted response may still change until the round closes. */
    submittedAt: integer("submitted_at"),
  },
  (t) => [
    uniqueIndex("survey_responses_round_user").on(t.roundId, t.userId),
    index("survey_responses_round_group").on(t.roundId, t.respondentGroup, t.status),
    index("survey_responses_organisation").on(t.organisationId, t.roundId),
  ],
);

/**
 * The districts a response speaks for, captured with it: an entrepreneur's district; a mentor's
 * districts in the round's scope; partner staff's referrals' districts in scope; agency staff's
 * (coordinators') city's districts in scope, or every district in scope for the province.
 */
export const surveyResponseDistricts = sqliteTable(
  "survey_response_districts",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => surveyResponses.id, { onDelete: "restrict" }),
    districtId: integer("district_id")
      .notNull()
      .references(() => districts.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.districtId] }), index("survey_response_districts_district").on(t.districtId, t.responseId)],
);

/** One answer: 1 (sangat tidak setuju) … 5 (sangat setuju). */
export const surveyAnswers = sqliteTable(
  "survey_answers",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => surveyResponses.id, { onDelete: "restrict" }),
    statementId: integer("statement_id")
      .notNull()
      .references(() => surveyStatements.id, { onDelete: "restrict" }),
    value: integer("value").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.statementId] }),
    index("survey_answers_statement").on(t.statementId),
    check("survey_answers_value_range", sql`${t.value} BETWEEN 1 AND 5`),
  ],
);

/**
 * A file attached to a piece of evidence or to a participant's P1 documents. The bytes live in the
 * file store under their SHA-256 (content-addressed, outside the web root); a row never changes
 * except to be withdrawn. The same bytes attached twice are two rows and one stored file: the bytes
 * are removed when no row still names the hash.
 */
export const files = sqliteTable(
  "files",
  {
    id: integer("id").primaryKey(),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "restrict" }),
    /** The evidence it documents; null for the P1 documents (purpose says which). */
    evidenceId: integer("evidence_id").references(() => stageEvidence.id, { onDelete: "restrict" }),
    purpose: text("purpose", { enum: FILE_PURPOSES }).notNull(),
    /** Hex SHA-256 of the stored bytes (the re-encoded image, or the PDF as uploaded). */
    sha256: text("sha256").notNull(),
    /** The thumbnail's hash; null for a PDF. */
    thumbSha256: text("thumb_sha256"),
    type: text("type", { enum: STORED_FILE_TYPES }).notNull(),
    /** The name it was uploaded under, cut to 120 characters: shown to people who may see the file. */
    name: text("name").notNull(),
    size: integer("size").notNull(),
    width: integer("width"),
    height: integer("height"),
    addedBy: integer("added_by").references(() => users.id, { onDelete: "restrict" }),
    addedAt: integer("added_at").notNull(),
    /** A mistaken upload withdrawn by whoever added it: the row stays, the bytes go. */
    withdrawnAt: integer("withdrawn_at"),
    withdrawnBy: integer("withdrawn_by").references(() => users.id, { onDelete: "restrict" }),
  },
  (t) => [
    index("files_participant").on(t.participantId, t.purpose),
    index("files_evidence").on(t.evidenceId),
    index("files_sha256").on(t.sha256),
    index("files_thumb_sha256").on(t.thumbSha256),
  ],
);

// ─── Background imports and the person's requests ────────────────────────────

/**
 * A registration import waiting for, or done by, the background runner: the page stores the upload
 * on disk and queues a row; one server process claims it (an atomic UPDATE … RETURNING) and checks
 * or imports the file in a worker thread, so no request waits on it. Progress is the bytes read.
 */
export const importJobs = sqliteTable(
  "import_jobs",
  {
    id: integer("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    agencyId: integer("agency_id")
      .notNull()
      .references(() => agencies.id, { onDelete: "restrict" }),
    /** The name it was uploaded under, cut to 200 characters. */
    fileName: text("file_name").notNull(),
    /** Where the upload waits; removed when the job ends. */
    filePath: text("file_path").notNull(),
    fileBytes: integer("file_bytes").notNull(),
    dryRun: integer("dry_run", { mode: "boolean" }).notNull(),
    status: text("status", { enum: IMPORT_JOB_STATUSES }).notNull(),
    bytesRead: integer("bytes_read").notNull().default(0),
    /** The process working on it and when it last said so: a job whose runner died is taken again. */
    claimedBy: text("claimed_by"),
    heartbeatAt: integer("heartbeat_at"),
    /** The ImportReport (JSON) once done. */
    report: text("report", { mode: "json" }),
    /** Every problem found (capped), for the downloadable list. */
    problems: text("problems", { mode: "json" }),
    createdAt: integer("created_at").notNull(),
    finishedAt: integer("finished_at"),
  },
  (t) => [index("import_jobs_status").on(t.status, t.id), index("import_jobs_user").on(t.userId, t.id)],
);

/**
 * A participant's request about their own data (UU PDP 27/2022): a correction, which their mentor
 * handles, or erasure, which a province coordinator carries out once the participant is withdrawn.
 */
export const dataRequests = sqliteTable(
  "data_requests",
  {
    id: integer("id").primaryKey(),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: DATA_REQUEST_KINDS }).notNull(),
    /** The person's own words (what is wrong, or why erase). */
    message: text("message").notNull(),
    status: text("status", { enum: DATA_REQUEST_STATUSES }).notNull(),
    requestedBy: integer("requested_by").references(() => users.id, { onDelete: "restrict" }),
    requestedAt: integer("requested_at").notNull(),
    handledBy: integer("handled_by").references(() => users.id, { onDelete: "restrict" }),
    handledAt: integer("handled_at"),
    /** What was done, or why not, in the handler's words. */
    response: text("response"),
  },
  (t) => [index("data_requests_participant").on(t.participantId, t.id), index("data_requests_open").on(t.status, t.kind, t.id)],
);

// ─── Outcomes ────────────────────────────────────────────────────────────────

/**
 * Naik kelas: a business reaching a higher class (PP 7/2021, thresholds in settings) than at entry
 * and than any climb before, or an informal business getting its NIB. Recorded once per climb: the
 * partial unique indexes make a second recording of the same climb a no-op, whoever writes it.
 */
export const businessClimbs = sqliteTable(
  "business_climbs",
  {
    id: integer("id").primaryKey(),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: CLIMB_KINDS }).notNull(),
    /** A class climb's class before and after; null for an NIB. */
    fromClass: text("from_class", { enum: BUSINESS_CLASSES }),
    toClass: text("to_class", { enum: BUSINESS_CLASSES }),
    /** The day it happened (ISO date, Jakarta): the report's or the licence's date. */
    occurredOn: text("occurred_on").notNull(),
    /** The evidence that showed it (a financial report, an NIB licence). */
    evidenceId: integer("evidence_id").references(() => stageEvidence.id, { onDelete: "restrict" }),
    recordedAt: integer("recorded_at").notNull(),
  },
  (t) => [
    uniqueIndex("business_climbs_class").on(t.participantId, t.toClass).where(sql`kind = 'class'`),
    uniqueIndex("business_climbs_nib").on(t.participantId).where(sql`kind = 'nib'`),
    index("business_climbs_occurred").on(t.occurredOn),
    check("business_climbs_shape", sql`(kind = 'class' AND to_class IS NOT NULL) OR (kind = 'nib' AND to_class IS NULL)`),
  ],
);

// ─── After the programme ─────────────────────────────────────────────────────

/**
 * A follow-up 3, 6 or 12 months after a person left the programme (graduated, or withdrawn before
 * completing it), and their short answer. Rows are written by triggers on participants (migration
 * 0014): when the status becomes graduated or withdrawn, whoever writes it; a reinstatement removes
 * the unanswered ones. due_on is the exit's Jakarta day plus the months, clamped to the month's last
 * day (31 August + 3 months = 30 November), as follow-ups/due.ts computes it. One answer per row.
 */
export const followUps = sqliteTable(
  "follow_ups",
  {
    id: integer("id").primaryKey(),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "restrict" }),
    monthsAfter: integer("months_after").notNull(),
    exit: text("exit", { enum: PROGRAMME_EXITS }).notNull(),
    /** The Jakarta day the person left (ISO date). */
    exitedOn: text("exited_on").notNull(),
    /** ISO date (Jakarta) from which the follow-up is due. */
    dueOn: text("due_on").notNull(),
    answeredAt: integer("answered_at"),
    answeredBy: integer("answered_by").references(() => users.id, { onDelete: "restrict" }),
    /** Monthly turnover (omset) in rupiah at the time of the answer. */
    turnover: integer("turnover"),
    /** Workers including the owner. */
    workers: integer("workers"),
    /** Whether the business still operates. */
    operating: integer("operating", { mode: "boolean" }),
    note: text("note"),
  },
  (t) => [
    uniqueIndex("follow_ups_participant_months").on(t.participantId, t.monthsAfter),
    // Due and unanswered, by day: the day list and the response rates read from here.
    index("follow_ups_due").on(t.dueOn, t.answeredAt),
    check("follow_ups_months", sql.raw(`months_after IN (${FOLLOW_UP_MONTHS.join(", ")})`)),
    check("follow_ups_answer", sql`answered_at IS NULL OR operating IS NOT NULL`),
    check("follow_ups_figures", sql`(turnover IS NULL OR turnover >= 0) AND (workers IS NULL OR workers >= 0)`),
  ],
);

// ─── The lenders' pipeline ───────────────────────────────────────────────────

/**
 * A loan a lender (partner organisation) records for one of its P7 referrals: one per referral. Each
 * step's day is kept (applied, approved, disbursed, or rejected with the reason), so the pipeline
 * counts by month without a log. Every step is also the participant's P7 evidence (the journey's).
 */
export const loans = sqliteTable(
  "loans",
  {
    id: integer("id").primaryKey(),
    referralId: integer("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "restrict" }),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "restrict" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    product: text("product").notNull(),
    /** Rupiah: the amount applied for, then the amount approved or disbursed. */
    amount: integer("amount").notNull(),
    tenorMonths: integer("tenor_months").notNull(),
    status: text("status", { enum: LOAN_STATUSES }).notNull(),
    appliedOn: text("applied_on"),
    approvedOn: text("approved_on"),
    disbursedOn: text("disbursed_on"),
    rejectedOn: text("rejected_on"),
    rejectionReason: text("rejection_reason"),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "restrict" }),
    updatedAt: integer("updated_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("loans_referral").on(t.referralId),
    index("loans_organisation_status").on(t.organisationId, t.status),
    index("loans_participant").on(t.participantId),
    check("loans_amount_positive", sql`amount > 0`),
    check("loans_tenor_positive", sql`tenor_months > 0`),
    check("loans_rejection_reason", sql`status <> 'rejected' OR (rejected_on IS NOT NULL AND rejection_reason IS NOT NULL)`),
    check("loans_disbursed_on", sql`status <> 'disbursed' OR disbursed_on IS NOT NULL`),
  ],
);

/** A disbursed loan's repayment status per month, by OJK's collectability (kolektibilitas 1–5): its history. */
export const loanRepayments = sqliteTable(
  "loan_repayments",
  {
    id: integer("id").primaryKey(),
    loanId: integer("loan_id")
      .notNull()
      .references(() => loans.id, { onDelete: "restrict" }),
    /** YYYY-MM (Jakarta calendar). */
    month: text("month").notNull(),
    collectability: text("collectability", { enum: COLLECTABILITY }).notNull(),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "restrict" }),
    recordedAt: integer("recorded_at").notNull(),
  },
  (t) => [uniqueIndex("loan_repayments_loan_month").on(t.loanId, t.month)],
);

// ─── Relations ───────────────────────────────────────────────────────────────

export const citiesRelations = relations(cities, ({ one, many }) => ({
  region: one(regions, { fields: [cities.regionId], references: [regions.id] }),
  districts: many(districts),
}));

export const districtsRelations = relations(districts, ({ one }) => ({
  city: one(cities, { fields: [districts.cityId], references: [cities.id] }),
}));

export const participantsRelations = relations(participants, ({ one, many }) => ({
  district: one(districts, { fields: [participants.districtId], references: [districts.id] }),
  cohort: one(cohorts, { fields: [participants.cohortId], references: [cohorts.id] }),
  mentor: one(users, { fields: [participants.mentorId], references: [users.id] }),
  log: many(transitionLog),
  evidence: many(stageEvidence),
}));

export const transitionLogRelations = relations(transitionLog, ({ one }) => ({
  participant: one(participants, {
    fields: [transitionLog.participantId],
    references: [participants.id],
  }),
  actor: one(users, { fields: [transitionLog.actorUserId], references: [users.id] }),
}));
