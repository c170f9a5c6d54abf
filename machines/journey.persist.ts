// Storing and restoring a journey, and applying one event, as pure functions.
// We persist our own small shape ({ machineVersion, value, context }) rather than xstate's internal
// persisted snapshot, so that an xstate upgrade cannot change what sits in the database.
import { createActor, initialTransition, type AnyActorScope, type StateValue } from "xstate";
import {
  JOURNEY_MACHINE_VERSION,
  type JourneyEvent,
  type JourneyInput,
  type JourneyMachine,
  type JourneySnapshot,
} from "./journey";
import type { JourneyRules } from "./journey.rules";
import {
  missingReason,
  missingToComplete,
  missingToSendBack,
  missingToStart,
  missingToVerify,
  missingToWaive,
  type JourneyContext,
  type Requirement,
} from "./journey.requirements";
import { STAGES, type ParticipantStatus, type StageId, type StageState } from "./stages";

export type StoredJourney = {
  machineVersion: number;
  value: StateValue;
  context: JourneyContext;
};

export function startJourney(machine: JourneyMachine, input: JourneyInput): JourneySnapshot {
  const [snapshot] = initialTransition(machine, input);
  return snapshot;
}

export function storeJourney(snapshot: JourneySnapshot): StoredJourney {
  return {
    machineVersion: JOURNEY_MACHINE_VERSION,
    value: snapshot.value,
    context: snapshot.context,
  };
}

export function restoreJourney(machine: JourneyMachine, stored: StoredJourney): JourneySnapshot {
  if (stored.machineVersion !== JOURNEY_MACHINE_VERSION) {
    throw new Error(
      `Stored journey is machine version ${stored.machineVersion}, expected ${JOURNEY_MACHINE_VERSION}: migrate it first`,
    );
  }
  return machine.resolveState({ value: stored.value, context: stored.context });
}

export type ApplyResult =
  | { ok: true; snapshot: JourneySnapshot }
  | { ok: false; missing: Requirement[] };

/** Applies an event if the machine allows it; otherwise says what is missing (possibly nothing explainable). */
export function applyJourneyEvent(
  machine: JourneyMachine,
  snapshot: JourneySnapshot,
  event: JourneyEvent,
  rules: JourneyRules,
): ApplyResult {
  // A snapshot answers can() with the machine that made it: when the rules (and so the machine)
  // changed since, re-resolve it under the machine in force.
  const current =
    snapshot.machine === machine ? snapshot : machine.resolveState({ value: snapshot.value, context: snapshot.context });
  if (!current.can(event)) return { ok: false, missing: explainRefusal(current.context, event, rules) };
  return { ok: true, snapshot: machine.transition(current, event, inertScope(machine)) };
}

const inertScopes = new WeakMap<JourneyMachine, AnyActorScope>();

/**
 * The scope the machine's pure transition runs in: an actor that is never started, and no effects.
 * xstate's `transition()` builds this on every call, and building it enters the machine's initial
 * state across all eight regions: most of a move's machine time. Built once per machine instead
 * (docs/decisions/0006-move-step.md); the machine has only `assign` actions, no actors or timers,
 * so nothing is ever registered in it. A test checks every generated path against `transition()`.
 */
function inertScope(machine: JourneyMachine): AnyActorScope {
  let scope = inertScopes.get(machine);
  if (!scope) {
    // Never started: its own (initial) state is never read, so any track will do.
    const self = createActor(machine, { input: { track: "pemula" } });
    const noop = () => {};
    scope = {
      self,
      system: self.system,
      id: "",
      sessionId: "",
      logger: noop,
      defer: noop,
      emit: noop,
      stopChild: noop,
      actionExecutor: noop,
    };
    inertScopes.set(machine, scope);
  }
  return scope;
}

/**
 * Why an event is refused, in terms a person can act on. Empty when the refusal is structural
 * (e.g. completing a stage that is already done): the UI never offers such a move.
 */
export function explainRefusal(
  context: JourneyContext,
  event: JourneyEvent,
  rules: JourneyRules,
): Requirement[] {
  if (context.status !== "active" && !["RESUME", "REINSTATE", "WITHDRAW"].includes(event.type)) {
    return [{ code: "status-active", status: context.status }];
  }
  switch (event.type) {
    case "START":
      return missingToStart(context, event.stage, rules);
    case "COMPLETE":
      return missingToComplete(context, event.stage, rules);
    case "VERIFY":
      // Only a submitted registration can be verified: nothing to explain once it is verified or rejected.
      return context.stages.registration === "submitted" ? missingToVerify(context, event.baseline, rules) : [];
    case "WAIVE":
      return missingToWaive(context, event.stage, event.reason, rules);
    case "RECORD_EVIDENCE":
      return missingToStart(context, event.stage, rules);
    case "SEND_BACK":
      return missingToSendBack(context, event.reason);
    case "REJECT":
    case "HOLD":
    case "WITHDRAW":
      return missingReason(event.reason);
    default:
      return [];
  }
}

/** The denormalised columns the database keeps for querying. */
export type JourneyColumns = {
  status: ParticipantStatus;
  stages: Record<StageId, StageState>;
};

export function journeyColumns(snapshot: JourneySnapshot): JourneyColumns {
  return { status: snapshot.context.status, stages: { ...snapshot.context.stages } };
}

/** The stages whose state differs between two snapshots (to stamp their entered-at). */
export function changedStages(before: JourneySnapshot, after: JourneySnapshot): StageId[] {
  return STAGES.filter((stage) => before.context.stages[stage] !== after.context.stages[stage]);
}
