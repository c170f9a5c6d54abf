// The journey service: the moves people make, one participant at a time.
//
// One move = one synchronous BEGIN IMMEDIATE transaction: read the row, restore the snapshot, ask
// move-write.ts what the event writes (the machine decides), and hand that to the journey writer
// (journey-writer.server.ts), which updates the row with version + 1 only where the version still
// matches, appends the log entry and evidence and adds the month counters. Every path that writes
// participants' journey columns (this service, bulk moves, the import, the generator, the seed) goes
// through that pure function and that writer; the stall columns are kept by triggers.
import { and, asc, eq } from "drizzle-orm";
import { perDatabase, type Db } from "../../../db/client";
import { participants, transitionLog } from "../../../db/schema";
import type { JourneyEvent, JourneySnapshot } from "../../../machines/journey";
import { applyJourneyEvent, restoreJourney, startJourney, storeJourney, type StoredJourney } from "../../../machines/journey.persist";
import type { Track } from "../../../machines/stages";
import type { DomicileBasis } from "../../../machines/vocabulary";
import { jakartaDate } from "../i18n/jakarta";
import { nikColumns } from "../identity/identity.server";
import { JourneyError } from "./errors";
import { JourneyWriter, readJourney } from "./journey-writer.server";
import { liveSteps, moveWrite, REGISTER_EVENT, registerWrite, type MachineSteps } from "./move-write";
import { currentRules, rulesVersion, type RulesInForce } from "./rules.server";

export { REGISTER_EVENT } from "./move-write";

/** The machine's steps under these rules, built once per rules object (one per version in force). */
const stepsOf = (() => {
  const built = new WeakMap<RulesInForce, MachineSteps>();
  return (inForce: RulesInForce) => {
    let steps = built.get(inForce);
    if (!steps) built.set(inForce, (steps = liveSteps(inForce)));
    return steps;
  };
})();

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
  domicileBasis: DomicileBasis;
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
  entryHasNib?: boolean | null;
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
  const steps = stepsOf(currentRules(db));
  const identity = nikColumns(input.nik);
  // Called inside a caller's transaction (self-registration creates the account first), this nests.
  return db.transaction(
    (tx) => {
      const existing = tx
        .select({ id: participants.id })
        .from(participants)
        .where(and(eq(participants.agencyId, input.agencyId), eq(participants.nikHmac, identity.nikHmac)))
        .get();
      if (existing) throw new JourneyError("invalid", "This NIK is already registered with this agency");
      const registered = registerWrite(steps, { track: input.track, channel: input.channel, actorUserId, at });
      // The documents statement is P1's evidence: recorded through the machine like any other.
      const documents = moveWrite(steps, registered.journey, {
        event: { type: "RECORD_EVIDENCE", stage: "registration", kind: "documents" },
        actorUserId,
        at,
        evidence: { details: { statement: input.documentsStatement }, occurredOn: jakartaDate(at) },
      });
      const writer = new JourneyWriter(db);
      const participantId = writer.insert(
        {
          userId: input.userId ?? null,
          fullName: input.fullName,
          ...identity,
          phone: input.phone ?? null,
          track: input.track,
          domicileBasis: input.domicileBasis,
          channel: input.channel,
          businessName: input.businessName,
          sector: input.sector,
          documentsStatement: input.documentsStatement,
          districtId: input.districtId,
          cohortId: input.cohortId ?? null,
          agencyId: input.agencyId,
          mentorId: input.mentorId ?? null,
          entryTurnover: input.entryTurnover ?? null,
          entryAssets: input.entryAssets ?? null,
          entryWorkers: input.entryWorkers ?? null,
          entryHasNib: input.entryHasNib ?? null,
          createdAt: at,
        },
        [registered, documents],
      );
      writer.finish();
      return { participantId, version: documents.journey.version };
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
  /**
   * Work that commits with the move or not at all (the climbs a report shows): run inside the move's
   * transaction once its rows are written; if it throws, the move is undone with it.
   */
  alsoInTransaction?: (participantId: number, at: number) => void;
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

/** Call inside a write transaction on `db`'s connection: it reads, checks and writes as one. */
function applyInTransaction(db: Db, input: MoveInput, inForce: RulesInForce): MoveResult {
  const at = input.at ?? Date.now();
  const row = readJourney(db, input.participantId);
  if (!row) throw new JourneyError("not-found", "Participant not found");
  if (row.version !== input.expectedVersion) {
    throw new JourneyError(
      "stale-version",
      `This participant was changed by someone else (version ${row.version}, you saw ${input.expectedVersion})`,
    );
  }
  const snapshot = restoreJourney(inForce.machine, JSON.parse(row.snapshotText) as StoredJourney);
  // The baseline a VERIFY is judged on is the record's, never the caller's.
  const event: JourneyEvent = input.event.type === "VERIFY" ? { type: "VERIFY", baseline: row.baseline } : input.event;
  const move = moveWrite(stepsOf(inForce), { ...row, snapshot }, {
    event,
    actorUserId: input.actorUserId,
    at,
    evidence: input.pendingEvidenceId !== undefined ? { pendingId: input.pendingEvidenceId } : input.evidence,
  });
  const writer = new JourneyWriter(db);
  const logId = writer.update(input.participantId, row.districtId, row.version, [move]);
  writer.finish();
  input.alsoInTransaction?.(input.participantId, at);
  return { version: move.journey.version, snapshot: move.journey.snapshot, logId };
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
  input: Pick<MoveInput, "event" | "actorUserId" | "at" | "evidence" | "alsoInTransaction"> & { items: BulkItem[] },
): BulkOutcome[] {
  const { items, ...move } = input;
  return items.map((item) => {
    try {
      const result = applyMove(db, { ...move, ...item });
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
