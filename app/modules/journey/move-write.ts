// What a journey move writes, computed without I/O. Every path that writes a participant's journey
// (the service's moves and registrations, bulk moves, the import, the generator, the seed) asks this
// module what to write and hands the answer to the one writer (journey-writer.server.ts), so their
// rows are equal because they are made by the same code, not because tests compare them.
import { JOURNEY_MACHINE_VERSION, type JourneyEvent, type JourneyMachine, type JourneySnapshot } from "../../../machines/journey";
import { applyJourneyEvent, startJourney, storeJourney } from "../../../machines/journey.persist";
import { furthestStage, type Requirement } from "../../../machines/journey.requirements";
import type { JourneyRules } from "../../../machines/journey.rules";
import { STAGES, type StageId, type StageState, type Track } from "../../../machines/stages";
import { counterDeltas, type CounterDelta } from "./counters";
import { JourneyError } from "./errors";

/** The log's first entry for a participant: not a machine event, it creates the journey. */
export const REGISTER_EVENT = "REGISTER";

/** The rules a move is made under: the machine built from them and their version (logged). */
export type MoveRules = {
  machine: JourneyMachine;
  rules: JourneyRules;
  version: number;
};

/** A participant's journey as stored: the machine's snapshot and the columns kept beside it. */
export type Journey = {
  snapshot: JourneySnapshot;
  version: number;
  statusReason: string | null;
  /** When P1 … P7 were last entered (their state last changed). */
  enteredAt: (number | null)[];
  lastActivityAt: number;
};

/** What was recorded with a RECORD_EVIDENCE move: a new row, or a pending one the move accepts. */
export type EvidenceWrite =
  | {
      kind: "new";
      stage: StageId;
      evidenceKind: string;
      details: Record<string, unknown>;
      occurredOn: string;
      organisationId: number | null;
    }
  | { kind: "pending"; id: number; stage: StageId; evidenceKind: string };

export type LogWrite = {
  version: number;
  eventType: string;
  stage: StageId | null;
  /** The event as the log's JSON column holds it. */
  eventJson: string;
  reason: string | null;
  evidence: EvidenceWrite | null;
  actorUserId: number | null;
  at: number;
  rulesVersion: number;
};

/** One move: the journey after it, its log entry and what it adds to the dashboard counters. */
export type MoveWrite = {
  journey: Journey;
  log: LogWrite;
  counted: CounterDelta[];
};

export type StepResult = { ok: true; snapshot: JourneySnapshot; changed: StageId[] } | { ok: false; missing: Requirement[] };

/**
 * The machine's two pure answers: a new journey's snapshot, and the next snapshot for an event.
 * `liveSteps` asks the machine each time; `RememberedSteps` remembers each answer (the machine is
 * pure), for writing many journeys that pass through the same few thousand states.
 */
export type MachineSteps = {
  readonly rules: MoveRules;
  start(track: Track): JourneySnapshot;
  step(snapshot: JourneySnapshot, event: JourneyEvent, eventJson: string): StepResult;
};

function changed(before: JourneySnapshot, after: JourneySnapshot): StageId[] {
  return STAGES.filter((stage) => before.context.stages[stage] !== after.context.stages[stage]);
}

export function liveSteps(rules: MoveRules): MachineSteps {
  return {
    rules,
    start: (track) => startJourney(rules.machine, { track }),
    step(snapshot, event) {
      const result = applyJourneyEvent(rules.machine, snapshot, event, rules.rules);
      return result.ok
        ? {
            ok: true,
            snapshot: result.snapshot,
            changed: changed(snapshot, result.snapshot),
          }
        : result;
    },
  };
}

/**
 * Each (state, event) answer computed once with the machine and remembered, refusals included:
 * hundreds of thousands of journeys pass through a few thousand distinct states. Equal states are
 * one object (interned by their stored JSON), so the stored text is computed once per state too.
 */
export class RememberedSteps implements MachineSteps {
  private readonly byJson = new Map<string, JourneySnapshot>();
  private readonly starts = new Map<Track, JourneySnapshot>();
  private readonly next = new WeakMap<JourneySnapshot, Map<string, StepResult>>();
  private readonly live: MachineSteps;

  constructor(readonly rules: MoveRules) {
    this.live = liveSteps(rules);
  }

  /** How many distinct journey states were seen. */
  get size(): number {
    return this.byJson.size;
  }

  start(track: Track): JourneySnapshot {
    let snapshot = this.starts.get(track);
    if (!snapshot) this.starts.set(track, (snapshot = this.intern(this.live.start(track))));
    return snapshot;
  }

  step(snapshot: JourneySnapshot, event: JourneyEvent, eventJson: string): StepResult {
    let answers = this.next.get(snapshot);
    if (!answers) this.next.set(snapshot, (answers = new Map()));
    let result = answers.get(eventJson);
    if (!result) {
      result = this.live.step(snapshot, event, eventJson);
      if (result.ok) result = { ...result, snapshot: this.intern(result.snapshot) };
      answers.set(eventJson, result);
    }
    return result;
  }

  private intern(snapshot: JourneySnapshot): JourneySnapshot {
    const json = storedText(snapshot);
    const known = this.byJson.get(json);
    if (known) return known;
    this.byJson.set(json, snapshot);
    return snapshot;
  }
}

const texts = new WeakMap<JourneySnapshot, string>();

/** The snapshot column's text (drizzle's JSON mode writes JSON.stringify of the stored form). */
export function storedText(snapshot: JourneySnapshot): string {
  let text = texts.get(snapshot);
  if (text === undefined) texts.set(snapshot, (text = JSON.stringify(storeJourney(snapshot))));
  return text;
}

/** The stage an event concerns, for the log's stage column (null for status moves). */
function eventStage(event: JourneyEvent): StageId | null {
  if ("stage" in event) return event.stage;
  if (event.type === "VERIFY" || event.type === "REJECT" || event.type === "RESUBMIT") return "registration";
  return null;
}

/** A new journey on `track`: version 1, P1 entered now, and its REGISTER log entry. */
export function registerWrite(
  steps: MachineSteps,
  input: {
    track: Track;
    channel: string;
    actorUserId: number | null;
    at: number;
  },
): MoveWrite {
  const { track, channel, actorUserId, at } = input;
  const snapshot = steps.start(track);
  return {
    journey: {
      snapshot,
      version: 1,
      statusReason: null,
      enteredAt: [at, null, null, null, null, null, null],
      lastActivityAt: at,
    },
    log: {
      version: 1,
      eventType: REGISTER_EVENT,
      stage: "registration",
      eventJson: JSON.stringify({ type: REGISTER_EVENT, track, channel }),
      reason: null,
      evidence: null,
      actorUserId,
      at,
      rulesVersion: steps.rules.version,
    },
    counted: counterDeltas(null, snapshot.context.stages, () => null, at),
  };
}

export type MoveEvent = {
  event: JourneyEvent;
  actorUserId: number | null;
  at: number;
  /** With RECORD_EVIDENCE: what was recorded, or the id of a pending row this move accepts. */
  evidence?:
    | {
        details: Record<string, unknown>;
        occurredOn: string;
        organisationId?: number | null;
      }
    | { pendingId: number };
};

/**
 * What one event does to a journey. Throws JourneyError("not-allowed") when the machine refuses
 * (with what is missing) and JourneyError("invalid") for a RECORD_EVIDENCE without its evidence.
 */
export function moveWrite(steps: MachineSteps, journey: Journey, input: MoveEvent): MoveWrite {
  const { event, actorUserId, at } = input;
  if (event.type === "RECORD_EVIDENCE" && !input.evidence) throw new JourneyError("invalid", "Evidence details are required");
  const eventJson = JSON.stringify(event);
  const before = journey.snapshot;
  const result = steps.step(before, event, eventJson);
  if (!result.ok) throw new JourneyError("not-allowed", `${event.type} is not allowed now`, result.missing);
  const after = result.snapshot;

  const enteredAt = journey.enteredAt.slice();
  for (const stage of result.changed) enteredAt[STAGES.indexOf(stage)] = at;
  // HOLD and WITHDRAW set the status reason; any other change of status clears it; else it stays.
  const statusReason =
    event.type === "HOLD" || event.type === "WITHDRAW"
      ? event.reason
      : after.context.status === before.context.status
      ? journey.statusReason
      : null;
  let evidence: EvidenceWrite | null = null;
  if (event.type === "RECORD_EVIDENCE" && input.evidence) {
    evidence =
      "pendingId" in input.evidence
        ? {
            kind: "pending",
            id: input.evidence.pendingId,
            stage: event.stage,
            evidenceKind: event.kind,
          }
        : {
            kind: "new",
            stage: event.stage,
            evidenceKind: event.kind,
            details: input.evidence.details,
            occurredOn: input.evidence.occurredOn,
            organisationId: input.evidence.organisationId ?? null,
          };
  }
  const openedAt = (stage: StageId) => journey.enteredAt[STAGES.indexOf(stage)] ?? null;
  const version = journey.version + 1;
  return {
    journey: {
      snapshot: after,
      version,
      statusReason,
      enteredAt,
      lastActivityAt: at,
    },
    log: {
      version,
      eventType: event.type,
      stage: eventStage(event),
      eventJson,
      reason: "reason" in event ? event.reason ?? null : null,
      evidence,
      actorUserId,
      at,
      rulesVersion: steps.rules.version,
    },
    counted: counterDeltas(before.context.stages, after.context.stages, openedAt, at),
  };
}

/** The participant's journey columns for a journey, in the order the writer binds them. */
export function journeyColumns(journey: Journey) {
  const { stages, status } = journey.snapshot.context;
  return {
    status,
    statusReason: journey.statusReason,
    states: STAGES.map((stage) => stages[stage]) as StageState[],
    enteredAt: journey.enteredAt,
    furthestStage: furthestStage(stages),
    lastActivityAt: journey.lastActivityAt,
    version: journey.version,
    machineVersion: JOURNEY_MACHINE_VERSION,
    snapshot: storedText(journey.snapshot),
  };
}
