// The journey service: every move of every participant goes through here.
//
// One move = one synchronous BEGIN IMMEDIATE transaction: load the row, restore the snapshot, ask the
// machine, write the new snapshot and columns with version + 1 (only where the version still
// matches), append the log entry. Nothing else writes participants' journey columns.
import { and, asc, eq } from "drizzle-orm";
import { perDatabase, type Db } from "../../../db/client";
import { participants, stageEvidence, transitionLog } from "../../../db/schema";
import {
  JOURNEY_MACHINE_VERSION,
  type JourneyEvent,
  type JourneySnapshot,
} from "../../../machines/journey";
import {
  applyJourneyEvent,
  changedStages,
  restoreJourney,
  startJourney,
  storeJourney,
  type StoredJourney,
} from "../../../machines/journey.persist";
import { furthestStage } from "../../../machines/journey.requirements";
import {
  STAGES,
  stageNumber,
  type StageId,
  type Track,
} from "../../../machines/stages";
import { countMove } from "../dashboard/counters.server";
import { jakartaDate } from "../i18n/jakarta";
import { moveStatements } from "./move-statements.server";
import type { EnteredAtRow } from "../participants/stage-columns.server";
import { nikColumns } from "../participants/identity.server";
import { JourneyError } from "./errors";
import { currentRules, rulesVersion, type RulesInForce } from "./rules.server";

/** The log's first entry for a participant: not a machine event, it creates the journey. */
export const REGISTER_EVENT = "REGISTER";

/** The denormalised columns derived from a snapshot's context. */
function stateColumns(snapshot: JourneySnapshot) {
  const { stages, status } = snapshot.context;
  type P1 = "submitted" | "verified" | "rejected";
  type Pn = "not_started" | "in_progress" | "done" | "waived";
  return {
    status,
    p1State: stages.registration as P1,
    p2State: stages.training as Pn,
    p3State: stages.mentoring as Pn,
    p4State: stages.licensing as Pn,
    p5State: stages.marketing as Pn,
    p6State: stages.financial_reporting as Pn,
    p7State: stages.capital as Pn,
    furthestStage: furthestStage(stages),
  };
}

export type EvidenceInput = {
  details: Record<string, unknown>;
  /** ISO date the thing happened. */
  occurredOn: string;
  organisationId?: number | null;
};

export type RegistrationInput = {
  fullName: string;
  nik: string;
  phone?: string | null;
  track: Track;
  domicileBasis: "ktp_dki" | "lurah_letter" | "partner_programme";
  channel: "web" | "office";
  businessName: string;
  sector: string;
  documentsStatement: string;
  districtId: number;
  agencyId: number;
  cohortId?: number | null;
  mentorId?: number | null;
  userId?: number | null;
  entryTurnover?: number | null;
  entryAssets?: number | null;
  entryWorkers?: number | null;
};

/**
 * Creates a participant in P1 (submitted), logs the registration and records the documents
 * statement as P1's evidence. Refuses a second registration of the same NIK with the same agency.
 */
export function registerParticipant(
  db: Db,
  input: RegistrationInput,
  actorUserId: number | null,
  at = Date.now(),
): { participantId: number; version: number } {
  const inForce = currentRules(db);
  const { machine, version: rulesVer } = inForce;
  const identity = nikColumns(input.nik);
  return db.transaction(
    (tx) => {
      const existing = tx
        .select({ id: participants.id })
        .from(participants)
        .where(and(eq(participants.agencyId, input.agencyId), eq(participants.nikHmac, identity.nikHmac)))
        .get();
      if (existing) throw new JourneyError("invalid", "This NIK is already registered with this agency");

      const initial = startJourney(machine, { track: input.track });
      const { nik: _nik, ...rest } = input;
      const row = tx
        .insert(participants)
        .values({
          ...rest,
          ...identity,
          ...stateColumns(initial),
          snapshot: storeJourney(initial),
          machineVersion: JOURNEY_MACHINE_VERSION,
          p1EnteredAt: at,
          lastActivityAt: at,
          version: 1,
          createdAt: at,
        })
        .returning({ id: participants.id })
        .get();
      countMove(tx as unknown as Db, { districtId: input.districtId }, null, initial.context.stages, at);
      tx.insert(transitionLog)
        .values({
          participantId: row.id,
          version: 1,
          eventType: REGISTER_EVENT,
          stage: "registration",
          event: { type: REGISTER_EVENT, track: input.track, channel: input.channel },
          actorUserId,
          at,
          machineVersion: JOURNEY_MACHINE_VERSION,
          rulesVersion: rulesVer,
        })
        .run();
      // The documents statement is P1's evidence: record it through the machine like any other
      // (on the root handle, where the move's statements are prepared: the same connection, in this transaction).
      const documents: MoveInput = {
        participantId: row.id,
        expectedVersion: 1,
        event: { type: "RECORD_EVIDENCE", stage: "registration", kind: "documents" },
        actorUserId,
        at,
        evidence: { details: { statement: input.documentsStatement }, occurredOn: jakartaDate(at) },
      };
      const applied = applyInTransaction(db, documents, inForce);
      return { participantId: row.id, version: applied.version };
    },
    { behavior: "immediate" },
  );
}

export type MoveInput = {
  participantId: number;
  /** The version the person saw when they chose the move. */
  expectedVersion: number;
  event: JourneyEvent;
  actorUserId: number | null;
  at?: number;
  /** Required with RECORD_EVIDENCE: what was recorded. */
  evidence?: EvidenceInput;
  /**
   * Instead of `evidence`: an existing pending row (a report the entrepreneur sent) that this move
   * accepts. It becomes recorded and reviewed by the actor in the same transaction, and the log
   * entry points at it, so replay and the evidence count stay as if it had been recorded here.
   */
  pendingEvidenceId?: number;
};

export type MoveResult = { version: number; snapshot: JourneySnapshot; logId: number };

/** Applies one event to one participant, atomically. Throws JourneyError when refused; nothing changes then. */
export function applyMove(db: Db, input: MoveInput): MoveResult {
  return moveTransaction(db)(input, currentRules(db));
}

// better-sqlite3's own transaction (BEGIN IMMEDIATE), built once per handle: drizzle's builds a
// transaction object and function on every call, and so does better-sqlite3's `transaction()`
// (tests/bench: one move). Everything inside runs on `db`, the one connection, so it all belongs to
// this transaction; called inside a caller's transaction on the same handle, it nests as a
// savepoint. Pass the root handle.
const moveTransaction = perDatabase(
  (db) => db.$client.transaction((input: MoveInput, rules: RulesInForce) => applyInTransaction(db, input, rules)).immediate,
);

/** The stage an event concerns, for the log's stage column (null for status moves). */
function eventStage(event: JourneyEvent): StageId | null {
  if ("stage" in event) return event.stage;
  if (event.type === "VERIFY" || event.type === "REJECT" || event.type === "RESUBMIT") return "registration";
  return null;
}

/** Call inside a write transaction on `db`'s connection: it reads, checks and writes as one. */
function applyInTransaction(db: Db, input: MoveInput, inForce: RulesInForce): MoveResult {
  const at = input.at ?? Date.now();
  const { machine, rules, version: rulesVer } = inForce;
  const statements = moveStatements(db);
  const row = statements.read.get({ id: input.participantId });
  if (!row) throw new JourneyError("not-found", "Participant not found");
  if (row.version !== input.expectedVersion) {
    throw new JourneyError(
      "stale-version",
      `This participant was changed by someone else (version ${row.version}, you saw ${input.expectedVersion})`,
    );
  }
  const event = input.event;
  if (event.type === "RECORD_EVIDENCE" && !input.evidence && input.pendingEvidenceId === undefined) {
    throw new JourneyError("invalid", "Evidence details are required");
  }
  const before = restoreJourney(machine, row.snapshot as StoredJourney);
  const result = applyJourneyEvent(machine, before, event, rules);
  if (!result.ok) throw new JourneyError("not-allowed", `${event.type} is not allowed now`, result.missing);
  const after = result.snapshot;

  let evidenceId: number | null = null;
  if (event.type === "RECORD_EVIDENCE" && input.pendingEvidenceId !== undefined) {
    evidenceId = acceptPendingEvidence(db, input.participantId, event, input.pendingEvidenceId, input.actorUserId, at);
  } else if (event.type === "RECORD_EVIDENCE" && input.evidence) {
    evidenceId = db
      .insert(stageEvidence)
      .values({
        participantId: input.participantId,
        stage: event.stage,
        kind: event.kind,
        details: input.evidence.details,
        occurredOn: input.evidence.occurredOn,
        organisationId: input.evidence.organisationId ?? null,
        recordedBy: input.actorUserId,
        recordedAt: at,
      })
      .returning({ id: stageEvidence.id })
      .get().id;
  }

  const version = row.version + 1;
  // A stage whose state changed entered it now; a status reason is set by HOLD and WITHDRAW, cleared
  // by any other status change, kept otherwise.
  const changed = new Set(changedStages(before, after));
  const entered = Object.fromEntries(
    STAGES.map((stage) => {
      const column = `p${stageNumber(stage) as 1 | 2 | 3 | 4 | 5 | 6 | 7}EnteredAt` as const;
      return [column, changed.has(stage) ? at : row[column]];
    }),
  ) as EnteredAtRow;
  const statusReason =
    event.type === "HOLD" || event.type === "WITHDRAW"
      ? event.reason
      : after.context.status === before.context.status
        ? row.statusReason
        : null;
  const updated = statements.update.run({
    ...stateColumns(after),
    ...entered,
    statusReason,
    snapshot: JSON.stringify(storeJourney(after)),
    at,
    version,
    id: input.participantId,
    expectedVersion: row.version,
  });
  // Inside BEGIN IMMEDIATE no one else can write, so this holds; it guards the invariant anyway.
  if (updated.changes !== 1) throw new JourneyError("stale-version", "This participant was changed by someone else");
  countMove(db, row, before.context.stages, after.context.stages, at);

  const log = statements.log.run({
    participantId: input.participantId,
    version,
    eventType: event.type,
    stage: eventStage(event),
    event,
    reason: "reason" in event ? event.reason : null,
    evidenceId,
    actorUserId: input.actorUserId,
    at,
    machineVersion: JOURNEY_MACHINE_VERSION,
    rulesVersion: rulesVer,
  });
  return { version, snapshot: after, logId: Number(log.lastInsertRowid) };
}

/** Marks a pending evidence row of this participant, stage and kind as recorded; refuses any other row. */
function acceptPendingEvidence(
  tx: Db,
  participantId: number,
  event: Extract<JourneyEvent, { type: "RECORD_EVIDENCE" }>,
  evidenceId: number,
  actorUserId: number | null,
  at: number,
): number {
  const accepted = tx
    .update(stageEvidence)
    .set({ status: "recorded", reviewedBy: actorUserId, reviewedAt: at })
    .where(
      and(
        eq(stageEvidence.id, evidenceId),
        eq(stageEvidence.participantId, participantId),
        eq(stageEvidence.stage, event.stage),
        eq(stageEvidence.kind, event.kind),
        eq(stageEvidence.status, "pending"),
      ),
    )
    .run();
  if (accepted.changes !== 1) throw new JourneyError("invalid", "This evidence is not pending for this participant and stage");
  return evidenceId;
}

export type BulkItem = { participantId: number; expectedVersion: number };
export type BulkOutcome =
  | { participantId: number; applied: true; version: number }
  | { participantId: number; applied: false; error: JourneyError };

/**
 * Applies one event to many participants. Each participant is its own transaction: one refusal
 * does not undo the others, and the outcome says per participant what happened and why not.
 */
export function applyBulk(
  db: Db,
  input: { items: BulkItem[]; event: JourneyEvent; actorUserId: number | null; at?: number; evidence?: EvidenceInput },
): BulkOutcome[] {
  return input.items.map((item) => {
    try {
      const result = applyMove(db, { ...item, event: input.event, actorUserId: input.actorUserId, at: input.at, evidence: input.evidence });
      return { participantId: item.participantId, applied: true as const, version: result.version };
    } catch (error) {
      if (error instanceof JourneyError) return { participantId: item.participantId, applied: false as const, error };
      throw error;
    }
  });
}

/**
 * Rebuilds a participant's journey from the log alone, applying each event under the rules it was
 * made with. Used to prove the stored snapshot and columns are what the log says.
 */
export function replayJourney(db: Db, participantId: number): StoredJourney {
  const entries = db
    .select()
    .from(transitionLog)
    .where(eq(transitionLog.participantId, participantId))
    .orderBy(asc(transitionLog.version))
    .all();
  let snapshot: JourneySnapshot | undefined;
  for (const entry of entries) {
    const { machine, rules } = rulesVersion(db, entry.rulesVersion);
    const event = entry.event as { type: string; track?: Track };
    if (event.type === REGISTER_EVENT) {
      snapshot = startJourney(machine, { track: event.track! });
      continue;
    }
    if (!snapshot) throw new Error(`log of participant ${participantId} does not start with ${REGISTER_EVENT}`);
    const result = applyJourneyEvent(machine, snapshot, entry.event as JourneyEvent, rules);
    if (!result.ok) throw new Error(`log entry ${entry.id} is not a legal move on replay`);
    snapshot = result.snapshot;
  }
  if (!snapshot) throw new Error(`participant ${participantId} has no log`);
  return storeJourney(snapshot);
}
