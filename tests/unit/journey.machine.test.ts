// The journey machine (machines/journey.ts): first from its own graph (xstate/graph), then guard by
// guard, each with a move it must allow and one it must refuse.
import { beforeAll, describe, expect, it } from "vitest";
import { transition } from "xstate";
import { getAdjacencyMap, getShortestPaths, getSimplePaths, type StatePath } from "xstate/graph";
import { createJourneyMachine, type JourneyEvent, type JourneySnapshot } from "../../machines/journey";
import { applyJourneyEvent, startJourney } from "../../machines/journey.persist";
import { completionEvidence, evidenceCount } from "../../machines/journey.requirements";
import { DEFAULT_JOURNEY_RULES, parseJourneyRules, type JourneyRules } from "../../machines/journey.rules";
import { EVIDENCE_KINDS, MIDDLE_STAGES, STAGES, type StageId, type Track } from "../../machines/stages";
import {
  EVERY_EVENT,
  STATUS_EVENT_TYPES,
  allowedEvents,
  attempt,
  begin,
  evidence,
  finish,
  graduated,
  inCapital,
  midJourney,
  move,
  readyForCapital,
  registered,
  stageValues,
  verified,
  FULL_BASELINE,
  VERIFY,
  type Journey,
} from "./fixtures/journey";

// ---------------------------------------------------------------------------------------------
// The graph
// ---------------------------------------------------------------------------------------------

/** Small rules for the graph: two sessions for P3, P7 behind all five of P2–P6 with P6 done. */
const GRAPH_RULES: JourneyRules = {
  mentoringSessionsRequired: 2,
  capitalReadiness: { minMiddleStagesDoneOrWaived: 5, requiredDone: ["financial_reporting"] },
  waivableStages: { pemula: [], naik_kelas: [...MIDDLE_STAGES] },
  baselineRequired: true,
};
const graphMachine = createJourneyMachine(GRAPH_RULES);

/**
 * A graph vertex: the state value plus, per stage, the evidence that counts towards completing it,
 * capped at what the guard needs. Evidence counters grow without bound; capping them keeps the
 * graph finite without merging two states that a guard tells apart.
 */
function graphKey(snapshot: JourneySnapshot): string {
  const progress = STAGES.map((stage) => {
    const { kinds, need } = completionEvidence(stage, GRAPH_RULES);
    return Math.min(evidenceCount(snapshot.context, kinds), need);
  });
  return JSON.stringify([snapshot.value, progress]);
}

type JourneyPath = StatePath<JourneySnapshot, JourneyEvent>;

/**
 * Shortest paths to every reachable state, offering every event in EVERY_EVENT and keeping the
 * moves the machine allows (refusals are self-loops, tested one by one below). The status region
 * behaves the same on both tracks, so its moves are explored on pemula only: exploring them on
 * naik kelas too would triple that graph (about 32,000 states) and reach nothing new.
 */
function shortestPaths(track: Track): JourneyPath[] {
  const exploreStatus = track === "pemula";
  return getShortestPaths(graphMachine, {
    input: { track },
    events: EVERY_EVENT,
    serializeState: graphKey,
    // Fails fast ("Traversal limit exceeded") if a change to the machine makes the graph explode,
    // e.g. a counter the key does not cap. Today's graphs take under 150,000 steps.
    limit: 400_000,
    filterEvents: (snapshot, event) =>
      (exploreStatus || !(STATUS_EVENT_TYPES as readonly string[]).includes(event.type)) && snapshot.can(event),
  });
}

/** The events of a generated path (its first step is xstate's init, not a move). */
const eventsOf = (path: JourneyPath): JourneyEvent[] => path.steps.slice(1).map((step) => step.event);

const REGIONS = Object.keys(graphMachine.root.states);
/** Every event type the machine handles anywhere. */
const MACHINE_EVENT_TYPES = graphMachine.root.events as string[];
/** Every leaf state node of every region, as "region.state" (e.g. status.on_hold, training.waived). */
const EVERY_REGION_STATE = REGIONS.flatMap((region) =>
  Object.keys(graphMachine.root.states[region]!.states).map((state) => `${region}.${state}`),
);

function regionStates(snapshot: JourneySnapshot): string[] {
  return Object.entries(snapshot.value as Record<string, string>).map(([region, state]) => `${region}.${state}`);
}

const isDoneOrWaived = (state: string) => state === "done" || state === "waived";

/**
 * Shortest paths reach every vertex but never take a move that leads back to a vertex already
 * reached (RESUME, REINSTATE, RESUBMIT, SEND_BACK). So, for each event of the alphabet, add the
 * shortest path that ends by taking it: the shortest path to the nearest state that allows it,
 * plus that move (its target computed by the machine's own transition, as the graph does).
 */
function pathsTakingEachEvent(statePaths: JourneyPath[]): JourneyPath[] {
  const byWeight = [...statePaths].sort((a, b) => a.weight - b.weight);
  return EVERY_EVENT.flatMap((event) => {
    const from = byWeight.find((path) => path.state.can(event));
    if (!from) return [];
    const [state] = transition(graphMachine, from.state, event);
    return [{ state, steps: [...from.steps, { state, event }], weight: from.weight + 1 }];
  });
}

/**
 * The moves of EVERY_EVENT that do not exist in the machine: P1 is verified (never started or
 * completed), and neither P1 nor P7 is ever waived or sent back.
 */
const MOVES_THAT_DO_NOT_EXIST: JourneyEvent[] = EVERY_EVENT.filter((event) => {
  // A VERIFY without every baseline figure: no state of the graph accepts it.
  if (event.type === "VERIFY") return event.baseline?.length !== FULL_BASELINE.length;
  if (!("stage" in event)) return false;
  if (event.stage === "registration") return ["START", "COMPLETE", "WAIVE", "SEND_BACK"].includes(event.type);
  if (event.stage === "capital") return ["WAIVE", "SEND_BACK"].includes(event.type);
  return false;
});

describe("the machine's own graph (xstate/graph)", () => {
  const graphs = {} as Record<Track, JourneyPath[]>;
  /** One shortest path to every vertex of both graphs. */
  let statePaths: JourneyPath[];
  /** One shortest path ending in each event the machine allows somewhere. */
  let eventPaths: JourneyPath[];
  let allPaths: JourneyPath[];

  beforeAll(() => {
    graphs.pemula = shortestPaths("pemula");
    graphs.naik_kelas = shortestPaths("naik_kelas");
    statePaths = [...graphs.pemula, ...graphs.naik_kelas];
    eventPaths = pathsTakingEachEvent(statePaths);
    allPaths = [...statePaths, ...eventPaths];

    const reached = new Set(allPaths.flatMap((path) => regionStates(path.state)));
    const taken = new Set<string>(allPaths.flatMap((path) => eventsOf(path).map((event) => event.type)));
    const longest = Math.max(...allPaths.map((path) => eventsOf(path).length));
    console.log(
      `journey graph: ${statePaths.length} shortest paths ` +
        `(pemula ${graphs.pemula.length}, naik kelas ${graphs.naik_kelas.length}) ` +
        `+ ${eventPaths.length} paths ending in each allowed move, longest ${longest} moves; ` +
        `${reached.size}/${EVERY_REGION_STATE.length} region states, ` +
        `${taken.size}/${MACHINE_EVENT_TYPES.length} event types covered`,
    );
  });

  it("reaches every state of every region (both tracks together)", () => {
    const reached = new Set(statePaths.flatMap((path) => regionStates(path.state)));
    expect(EVERY_REGION_STATE).toContain("status.on_hold");
    expect(EVERY_REGION_STATE).toContain("training.waived");
    expect(EVERY_REGION_STATE.filter((state) => !reached.has(state))).toEqual([]);
  });

  it("takes every event type the machine handles on some path", () => {
    const taken = new Set<string>(allPaths.flatMap((path) => eventsOf(path).map((event) => event.type)));
    expect(MACHINE_EVENT_TYPES.length).toBeGreaterThanOrEqual(12);
    expect(MACHINE_EVENT_TYPES.filter((type) => !taken.has(type))).toEqual([]);
  });

  it("allows every move of the alphabet somewhere, except the moves that do not exist", () => {
    const taken = new Set(eventPaths.map((path) => JSON.stringify(eventsOf(path).at(-1))));
    const neverAllowed = EVERY_EVENT.filter((event) => !taken.has(JSON.stringify(event)));
    expect(neverAllowed).toEqual(MOVES_THAT_DO_NOT_EXIST);
  });

  it("never waives on the pemula track, and reaches every waived stage on naik kelas", () => {
    const pemulaStates = new Set(graphs.pemula.flatMap((path) => regionStates(path.state)));
    expect([...pemulaStates].filter((state) => state.endsWith(".waived"))).toEqual([]);
    expect(graphs.pemula.some((path) => eventsOf(path).some((event) => event.type === "WAIVE"))).toBe(false);

    const naikKelasStates = new Set(graphs.naik_kelas.flatMap((path) => regionStates(path.state)));
    for (const stage of MIDDLE_STAGES) expect(naikKelasStates).toContain(`${stage}.waived`);
  });

  it("replays every generated path through startJourney + applyJourneyEvent to the state the graph says, each step as xstate's transition() gives it", () => {
    // Paths share prefixes (each shortest path extends another): replay each prefix once, keeping
    // the replayed snapshots as a tree (snapshot → event → next snapshot).
    const starts: Record<Track, JourneySnapshot> = {
      pemula: startJourney(graphMachine, { track: "pemula" }),
      naik_kelas: startJourney(graphMachine, { track: "naik_kelas" }),
    };
    const children = new Map<JourneySnapshot, Map<string, JourneySnapshot>>();
    const mismatches: string[] = [];
    let applied = 0;
    for (const path of allPaths) {
      let snapshot = starts[path.steps[0]!.state.context.track];
      const events = eventsOf(path);
      for (const event of events) {
        const key = JSON.stringify(event);
        let next = children.get(snapshot)?.get(key);
        if (!next) {
          const result = applyJourneyEvent(graphMachine, snapshot, event, GRAPH_RULES);
          applied += 1;
          if (!result.ok) {
            mismatches.push(`refused ${key} after ${graphKey(snapshot)}`);
            break;
          }
          next = result.snapshot;
          // applyJourneyEvent runs the machine's transition in a scope it keeps (decision 0006):
          // it must give exactly what xstate's own transition() gives.
          const [expected] = transition(graphMachine, snapshot, event);
          if (JSON.stringify([next.value, next.context]) !== JSON.stringify([expected.value, expected.context])) {
            mismatches.push(`${key} after ${graphKey(snapshot)} differs from xstate's transition()`);
          }
          if (!children.has(snapshot)) children.set(snapshot, new Map());
          children.get(snapshot)!.set(key, next);
        }
        snapshot = next;
      }
      // The graph keeps one snapshot per vertex, so counters above the cap may differ from the
      // replay's; the vertex, the status and every stage's state must not.
      if (
        graphKey(snapshot) !== graphKey(path.state) ||
        snapshot.context.status !== path.state.context.status ||
        JSON.stringify(snapshot.context.stages) !== JSON.stringify(path.state.context.stages) ||
        snapshot.context.track !== path.state.context.track
      ) {
        mismatches.push(`${JSON.stringify(events)} ended in ${graphKey(snapshot)}, graph says ${graphKey(path.state)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(applied).toBeGreaterThanOrEqual(statePaths.length - 2);
  });

  it("keeps the context's mirror of status and stages equal to the regions' states on every reachable state", () => {
    const broken = allPaths.filter(({ state }) => {
      const value = state.value as Record<string, string>;
      return state.context.status !== value.status || STAGES.some((stage) => state.context.stages[stage] !== value[stage]);
    });
    expect(broken.map((path) => graphKey(path.state))).toEqual([]);
  });

  it("never has P7 open unless the readiness rule held: P1 verified, all of P2–P6 done or waived, P6 done", () => {
    const opened = allPaths.filter(({ state }) => state.context.stages.capital !== "not_started");
    expect(opened.length).toBeGreaterThan(0);
    for (const { state } of opened) {
      expect(state.context.stages.registration).toBe("verified");
      expect(MIDDLE_STAGES.every((stage) => isDoneOrWaived(state.context.stages[stage]))).toBe(true);
      expect(state.context.stages.financial_reporting).toBe("done");
    }
  });

  it("graduates exactly those whose P7 is done, and only with a capital approval or disbursement", () => {
    for (const { state } of allPaths) {
      const graduatedNow = state.context.status === "graduated";
      expect(graduatedNow).toBe(state.context.stages.capital === "done");
      if (graduatedNow) {
        expect(evidenceCount(state.context, ["capital_approved", "capital_disbursed"])).toBeGreaterThan(0);
      }
    }
  });

  it("never opens P2–P6 before P1 is verified", () => {
    for (const { state } of allPaths) {
      if (state.context.stages.registration === "verified") continue;
      for (const stage of MIDDLE_STAGES) expect(state.context.stages[stage]).toBe("not_started");
    }
  });
});

describe("simple paths through the machine's graph", () => {
  it("P2–P6 run in any order: simple paths to two stages finished take both orders, each finished by its evidence or a waiver", () => {
    const pair = ["training", "licensing"] as const;
    const options = {
      fromState: verified("naik_kelas", GRAPH_RULES).snapshot,
      events: EVERY_EVENT.filter((event) => "stage" in event && (pair as readonly string[]).includes(event.stage)),
      serializeState: graphKey,
      filterEvents: (snapshot: JourneySnapshot, event: JourneyEvent) => snapshot.can(event),
    };
    // Two independent regions of six vertices each (not started; in progress with 0 or 1 evidence;
    // done; waived with 0 or 1 evidence). Checked first: simple paths grow exponentially with the
    // graph, so a machine that grew new moves here would hang the enumeration instead of failing.
    expect(Object.keys(getAdjacencyMap(graphMachine, options))).toHaveLength(6 * 6);
    const paths = getSimplePaths(graphMachine, {
      ...options,
      toState: (snapshot) => pair.every((stage) => isDoneOrWaived(snapshot.context.stages[stage])),
    });
    expect(paths.length).toBeGreaterThan(100);

    // Which of the two finished first, on each path.
    const orders = new Set(
      paths.map((path) => {
        const first = path.steps.find((step) => pair.some((stage) => isDoneOrWaived(step.state.context.stages[stage])))!;
        return pair.find((stage) => isDoneOrWaived(first.state.context.stages[stage]));
      }),
    );
    expect(orders).toEqual(new Set(pair));

    for (const path of paths) {
      const events = eventsOf(path);
      for (const stage of pair) {
        if (path.state.context.stages[stage] === "waived") {
          expect(events.some((event) => event.type === "WAIVE" && event.stage === stage)).toBe(true);
        } else {
          const completed = events.map((event) => event.type === "COMPLETE" && event.stage === stage).lastIndexOf(true);
          const evidenced = events.findIndex((event) => event.type === "RECORD_EVIDENCE" && event.stage === stage);
          expect(evidenced).toBeGreaterThanOrEqual(0);
          expect(evidenced).toBeLessThan(completed);
        }
      }
    }
  });

  it("P7: every simple path from readiness to graduation has an approval or disbursement, and no SEND_BACK once P7 opened", () => {
    const ready = readyForCapital("pemula", GRAPH_RULES);
    const p7Events = EVERY_EVENT.filter(
      (event) =>
        ["HOLD", "RESUME"].includes(event.type) ||
        ("stage" in event && (event.stage === "capital" || event.stage === "financial_reporting")),
    );
    const paths = getSimplePaths(graphMachine, {
      fromState: ready.snapshot,
      events: p7Events,
      serializeState: graphKey,
      filterEvents: (snapshot, event) => snapshot.can(event),
      toState: (snapshot) => snapshot.context.status === "graduated",
    });
    expect(paths.length).toBeGreaterThanOrEqual(4);
    for (const path of paths) {
      const events = eventsOf(path);
      const opened = events.findIndex((event) => "stage" in event && event.stage === "capital");
      const completed = events.findIndex((event) => event.type === "COMPLETE" && event.stage === "capital");
      const outcome = events.findIndex(
        (event) => event.type === "RECORD_EVIDENCE" && ["capital_approved", "capital_disbursed"].includes(event.kind),
      );
      expect(outcome).toBeGreaterThanOrEqual(0);
      expect(outcome).toBeLessThan(completed);
      expect(events.slice(opened).some((event) => event.type === "SEND_BACK")).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Guards, one by one
// ---------------------------------------------------------------------------------------------

/** The refusal's requirement codes; fails the test when the move was allowed. */
function refusedWith(journey: Journey, event: JourneyEvent): string[] {
  const result = attempt(journey, event);
  expect(result.ok, `${JSON.stringify(event)} should be refused`).toBe(false);
  return result.ok ? [] : result.missing.map((requirement) => requirement.code);
}

function allowed(journey: Journey, event: JourneyEvent): Journey {
  const result = attempt(journey, event);
  if (!result.ok) throw new Error(`${JSON.stringify(event)} refused: ${JSON.stringify(result.missing)}`);
  return { ...journey, snapshot: result.snapshot };
}

const valueOf = (journey: Journey) => journey.snapshot.value as Record<string, string>;

describe("P1 registration", () => {
  it("VERIFY needs the documents recorded", () => {
    const submitted = begin();
    expect(refusedWith(submitted, VERIFY)).toEqual(["evidence"]);
    expect(valueOf(allowed(move(submitted, evidence("registration")), VERIFY)).registration).toBe("verified");
  });

  it("VERIFY needs every baseline figure known, under rules that ask for them", () => {
    const submitted = registered();
    expect(refusedWith(submitted, { type: "VERIFY" })).toEqual(["baseline"]);
    expect(refusedWith(submitted, { type: "VERIFY", baseline: ["turnover", "capital", "workers"] })).toEqual(["baseline"]);
    expect(refusedWith(begin(), { type: "VERIFY" })).toEqual(["evidence", "baseline"]);
    // Rules stored before the baseline existed read baselineRequired as false: their logs replay as made.
    const older = registered("pemula", parseJourneyRules({ ...DEFAULT_JOURNEY_RULES, baselineRequired: undefined }));
    expect(valueOf(allowed(older, { type: "VERIFY" })).registration).toBe("verified");
  });

  it("REJECT needs a reason, and RESUBMIT brings a rejected registration back for verification", () => {
    const submitted = registered();
    expect(refusedWith(submitted, { type: "REJECT", reason: "" })).toEqual(["reason-required"]);
    expect(refusedWith(submitted, { type: "REJECT", reason: "   " })).toEqual(["reason-required"]);
    const rejected = allowed(submitted, { type: "REJECT", reason: "KTP tidak terbaca" });
    expect(valueOf(rejected).registration).toBe("rejected");
    expect(rejected.snapshot.can(VERIFY)).toBe(false);
    const resubmitted = allowed(rejected, { type: "RESUBMIT" });
    expect(valueOf(resubmitted).registration).toBe("submitted");
    expect(valueOf(allowed(resubmitted, VERIFY)).registration).toBe("verified");
  });

  it("refuses evidence of a kind that belongs to another stage", () => {
    expect(begin().snapshot.can({ type: "RECORD_EVIDENCE", stage: "registration", kind: "licence" })).toBe(false);
    expect(verified().snapshot.can({ type: "RECORD_EVIDENCE", stage: "training", kind: "licence" })).toBe(false);
  });
});

describe("opening P2–P6", () => {
  it.each(MIDDLE_STAGES)("%s cannot start, nor take evidence, before P1 is verified, and can after", (stage) => {
    expect(refusedWith(registered(), { type: "START", stage })).toEqual(["registration-verified"]);
    expect(refusedWith(registered(), evidence(stage))).toEqual(["registration-verified"]);
    expect(valueOf(allowed(verified(), { type: "START", stage }))[stage]).toBe("in_progress");
    // Recording evidence on a stage not yet started starts it.
    const started = allowed(verified(), evidence(stage));
    expect(valueOf(started)[stage]).toBe("in_progress");
    expect(started.snapshot.context.evidence[EVIDENCE_KINDS[stage][0]]).toBe(1);
  });

  it("lets several stages be in progress at once, in any order", () => {
    const journey = move(
      verified(),
      { type: "START", stage: "financial_reporting" },
      evidence("training"),
      { type: "START", stage: "mentoring" },
    );
    expect(valueOf(journey)).toMatchObject({
      training: "in_progress",
      mentoring: "in_progress",
      licensing: "not_started",
      marketing: "not_started",
      financial_reporting: "in_progress",
    });
  });
});

describe("opening P7 capital (readiness rule)", () => {
  const start: JourneyEvent = { type: "START", stage: "capital" };

  it("is refused before P1 is verified", () => {
    expect(refusedWith(registered(), start)).toContain("registration-verified");
  });

  it("is refused while too few of P2–P6 are done or waived", () => {
    const fourDone = ["training", "mentoring", "licensing", "financial_reporting"] as const;
    const journey = fourDone.reduce(finish, verified());
    expect(refusedWith(journey, start)).toEqual(["capital-readiness"]);
    expect(refusedWith(journey, evidence("capital", "capital_applied"))).toEqual(["capital-readiness"]);
    expect(valueOf(allowed(finish(journey, "marketing"), start)).capital).toBe("in_progress");
  });

  it("is refused when P6 was waived instead of done, though five stages count", () => {
    const waivedP6 = move(
      ["training", "mentoring", "licensing", "marketing"].reduce(
        (journey, stage) => finish(journey, stage as (typeof MIDDLE_STAGES)[number]),
        verified("naik_kelas"),
      ),
      { type: "WAIVE", stage: "financial_reporting", reason: "Sudah lapor di aplikasi bank" },
    );
    expect(refusedWith(waivedP6, start)).toEqual(["stage-done"]);
  });

  it("opens when all is met, also with waived stages (naik kelas), and recording an application opens it too", () => {
    const waivedTwo = move(
      finish(finish(finish(verified("naik_kelas"), "training"), "mentoring"), "financial_reporting"),
      { type: "WAIVE", stage: "licensing", reason: "Sudah punya NIB" },
      { type: "WAIVE", stage: "marketing", reason: "Sudah berjualan di marketplace" },
    );
    expect(valueOf(allowed(waivedTwo, start)).capital).toBe("in_progress");
    const applied = allowed(readyForCapital(), evidence("capital", "capital_applied"));
    expect(valueOf(applied).capital).toBe("in_progress");
    expect(applied.snapshot.context.evidence.capital_applied).toBe(1);
  });
});

describe("COMPLETE needs the stage's evidence", () => {
  it.each(["training", "licensing", "marketing", "financial_reporting"] as const)(
    "%s is refused with no evidence and allowed with one",
    (stage) => {
      const started = move(verified(), { type: "START", stage });
      expect(refusedWith(started, { type: "COMPLETE", stage })).toEqual(["evidence"]);
      expect(valueOf(allowed(move(started, evidence(stage)), { type: "COMPLETE", stage }))[stage]).toBe("done");
    },
  );

  it("mentoring needs mentoringSessionsRequired sessions (3 by default)", () => {
    const complete: JourneyEvent = { type: "COMPLETE", stage: "mentoring" };
    const twoSessions = move(verified(), evidence("mentoring"), evidence("mentoring"));
    expect(DEFAULT_JOURNEY_RULES.mentoringSessionsRequired).toBe(3);
    expect(refusedWith(twoSessions, complete)).toEqual(["evidence"]);
    expect(valueOf(allowed(move(twoSessions, evidence("mentoring")), complete)).mentoring).toBe("done");
  });

  it("capital counts only an approval or a disbursement, not an application or a rejection", () => {
    const complete: JourneyEvent = { type: "COMPLETE", stage: "capital" };
    const appliedAndRejected = move(
      inCapital(),
      evidence("capital", "capital_applied"),
      evidence("capital", "capital_rejected"),
      evidence("capital", "capital_applied"),
    );
    expect(refusedWith(appliedAndRejected, complete)).toEqual(["evidence"]);
    expect(valueOf(allowed(move(appliedAndRejected, evidence("capital", "capital_approved")), complete)).capital).toBe(
      "done",
    );
    expect(valueOf(allowed(move(inCapital(), evidence("capital", "capital_disbursed")), complete)).capital).toBe("done");
  });

  it("a stage not started cannot be completed, even with P1 verified", () => {
    expect(verified().snapshot.can({ type: "COMPLETE", stage: "training" })).toBe(false);
  });
});

describe("WAIVE", () => {
  const waiveLicensing: JourneyEvent = { type: "WAIVE", stage: "licensing", reason: "Sudah punya NIB" };

  it("is refused on pemula by default, as not waivable", () => {
    expect(refusedWith(verified("pemula"), waiveLicensing)).toEqual(["not-waivable"]);
  });

  it.each(MIDDLE_STAGES)("is allowed on naik kelas for %s, from not started or in progress", (stage) => {
    const waive: JourneyEvent = { type: "WAIVE", stage, reason: "Sudah punya" };
    expect(valueOf(allowed(verified("naik_kelas"), waive))[stage]).toBe("waived");
    expect(valueOf(allowed(move(verified("naik_kelas"), { type: "START", stage }), waive))[stage]).toBe("waived");
  });

  it("needs a reason", () => {
    expect(refusedWith(verified("naik_kelas"), { ...waiveLicensing, reason: "" })).toEqual(["reason-required"]);
    expect(refusedWith(verified("naik_kelas"), { ...waiveLicensing, reason: " \t" })).toEqual(["reason-required"]);
  });

  it("is refused before P1 is verified, and never applies to P1 or P7", () => {
    expect(refusedWith(registered("naik_kelas"), waiveLicensing)).toEqual(["registration-verified"]);
    expect(registered("naik_kelas").snapshot.can({ type: "WAIVE", stage: "registration", reason: "x" })).toBe(false);
    expect(readyForCapital("naik_kelas").snapshot.can({ type: "WAIVE", stage: "capital", reason: "x" })).toBe(false);
  });

  it("cannot waive a stage already done", () => {
    expect(finish(verified("naik_kelas"), "licensing").snapshot.can(waiveLicensing)).toBe(false);
  });
});

describe("SEND_BACK", () => {
  const sendBack = (stage: StageId, reason = "Bukti tidak sah"): JourneyEvent => ({ type: "SEND_BACK", stage, reason });

  it("returns a done or waived stage to in progress before P7 starts, keeping its evidence", () => {
    const done = finish(verified(), "training");
    const back = allowed(done, sendBack("training"));
    expect(valueOf(back).training).toBe("in_progress");
    expect(back.snapshot.context.evidence.training_attended).toBe(1);

    const waived = move(verified("naik_kelas"), { type: "WAIVE", stage: "marketing", reason: "Sudah berjualan" });
    expect(valueOf(allowed(waived, sendBack("marketing"))).marketing).toBe("in_progress");

    // Still allowed when P7 could open but has not.
    expect(valueOf(allowed(readyForCapital(), sendBack("licensing"))).licensing).toBe("in_progress");
  });

  it("is refused once P7 has started, so the stages that opened it stay as they are", () => {
    for (const stage of MIDDLE_STAGES) expect(inCapital().snapshot.can(sendBack(stage))).toBe(false);
    // …and the refusal says why, so the page can explain it.
    expect(refusedWith(inCapital(), sendBack("training"))).toEqual(["capital-not-started"]);
  });

  it("needs a reason", () => {
    expect(refusedWith(finish(verified(), "training"), sendBack("training", ""))).toEqual(["reason-required"]);
  });

  it("does not apply to a stage in progress or not started", () => {
    const journey = move(verified(), { type: "START", stage: "training" });
    expect(journey.snapshot.can(sendBack("training"))).toBe(false);
    expect(journey.snapshot.can(sendBack("mentoring"))).toBe(false);
  });
});

describe("status: hold, withdraw, graduate", () => {
  const hold: JourneyEvent = { type: "HOLD", reason: "Sakit" };
  const withdraw: JourneyEvent = { type: "WITHDRAW", reason: "Pindah ke luar Jakarta" };

  it("HOLD, WITHDRAW and REJECT need a non-empty reason", () => {
    for (const reason of ["", "   "]) {
      expect(refusedWith(midJourney(), { type: "HOLD", reason })).toEqual(["reason-required"]);
      expect(refusedWith(midJourney(), { type: "WITHDRAW", reason })).toEqual(["reason-required"]);
      expect(refusedWith(registered(), { type: "REJECT", reason })).toEqual(["reason-required"]);
    }
  });

  it("while on hold refuses every stage move, and RESUME returns to exactly the stage states held", () => {
    const before = midJourney();
    const stageMoves = EVERY_EVENT.filter((event) => !(STATUS_EVENT_TYPES as readonly string[]).includes(event.type));
    expect(stageMoves.filter((event) => before.snapshot.can(event)).length).toBeGreaterThan(5);

    const onHold = allowed(before, hold);
    expect(valueOf(onHold).status).toBe("on_hold");
    expect(onHold.snapshot.context.status).toBe("on_hold");
    expect(stageMoves.filter((event) => onHold.snapshot.can(event))).toEqual([]);
    expect(refusedWith(onHold, evidence("mentoring"))).toEqual(["status-active"]);
    expect(allowedEvents(onHold.snapshot).map((event) => event.type)).toEqual(["RESUME", "WITHDRAW"]);

    const resumed = allowed(onHold, { type: "RESUME" });
    expect(resumed.snapshot.value).toEqual(before.snapshot.value);
    expect(resumed.snapshot.context).toEqual(before.snapshot.context);
    expect(allowedEvents(resumed.snapshot)).toEqual(allowedEvents(before.snapshot));
  });

  it("WITHDRAW (also from hold) freezes the journey; REINSTATE makes it active where it was", () => {
    const before = midJourney();
    const withdrawn = allowed(before, withdraw);
    expect(valueOf(withdrawn).status).toBe("withdrawn");
    expect(allowedEvents(withdrawn.snapshot).map((event) => event.type)).toEqual(["REINSTATE"]);
    expect(withdrawn.snapshot.can({ type: "RESUME" })).toBe(false);

    const reinstated = allowed(withdrawn, { type: "REINSTATE" });
    expect(reinstated.snapshot.value).toEqual(before.snapshot.value);
    expect(reinstated.snapshot.context).toEqual(before.snapshot.context);

    const withdrawnFromHold = allowed(allowed(before, hold), withdraw);
    expect(valueOf(withdrawnFromHold).status).toBe("withdrawn");
    expect(stageValues(withdrawnFromHold.snapshot)).toEqual(stageValues(before.snapshot));
  });

  it("RESUME and REINSTATE are refused while active", () => {
    expect(midJourney().snapshot.can({ type: "RESUME" })).toBe(false);
    expect(midJourney().snapshot.can({ type: "REINSTATE" })).toBe(false);
  });

  it("REACTIVATE (a dormant participant brought back) is allowed while active and changes no state", () => {
    const reactivate: JourneyEvent = { type: "REACTIVATE" };
    const withNote: JourneyEvent = { type: "REACTIVATE", reason: "Datang lagi ke kantor kecamatan" };
    for (const journey of [registered(), verified(), midJourney(), inCapital()]) {
      expect(journey.snapshot.can(reactivate)).toBe(true);
      const after = allowed(journey, reactivate);
      // Targetless: the same states and context, so the stored shape (and machine version) stays.
      expect(after.snapshot.value).toEqual(journey.snapshot.value);
      expect(after.snapshot.context).toEqual(journey.snapshot.context);
      expect(allowedEvents(after.snapshot)).toEqual(allowedEvents(journey.snapshot));
      expect(allowed(journey, withNote).snapshot.value).toEqual(journey.snapshot.value);
    }
  });

  it("REACTIVATE is refused on hold, withdrawn and graduated", () => {
    const reactivate: JourneyEvent = { type: "REACTIVATE" };
    const onHold = allowed(midJourney(), hold);
    const withdrawn = allowed(midJourney(), withdraw);
    for (const journey of [onHold, withdrawn, graduated()]) {
      expect(journey.snapshot.can(reactivate), journey.snapshot.context.status).toBe(false);
      expect(attempt(journey, reactivate).ok).toBe(false);
    }
    expect(refusedWith(onHold, reactivate)).toEqual(["status-active"]);
    expect(refusedWith(withdrawn, reactivate)).toEqual(["status-active"]);
  });

  it("completing P7 graduates the participant, and then nothing more is allowed", () => {
    const done = graduated();
    expect(valueOf(done)).toMatchObject({ status: "graduated", capital: "done" });
    expect(done.snapshot.context.status).toBe("graduated");
    expect(allowedEvents(done.snapshot)).toEqual([]);
    expect(refusedWith(done, hold)).toEqual(["status-active"]);
  });
});

describe("rules are settings, not code", () => {
  const complete: JourneyEvent = { type: "COMPLETE", stage: "mentoring" };
  const oneSession = (rules: JourneyRules) => move(verified("pemula", rules), evidence("mentoring"));

  it("mentoringSessionsRequired decides when P3 may complete (1 vs 5)", () => {
    const easy = { ...DEFAULT_JOURNEY_RULES, mentoringSessionsRequired: 1 };
    const strict = { ...DEFAULT_JOURNEY_RULES, mentoringSessionsRequired: 5 };
    expect(oneSession(easy).snapshot.can(complete)).toBe(true);
    expect(oneSession(strict).snapshot.can(complete)).toBe(false);
    const fiveSessions = move(oneSession(strict), ...Array.from({ length: 4 }, () => evidence("mentoring")));
    expect(fiveSessions.snapshot.can(complete)).toBe(true);
  });

  it("waivableStages can let pemula waive the stages listed, and only those", () => {
    const widened: JourneyRules = { ...DEFAULT_JOURNEY_RULES, waivableStages: { pemula: ["licensing"], naik_kelas: [] } };
    expect(verified("pemula", widened).snapshot.can({ type: "WAIVE", stage: "licensing", reason: "Sudah punya NIB" })).toBe(
      true,
    );
    expect(verified("pemula", widened).snapshot.can({ type: "WAIVE", stage: "training", reason: "x" })).toBe(false);
    expect(verified("naik_kelas", widened).snapshot.can({ type: "WAIVE", stage: "licensing", reason: "x" })).toBe(false);
  });

  it("the readiness rule's numbers decide when P7 opens", () => {
    const lenient: JourneyRules = {
      ...DEFAULT_JOURNEY_RULES,
      capitalReadiness: { minMiddleStagesDoneOrWaived: 2, requiredDone: ["training"] },
    };
    const twoDone = finish(finish(verified("pemula", lenient), "training"), "licensing");
    expect(twoDone.snapshot.can({ type: "START", stage: "capital" })).toBe(true);
    const sameUnderDefaults = finish(finish(verified(), "training"), "licensing");
    expect(sameUnderDefaults.snapshot.can({ type: "START", stage: "capital" })).toBe(false);
  });
});
