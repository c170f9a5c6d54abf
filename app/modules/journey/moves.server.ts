// Which moves a participant page offers. The machine is the authority: the candidates are the events
// each region's current state handles (its `on` keys, in the machine's order), and a move is offered
// only when snapshot.can(event) holds. For the moves a person would look for but cannot make yet
// (verify, start, complete), the page says what is missing, from the same requirement functions the
// machine's guards use.
import type { JourneyEvent, JourneyMachine, JourneySnapshot } from "../../../machines/journey";
import type { BaselineField } from "../../../machines/journey.requirements";
import { explainRefusal, restoreJourney, type StoredJourney } from "../../../machines/journey.persist";
import type { JourneyRules } from "../../../machines/journey.rules";
import { MIDDLE_STAGES, type StageId } from "../../../machines/stages";
import { isMoveEvent, needsReason, toJourneyEvent, type MoveEvent, type MoveOption } from "./moves";

// can() needs a reason to evaluate a move that requires one; the real reason is checked on submit.
const SOME_REASON = "-";

/** Refused moves the page explains: the ones a person looks for to move a stage on. */
const EXPLAINED: readonly MoveEvent[] = ["VERIFY", "START", "COMPLETE"];

type Candidate = { event: MoveEvent; stage: StageId | null; explain: boolean };

/** The button events the region's current state handles, in the order the machine lists them. */
function regionMoves(snapshot: JourneySnapshot, region: "status" | StageId): MoveEvent[] {
  const state = (snapshot.value as Record<string, string>)[region]!;
  return snapshot.machine.root.states[region]!.states[state]!.ownEvents.filter(isMoveEvent);
}

function candidates(snapshot: JourneySnapshot, dormant: boolean): Candidate[] {
  const { status, stages } = snapshot.context;
  const candidate = (stage: StageId | null) => (event: MoveEvent): Candidate => ({ event, stage, explain: EXPLAINED.includes(event) });
  // Bringing back is offered only to the dormant (a derived classification the machine does not
  // know), and first: it is what their page is opened for. The other status moves come last.
  const statusMoves = regionMoves(snapshot, "status").filter((event) => event !== "REACTIVATE" || dormant);
  const stageMoves: Candidate[] = [];
  // Stage moves only while active; P2–P7 only once P1 is verified: before that the page says so once
  // rather than per stage.
  if (status === "active") {
    stageMoves.push(...regionMoves(snapshot, "registration").map(candidate(null)));
    if (stages.registration === "verified") {
      for (const stage of [...MIDDLE_STAGES, "capital"] as const) stageMoves.push(...regionMoves(snapshot, stage).map(candidate(stage)));
    }
  }
  return [
    ...statusMoves.filter((event) => event === "REACTIVATE").map(candidate(null)),
    ...stageMoves,
    ...statusMoves.filter((event) => event !== "REACTIVATE").map(candidate(null)),
  ];
}

/**
 * `dormant`: the participant is dormant now (stalled.ts), so bringing them back is offered.
 * `baseline`: the baseline figures the record holds, which the service puts on a VERIFY.
 */
export function movesFor(
  snapshot: JourneySnapshot,
  rules: JourneyRules,
  { dormant = false, baseline = [] }: { dormant?: boolean; baseline?: BaselineField[] } = {},
): MoveOption[] {
  const options: MoveOption[] = [];
  for (const candidate of candidates(snapshot, dormant)) {
    const asked = toJourneyEvent(candidate.event, candidate.stage, needsReason(candidate.event) ? SOME_REASON : undefined);
    const event: JourneyEvent = asked.type === "VERIFY" ? { type: "VERIFY", baseline } : asked;
    if (snapshot.can(event)) {
      options.push({ event: candidate.event, stage: candidate.stage, allowed: true, missing: [] });
      continue;
    }
    if (!candidate.explain) continue;
    const missing = explainRefusal(snapshot.context, event, rules);
    if (missing.length > 0) options.push({ event: candidate.event, stage: candidate.stage, allowed: false, missing });
  }
  return options;
}

export function restoreStored(machine: JourneyMachine, stored: unknown): JourneySnapshot {
  return restoreJourney(machine, stored as StoredJourney);
}
