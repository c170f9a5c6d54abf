// The journey machine: the single authority over which moves are legal for one participant.
//
// Shape (a parallel machine, one region each):
//   status        active | on_hold | withdrawn | graduated
//   registration  submitted | verified | rejected                         (P1)
//   training … financial_reporting   not_started | in_progress | done | waived   (P2–P6)
//   capital       not_started | in_progress | done                       (P7, behind the readiness rule)
//
// Invariants kept for persistence (snapshots are stored as JSON and restored on every move):
// no `after` timers, no history states, no invoked or spawned actors. "On hold, then resume where
// they were" works because holding only moves the status region; the stage regions stay put.
import { assign, setup, type SnapshotFrom } from "xstate";
import type { JourneyRules } from "./journey.rules";
import {
  missingReason,
  missingToComplete,
  missingToSendBack,
  missingToStart,
  missingToVerify,
  missingToWaive,
  type BaselineField,
  type JourneyContext,
} from "./journey.requirements";
import {
  EVIDENCE_KINDS,
  type EvidenceKind,
  type ParticipantStatus,
  type StageId,
  type StageState,
  type Track,
} from "./stages";

/**
 * Bump when the machine's states or context change, and add a pure, tested migration of stored
 * snapshots: none exists yet, and restoreJourney (journey.persist.ts) refuses any other version.
 */
export const JOURNEY_MACHINE_VERSION = 1;

export type JourneyEvent =
  | { type: "RECORD_EVIDENCE"; stage: StageId; kind: EvidenceKind }
  /** `baseline`: the baseline figures the record holds (see missingToVerify), put there by the service. */
  | { type: "VERIFY"; baseline?: BaselineField[] }
  | { type: "REJECT"; reason: string }
  | { type: "RESUBMIT" }
  | { type: "START"; stage: StageId }
  | { type: "COMPLETE"; stage: StageId }
  | { type: "WAIVE"; stage: StageId; reason: string; evidence?: string }
  | { type: "SEND_BACK"; stage: StageId; reason: string }
  | { type: "HOLD"; reason: string }
  | { type: "RESUME" }
  | { type: "WITHDRAW"; reason: string }
  | { type: "REINSTATE" }
  /**
   * A mentor brings a dormant participant back (docs/decisions/0007-dormancy.md). Changes no state:
   * like every applied event it is logged and stamps the last activity, which is what ends dormancy.
   */
  | { type: "REACTIVATE"; reason?: string };

export type JourneyEventType = JourneyEvent["type"];

export type JourneyInput = { track: Track };

type Args = { context: JourneyContext; event: JourneyEvent };

function stageOf(event: JourneyEvent): StageId | undefined {
  return "stage" in event ? event.stage : undefined;
}

function reasonOf(event: JourneyEvent): string | undefined {
  return "reason" in event ? event.reason : undefined;
}

const isActive = (context: JourneyContext) => context.status === "active";

const mirrorStage = (stage: StageId, state: StageState) => ({ type: "mirrorStage" as const, params: { stage, state } });
const mirrorStatus = (status: ParticipantStatus) => ({ type: "mirrorStatus" as const, params: { status } });
const countEvidence = { type: "countEvidence" as const };

// xstate's pure transition() builds a throwaway actor, without input, before every transition; its
// context is discarded. It gets a neutral one instead of a TypeError, whose stack cost more than the move.
function initialContext(input: JourneyInput | undefined): JourneyContext {
  return {
    track: input?.track ?? "pemula",
    status: "active",
    stages: {
      registration: "submitted",
      training: "not_started",
      mentoring: "not_started",
      licensing: "not_started",
      marketing: "not_started",
      financial_reporting: "not_started",
      capital: "not_started",
    },
    evidence: {},
  };
}

/** Builds the machine for one set of rules. Rules are settings, so the machine takes them as an argument. */
export function createJourneyMachine(rules: JourneyRules) {
  const forStage = (stage: StageId) => ({ event }: Args) => stageOf(event) === stage;
  const evidenceFor = (stage: StageId) => ({ event }: Args) =>
    event.type === "RECORD_EVIDENCE" &&
    event.stage === stage &&
    (EVIDENCE_KINDS[stage] as readonly string[]).includes(event.kind);

  const guards = {
    canRecordEvidence: (stage: StageId) => (args: Args) =>
      isActive(args.context) && evidenceFor(stage)(args),
    canStart: (stage: StageId) => (args: Args) =>
      isActive(args.context) && forStage(stage)(args) && missingToStart(args.context, stage, rules).length === 0,
    /** Recording evidence on a stage not yet started starts it, when it could be started. */
    canStartWithEvidence: (stage: StageId) => (args: Args) =>
      isActive(args.context) && evidenceFor(stage)(args) && missingToStart(args.context, stage, rules).length === 0,
    canComplete: (stage: StageId) => (args: Args) =>
      isActive(args.context) && forStage(stage)(args) && missingToComplete(args.context, stage, rules).length === 0,
    canWaive: (stage: StageId) => (args: Args) =>
      isActive(args.context) &&
      forStage(stage)(args) &&
      missingToWaive(args.context, stage, reasonOf(args.event), rules).length === 0,
    canSendBack: (stage: StageId) => (args: Args) =>
      isActive(args.context) &&
      forStage(stage)(args) &&
      missingToSendBack(args.context, reasonOf(args.event)).length === 0,
  };

  function middleStageRegion(stage: StageId) {
    return {
      initial: "not_started" as const,
      states: {
        not_started: {
          on: {
            START: { guard: guards.canStart(stage), target: "in_progress" },
            RECORD_EVIDENCE: {
              guard: guards.canStartWithEvidence(stage),
              target: "in_progress",
              actions: countEvidence,
            },
            WAIVE: { guard: guards.canWaive(stage), target: "waived" },
          },
        },
        in_progress: {
          entry: mirrorStage(stage, "in_progress"),
          on: {
            RECORD_EVIDENCE: { guard: guards.canRecordEvidence(stage), actions: countEvidence },
            COMPLETE: { guard: guards.canComplete(stage), target: "done" },
            WAIVE: { guard: guards.canWaive(stage), target: "waived" },
          },
        },
        done: {
          entry: mirrorStage(stage, "done"),
          on: { SEND_BACK: { guard: guards.canSendBack(stage), target: "in_progress" } },
        },
        waived: {
          entry: mirrorStage(stage, "waived"),
          on: { SEND_BACK: { guard: guards.canSendBack(stage), target: "in_progress" } },
        },
      },
    };
  }

  return setup({
    types: {
      context: {} as JourneyContext,
      events: {} as JourneyEvent,
      input: {} as JourneyInput,
    },
    actions: {
      mirrorStage: assign(({ context }, params: { stage: StageId; state: StageState }) => ({
        stages: { ...context.stages, [params.stage]: params.state },
      })),
      mirrorStatus: assign((_, params: { status: ParticipantStatus }) => ({ status: params.status })),
      countEvidence: assign(({ context, event }) => {
        if (event.type !== "RECORD_EVIDENCE") return {};
        return { evidence: { ...context.evidence, [event.kind]: (context.evidence[event.kind] ?? 0) + 1 } };
      }),
    },
  }).createMachine({
    id: "journey",
    type: "parallel",
    context: ({ input }) => initialContext(input),
    states: {
      status: {
        initial: "active",
        states: {
          active: {
            entry: mirrorStatus("active"),
            always: { guard: ({ context }) => context.stages.capital === "done", target: "graduated" },
            on: {
              HOLD: { guard: ({ event }) => missingReason(reasonOf(event)).length === 0, target: "on_hold" },
              WITHDRAW: { guard: ({ event }) => missingReason(reasonOf(event)).length === 0, target: "withdrawn" },
              // Targetless, so it needs an action for can() to allow it (xstate counts a transition
              // with neither target nor actions as forbidden). Re-mirroring "active" changes nothing
              // in the context, so the stored snapshot keeps its shape (machine version unchanged).
              REACTIVATE: { actions: mirrorStatus("active") },
            },
          },
          on_hold: {
            entry: mirrorStatus("on_hold"),
            on: {
              RESUME: { target: "active" },
              WITHDRAW: { guard: ({ event }) => missingReason(reasonOf(event)).length === 0, target: "withdrawn" },
            },
          },
          withdrawn: {
            entry: mirrorStatus("withdrawn"),
            on: { REINSTATE: { target: "active" } },
          },
          graduated: { entry: mirrorStatus("graduated") },
        },
      },
      registration: {
        initial: "submitted",
        states: {
          submitted: {
            entry: mirrorStage("registration", "submitted"),
            on: {
              RECORD_EVIDENCE: { guard: guards.canRecordEvidence("registration"), actions: countEvidence },
              VERIFY: {
                guard: ({ context, event }) =>
                  isActive(context) &&
                  missingToVerify(context, event.type === "VERIFY" ? event.baseline : undefined, rules).length === 0,
                target: "verified",
              },
              REJECT: {
                guard: ({ context, event }) => isActive(context) && missingReason(reasonOf(event)).length === 0,
                target: "rejected",
              },
            },
          },
          rejected: {
            entry: mirrorStage("registration", "rejected"),
            on: { RESUBMIT: { guard: ({ context }) => isActive(context), target: "submitted" } },
          },
          verified: { entry: mirrorStage("registration", "verified") },
        },
      },
      training: middleStageRegion("training"),
      mentoring: middleStageRegion("mentoring"),
      licensing: middleStageRegion("licensing"),
      marketing: middleStageRegion("marketing"),
      financial_reporting: middleStageRegion("financial_reporting"),
      capital: {
        initial: "not_started",
        states: {
          not_started: {
            on: {
              START: { guard: guards.canStart("capital"), target: "in_progress" },
              RECORD_EVIDENCE: {
                guard: guards.canStartWithEvidence("capital"),
                target: "in_progress",
                actions: countEvidence,
              },
            },
          },
          in_progress: {
            entry: mirrorStage("capital", "in_progress"),
            on: {
              RECORD_EVIDENCE: { guard: guards.canRecordEvidence("capital"), actions: countEvidence },
              COMPLETE: { guard: guards.canComplete("capital"), target: "done" },
            },
          },
          done: { entry: mirrorStage("capital", "done") },
        },
      },
    },
  });
}

export type JourneyMachine = ReturnType<typeof createJourneyMachine>;
export type JourneySnapshot = SnapshotFrom<JourneyMachine>;
