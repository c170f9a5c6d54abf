// The one writer of participants' journeys: applies what move-write.ts computed (the participant's
// journey columns, the log, evidence rows, the month counters) with statements prepared once per
// database handle. It runs inside the caller's write transaction and opens none itself: the service
// wraps one move in BEGIN IMMEDIATE, the import its whole file, the generator a batch of journeys.
// The stall/dormancy columns are not written here: triggers keep them (stall-sql.server.ts).
import type { Db } from "../../../db/client";
import { JOURNEY_MACHINE_VERSION } from "../../../machines/journey";
import { BASELINE_FIELDS } from "../../../machines/journey.requirements";
import { CounterTally, type CounterDelta } from "./counters";
import { JourneyError } from "./errors";
import { journeyColumns, type Journey, type MoveWrite } from "./move-write";

/** The columns of a new participant that are not the journey's. */
export type ParticipantFields = {
  /** Given by a writer that numbers rows itself (the generator); otherwise SQLite assigns it. */
  id?: number | null;
  userId: number | null;
  fullName: string;
  nikHmac: string;
  nikCipher: string;
  nikLast4: string;
  nikMasked: string;
  phone: string | null;
  track: string;
  domicileBasis: string;
  channel: string;
  businessName: string;
  sector: string;
  documentsStatement: string;
  districtId: number;
  cohortId: number | null;
  agencyId: number;
  mentorId: number | null;
  entryTurnover: number | null;
  entryAssets: number | null;
  entryWorkers: number | null;
  /** Whether the business had an NIB at entry; null or absent: not known yet. */
  entryHasNib?: boolean | null;
  createdAt: number;
};

const JOURNEY_COLUMNS =
  "status, status_reason, p1_state, p2_state, p3_state, p4_state, p5_state, p6_state, p7_state, " +
  "p1_entered_at, p2_entered_at, p3_entered_at, p4_entered_at, p5_entered_at, p6_entered_at, p7_entered_at, " +
  "furthest_stage, last_activity_at, version, machine_version, snapshot";

type Sqlite = Db["$client"];

/**
 * The connection under a handle. A drizzle transaction object (a caller's `db.transaction((tx) => …)`)
 * has no `$client`, but runs on its session's connection: the same one, so in the same transaction.
 */
function connectionOf(db: Db): Sqlite {
  return db.$client ?? (db as unknown as { session: { client: Sqlite } }).session.client;
}

function prepare(sqlite: Sqlite) {
  return {
    read: sqlite.prepare(
      `SELECT version, snapshot, status_reason AS statusReason, district_id AS districtId, last_activity_at AS lastActivityAt,
         p1_entered_at AS p1, p2_entered_at AS p2, p3_entered_at AS p3, p4_entered_at AS p4, p5_entered_at AS p5,
         p6_entered_at AS p6, p7_entered_at AS p7, entry_turnover AS turnover, entry_assets AS capital,
         entry_workers AS workers, entry_has_nib AS nib
       FROM participants WHERE id = ?`,
    ),
    insertParticipant: sqlite.prepare(
      `INSERT INTO participants (id, user_id, full_name, nik_hmac, nik_cipher, nik_last4, nik_masked, phone, track,
         domicile_basis, channel, business_name, sector, documents_statement, district_id, cohort_id, agency_id,
         mentor_id, entry_turnover, entry_assets, entry_workers, entry_has_nib, created_at, ${JOURNEY_COLUMNS})
       VALUES (${Array(44).fill("?").join(", ")})`,
    ),
    // Every journey column at once (one statement shape), only where the version is still the one read.
    update: sqlite.prepare(
      `UPDATE participants SET status = ?, status_reason = ?, p1_state = ?, p2_state = ?, p3_state = ?, p4_state = ?,
         p5_state = ?, p6_state = ?, p7_state = ?, p1_entered_at = ?, p2_entered_at = ?, p3_entered_at = ?,
         p4_entered_at = ?, p5_entered_at = ?, p6_entered_at = ?, p7_entered_at = ?, furthest_stage = ?,
         last_activity_at = ?, version = ?, machine_version = ?, snapshot = ?
       WHERE id = ? AND version = ?`,
    ),
    log: sqlite.prepare(
      `INSERT INTO transition_log (participant_id, version, event_type, stage, event, reason, evidence_id, actor_user_id, at, machine_version, rules_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    evidence: sqlite.prepare(
      `INSERT INTO stage_evidence (participant_id, stage, kind, details, occurred_on, organisation_id, recorded_by, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // A pending report the move accepts: recorded and reviewed by the actor; any other row is refused.
    acceptPending: sqlite.prepare(
      `UPDATE stage_evidence SET status = 'recorded', reviewed_by = ?, reviewed_at = ?
       WHERE id = ? AND participant_id = ? AND stage = ? AND kind = ? AND status = 'pending'`,
    ),
    month: sqlite.prepare(
      `INSERT INTO stage_month_counts (district_id, stage, month, entered, completed, waived) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (district_id, stage, month) DO UPDATE SET entered = entered + excluded.entered,
         completed = completed + excluded.completed, waived = waived + excluded.waived`,
    ),
    week: sqlite.prepare(
      `INSERT INTO stage_durations (district_id, stage, week, completions) VALUES (?, ?, ?, ?)
       ON CONFLICT (district_id, stage, week) DO UPDATE SET completions = completions + excluded.completions`,
    ),
  };
}

const prepared = new WeakMap<Sqlite, ReturnType<typeof prepare>>();

/** The writer's statements, prepared once per connection. */
function statementsOf(db: Db): ReturnType<typeof prepare> {
  const sqlite = connectionOf(db);
  let statements = prepared.get(sqlite);
  if (!statements) prepared.set(sqlite, (statements = prepare(sqlite)));
  return statements;
}

function bindJourney(journey: Journey): unknown[] {
  const c = journeyColumns(journey);
  return [
    c.status,
    c.statusReason,
    ...c.states,
    ...c.enteredAt,
    c.furthestStage,
    c.lastActivityAt,
    c.version,
    c.machineVersion,
    c.snapshot,
  ];
}

type Read = {
  version: number;
  snapshot: string;
  statusReason: string | null;
  districtId: number;
  lastActivityAt: number;
  p1: number;
  p2: number | null;
  p3: number | null;
  p4: number | null;
  p5: number | null;
  p6: number | null;
  p7: number | null;
  turnover: number | null;
  capital: number | null;
  workers: number | null;
  nib: number | null;
};

/** The journey columns of one participant as stored, the snapshot still as text (the caller restores it). */
export function readJourney(db: Db, participantId: number) {
  const row = statementsOf(db).read.get(participantId) as Read | undefined;
  if (!row) return undefined;
  return {
    version: row.version,
    snapshotText: row.snapshot,
    statusReason: row.statusReason,
    districtId: row.districtId,
    lastActivityAt: row.lastActivityAt,
    enteredAt: [row.p1, row.p2, row.p3, row.p4, row.p5, row.p6, row.p7],
    /** The baseline figures the record holds (a VERIFY carries them to the machine). */
    baseline: BASELINE_FIELDS.filter((field) => row[field] != null),
  };
}

/**
 * Writes journeys. Counters are summed as journeys are written and added when `finish()` is called
 * (one upsert per district, stage and month): call it before the transaction commits.
 */
export class JourneyWriter {
  private readonly s: ReturnType<typeof prepare>;
  private readonly tally = new CounterTally();
  logEntries = 0;
  evidenceRows = 0;

  constructor(db: Db) {
    this.s = statementsOf(db);
  }

  /** A new participant: its row at the last move's journey, then each move's evidence and log entry. Returns its id. */
  insert(participant: ParticipantFields, moves: MoveWrite[]): number {
    const p = participant;
    const last = moves[moves.length - 1]!.journey;
    const id = Number(
      this.s.insertParticipant.run(
        p.id ?? null,
        p.userId,
        p.fullName,
        p.nikHmac,
        p.nikCipher,
        p.nikLast4,
        p.nikMasked,
        p.phone,
        p.track,
        p.domicileBasis,
        p.channel,
        p.businessName,
        p.sector,
        p.documentsStatement,
        p.districtId,
        p.cohortId,
        p.agencyId,
        p.mentorId,
        p.entryTurnover,
        p.entryAssets,
        p.entryWorkers,
        p.entryHasNib == null ? null : Number(p.entryHasNib),
        p.createdAt,
        ...bindJourney(last),
      ).lastInsertRowid,
    );
    for (const move of moves) this.append(id, p.districtId, move);
    return id;
  }

  /**
   * Moves of a stored participant, from the version read: the row gets the last move's journey.
   * Returns the last log entry's id. Throws JourneyError("stale-version") if the row changed.
   */
  update(participantId: number, districtId: number, expectedVersion: number, moves: MoveWrite[]): number {
    const last = moves[moves.length - 1]!.journey;
    const updated = this.s.update.run(...bindJourney(last), participantId, expectedVersion);
    if (updated.changes !== 1) throw new JourneyError("stale-version", "This participant was changed by someone else");
    let logId = 0;
    for (const move of moves) logId = this.append(participantId, districtId, move);
    return logId;
  }

  /** Adds the counted moves to the dashboard counters. Call once, after the last journey, in the same transaction. */
  finish(): void {
    for (const r of this.tally.months.values()) this.s.month.run(r.districtId, r.stage, r.month, r.entered, r.completed, r.waived);
    for (const r of this.tally.durations.values()) this.s.week.run(r.districtId, r.stage, r.week, r.completions);
    this.tally.months.clear();
    this.tally.durations.clear();
  }

  private append(participantId: number, districtId: number, move: MoveWrite): number {
    const { log } = move;
    let evidenceId: number | null = null;
    const e = log.evidence;
    if (e?.kind === "new") {
      evidenceId = Number(
        this.s.evidence.run(
          participantId,
          e.stage,
          e.evidenceKind,
          JSON.stringify(e.details),
          e.occurredOn,
          e.organisationId,
          log.actorUserId,
          log.at,
        ).lastInsertRowid,
      );
      this.evidenceRows++;
    } else if (e?.kind === "pending") {
      const accepted = this.s.acceptPending.run(log.actorUserId, log.at, e.id, participantId, e.stage, e.evidenceKind);
      if (accepted.changes !== 1) throw new JourneyError("invalid", "This evidence is not pending for this participant and stage");
      evidenceId = e.id;
    }
    this.count(districtId, move.counted);
    this.logEntries++;
    return Number(
      this.s.log.run(
        participantId,
        log.version,
        log.eventType,
        log.stage,
        log.eventJson,
        log.reason,
        evidenceId,
        log.actorUserId,
        log.at,
        JOURNEY_MACHINE_VERSION,
        log.rulesVersion,
      ).lastInsertRowid,
    );
  }

  private count(districtId: number, deltas: CounterDelta[]): void {
    if (deltas.length > 0) this.tally.add(districtId, deltas);
  }
}
