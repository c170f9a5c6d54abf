// Which moves a participant page offers. The machine is the authority: a move is offered only when
// snapshot.can(event) holds. For the moves a person would look for but cannot make yet (verify,
// start, complete), the page says what is missing, from the same requirement functions the machine's
// guards use.
import type { JourneyMachine, JourneySnapshot } from "../../../machines/journey";
import { explainRefusal, restoreJourney, type StoredJourney } from "../../../machines/journey.persist";
import type { JourneyRules } from "../../../machines/journey.rules";
import { MIDDLE_STAGES, type StageId } from "../../../machines/stages";
import { needsReason, toJourneyEvent, type MoveEvent, type MoveOption } from "./moves";

// can() needs a reason to evaluate a move that requires one; the real reason is checked on submit.
const SOME_REASON = "-";

type Candidate = { event: MoveEvent; stage: StageId | null; explain: boolean };

function candidates(snapshot: JourneySnapshot, dormant: boolean): Candidate[] {
  const { status, stages } = snapshot.context;
  const list: Candidate[] = [];
  const add = (event: MoveEvent, stage: StageId | null = null, explain = false) => list.push({ event, stage, explain });

  if (status === "on_hold") {
    add("RESUME");
    add("WITHDRAW");
    return list;
  }
  if (status === "withdrawn") {
    add("REINSTATE");
    return list;
  }
  if (status !== "active") return list;
  // Bringing back is offered only to the dormant (a derived classification the machine does not know).
  if (dormant) add("REACTIVATE");

  if (stages.registration === "submitted") {
    add("VERIFY", null, true);
    add("REJECT");
  } else if (stages.registration === "rejected") {
    add("RESUBMIT");
  } else {
    // P2–P7 only once P1 is verified; before that the page says so once rather than per stage.
    for (const stage of MIDDLE_STAGES) {
      const state = stages[stage];
      if (state === "not_started") {
        add("START", stage, true);
        add("WAIVE", stage);
      } else if (state === "in_progress") {
        add("COMPLETE", stage, true);
        add("WAIVE", stage);
      } else {
        add("SEND_BACK", stage);
      }
    }
    if (stages.capital === "not_started") add("START", "capital", true);
    else if (stages.capital === "in_progress") add("COMPLETE", "capital", true);
  }
  add("HOLD");
  add("WITHDRAW");
  return list;
}

/** `dormant`: the participant is dormant now (stalled.ts), so bringing them back is offered. */
export function movesFor(snapshot: JourneySnapshot, rules: JourneyRules, { dormant = false }: { dormant?: boolean } = {}): MoveOption[] {
  const options: MoveOption[] = [];
  for (const candidate of candidates(snapshot, dormant)) {
    const event = toJourneyEvent(candidate.event, candidate.stage, needsReason(candidate.event) ? SOME_REASON : undefined);
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
