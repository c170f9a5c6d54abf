// Registering many participants at once (the import), writing exactly the rows the journey
// service's registerParticipant writes for each: the participant in P1 (submitted) with the
// machine's snapshot after its documents statement, the REGISTER log entry, the RECORD_EVIDENCE
// log entry, the documents evidence and the dashboard counters (P1 entered, in its district). registerParticipant runs the machine twice per person and
// goes through the query builder; a registration's outcome depends only on the track and the rules
// in force, so here the machine runs once per track and the inserts are prepared statements.
// tests/integration/import.test.ts compares both paths row by row: if one changes, that test fails.
import type { Db } from "../../../db/client";
import { JOURNEY_MACHINE_VERSION, type JourneyEvent } from "../../../machines/journey";
import { applyJourneyEvent, changedStages, startJourney, storeJourney } from "../../../machines/journey.persist";
import { furthestStage } from "../../../machines/journey.requirements";
import { STAGES, type StageId, type Track } from "../../../machines/stages";
import { counterDeltas, CounterTally } from "../dashboard/counters";
import { jakartaDate } from "../i18n/jakarta";
import { REGISTER_EVENT } from "../journey/journey.server";
import { currentRules } from "../journey/rules.server";

/** One person to register; the identity columns (HMAC, ciphertext, masks) are computed by the caller. */
export type BulkRegistration = {
  fullName: string;
  nikHmac: string;
  nikCipher: string;
  nikLast4: string;
  nikMasked: string;
  phone: string;
  track: Track;
  domicileBasis: "ktp_dki" | "lurah_letter" | "partner_programme";
  businessName: string;
  sector: string;
  documentsStatement: string;
  districtId: number;
  agencyId: number;
  mentorId: number | null;
};

const DOCUMENTS_EVENT = { type: "RECORD_EVIDENCE", stage: "registration", kind: "documents" } as const satisfies JourneyEvent;

/** What every registration on one track stores, computed once through the machine. */
function registeredState(db: Db, track: Track, at: number) {
  const { machine, rules, version } = currentRules(db);
  const initial = startJourney(machine, { track });
  const result = applyJourneyEvent(machine, initial, DOCUMENTS_EVENT, rules);
  if (!result.ok) throw new Error("The machine refused a registration's documents statement");
  const { stages, status } = result.snapshot.context;
  const entered = new Set<StageId>(["registration", ...changedStages(initial, result.snapshot)]);
  return {
    rulesVersion: version,
    status,
    states: [stages.registration, stages.training, stages.mentoring, stages.licensing, stages.marketing, stages.financial_reporting, stages.capital],
    /** Which of p1..p7_entered_at are stamped with the registration time. */
    entered: STAGES.map((stage) => entered.has(stage)),
    furthest: furthestStage(stages),
    snapshot: JSON.stringify(storeJourney(result.snapshot)),
    // registerParticipant counts the new journey's stages; the documents statement changes none.
    counted: counterDeltas(null, initial.context.stages, () => null, at),
  };
}

/**
 * Inserts the registrations. Must run inside the caller's write transaction (all or nothing);
 * does not check for duplicate NIKs (the caller has). Returns how many were written.
 */
export function insertRegistrations(db: Db, rows: Iterable<BulkRegistration>, actorUserId: number | null, at: number): number {
  const states = { pemula: registeredState(db, "pemula", at), naik_kelas: registeredState(db, "naik_kelas", at) };
  const tally = new CounterTally();
  const sqlite = db.$client;
  const insertParticipant = sqlite.prepare(`
    INSERT INTO participants (user_id, full_name, nik_hmac, nik_cipher, nik_last4, nik_masked, phone, track,
      domicile_basis, channel, business_name, sector, documents_statement, district_id, cohort_id, agency_id,
      mentor_id, entry_turnover, entry_assets, entry_workers, status, status_reason,
      p1_state, p2_state, p3_state, p4_state, p5_state, p6_state, p7_state,
      p1_entered_at, p2_entered_at, p3_entered_at, p4_entered_at, p5_entered_at, p6_entered_at, p7_entered_at,
      furthest_stage, last_activity_at, version, machine_version, snapshot, created_at)
    VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, 'import', ?, ?, ?, ?, NULL, ?, ?, NULL, NULL, NULL, ?, NULL,
      ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 2, ?, ?, ?)`);
  const insertLog = sqlite.prepare(`
    INSERT INTO transition_log (participant_id, version, event_type, stage, event, reason, evidence_id, actor_user_id, at, machine_version, rules_version)
    VALUES (?, ?, ?, 'registration', ?, NULL, ?, ?, ?, ?, ?)`);
  const insertEvidence = sqlite.prepare(`
    INSERT INTO stage_evidence (participant_id, stage, kind, details, occurred_on, organisation_id, recorded_by, recorded_at)
    VALUES (?, 'registration', 'documents', ?, ?, NULL, ?, ?)`);
  const occurredOn = jakartaDate(at);
  const documentsEvent = JSON.stringify(DOCUMENTS_EVENT);
  let written = 0;
  for (const row of rows) {
    const state = states[row.track];
    const participantId = insertParticipant.run(
      row.fullName, row.nikHmac, row.nikCipher, row.nikLast4, row.nikMasked, row.phone, row.track,
      row.domicileBasis, row.businessName, row.sector, row.documentsStatement, row.districtId, row.agencyId,
      row.mentorId, state.status,
      ...state.states,
      ...state.entered.map((stamped) => (stamped ? at : null)),
      state.furthest, at, JOURNEY_MACHINE_VERSION, state.snapshot, at,
    ).lastInsertRowid;
    insertLog.run(
      participantId, 1, REGISTER_EVENT, JSON.stringify({ type: REGISTER_EVENT, track: row.track, channel: "import" }),
      null, actorUserId, at, JOURNEY_MACHINE_VERSION, state.rulesVersion,
    );
    const evidenceId = insertEvidence.run(participantId, JSON.stringify({ statement: row.documentsStatement }), occurredOn, actorUserId, at).lastInsertRowid;
    insertLog.run(participantId, 2, DOCUMENTS_EVENT.type, documentsEvent, evidenceId, actorUserId, at, JOURNEY_MACHINE_VERSION, state.rulesVersion);
    tally.add(row.districtId, state.counted);
    written++;
  }
  writeCounters(db, tally);
  return written;
}

/** Adds the tallied counters to the dashboard's (the same sums recordCounters makes one by one). */
function writeCounters(db: Db, tally: CounterTally): void {
  const month = db.$client.prepare(`
    INSERT INTO stage_month_counts (district_id, stage, month, entered, completed, waived) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (district_id, stage, month) DO UPDATE SET entered = entered + excluded.entered,
      completed = completed + excluded.completed, waived = waived + excluded.waived`);
  const week = db.$client.prepare(`
    INSERT INTO stage_durations (district_id, stage, week, completions) VALUES (?, ?, ?, ?)
    ON CONFLICT (district_id, stage, week) DO UPDATE SET completions = completions + excluded.completions`);
  for (const r of tally.months.values()) month.run(r.districtId, r.stage, r.month, r.entered, r.completed, r.waived);
  for (const r of tally.durations.values()) week.run(r.districtId, r.stage, r.week, r.completions);
}
