// The participant page offers exactly the moves the machine allows, and explains the ones a mentor
// would look for but cannot make yet.
import { transition } from "xstate";
import { describe, expect, it } from "vitest";
import { createJourneyMachine, type JourneyEvent, type JourneySnapshot } from "../../../machines/journey";
import { startJourney } from "../../../machines/journey.persist";
import { BASELINE_FIELDS } from "../../../machines/journey.requirements";
import { DEFAULT_JOURNEY_RULES } from "../../../machines/journey.rules";
import { STAGES, type Track } from "../../../machines/stages";
import { movesFor } from "./moves.server";
import { MOVE_EVENTS, needsStage, toJourneyEvent } from "./moves";

const rules = DEFAULT_JOURNEY_RULES;
const baseline = [...BASELINE_FIELDS];
/** A VERIFY of a record with every baseline figure (what the service sends). */
const VERIFY: JourneyEvent = { type: "VERIFY", baseline };
const machine = createJourneyMachine(rules);

/** A registration (with its documents, as registerParticipant records them), then these events. */
function after(track: Track, ...events: JourneyEvent[]): JourneySnapshot {
  const registered: JourneyEvent = { type: "RECORD_EVIDENCE", stage: "registration", kind: "documents" };
  return [registered, ...events].reduce((snapshot, event) => {
    expect(snapshot.can(event), event.type).toBe(true);
    return transition(machine, snapshot, event)[0];
  }, startJourney(machine, { track }));
}

const offered = (snapshot: JourneySnapshot) =>
  movesFor(snapshot, rules, { baseline })
    .filter((m) => m.allowed)
    .map((m) => (m.stage ? `${m.event} ${m.stage}` : m.event));

describe("movesFor", () => {
  it("a new registration: verify, reject, hold, withdraw; P2–P7 not yet", () => {
    expect(offered(after("pemula"))).toEqual(["VERIFY", "REJECT", "HOLD", "WITHDRAW"]);
  });

  it("a registration without its baseline figures: verifying is explained with the figures still missing", () => {
    const verify = movesFor(after("pemula"), rules, { baseline: ["turnover", "workers"] }).find((m) => m.event === "VERIFY");
    expect(verify).toMatchObject({ allowed: false, missing: [{ code: "baseline", fields: ["capital", "nib"] }] });
  });

  it("Siti (pemula, P2 in progress, no training yet): completing P2 is explained, not offered; P7 says what it needs", () => {
    const siti = after("pemula", VERIFY, { type: "START", stage: "training" });
    expect(offered(siti)).toEqual([
      "START mentoring",
      "START licensing",
      "START marketing",
      "START financial_reporting",
      "HOLD",
      "WITHDRAW",
    ]);
    const refused = movesFor(siti, rules).filter((m) => !m.allowed);
    expect(refused).toEqual([
      { event: "COMPLETE", stage: "training", allowed: false, missing: [{ code: "evidence", kind: "training_attended", have: 0, need: 1 }] },
      {
        event: "START",
        stage: "capital",
        allowed: false,
        missing: [
          { code: "capital-readiness", have: 0, need: 5 },
          { code: "stage-done", stage: "financial_reporting" },
        ],
      },
    ]);
  });

  it("naik kelas may waive, and a done stage may be sent back", () => {
    const snapshot = after(
      "naik_kelas",
      VERIFY,
      { type: "START", stage: "training" },
      { type: "RECORD_EVIDENCE", stage: "training", kind: "training_attended" },
      { type: "COMPLETE", stage: "training" },
    );
    const moves = offered(snapshot);
    expect(moves).toContain("SEND_BACK training");
    expect(moves).toContain("WAIVE licensing");
    expect(moves).not.toContain("WAIVE training");
  });

  it("on hold: only resume or withdraw; withdrawn: only reinstate", () => {
    const held = after("pemula", VERIFY, { type: "HOLD", reason: "Sakit" });
    expect(offered(held)).toEqual(["RESUME", "WITHDRAW"]);
    const withdrawn = after("pemula", { type: "WITHDRAW", reason: "Pindah" });
    expect(offered(withdrawn)).toEqual(["REINSTATE"]);
  });

  it("bringing back (REACTIVATE) is offered only to a dormant participant who is active", () => {
    const active = after("pemula", VERIFY);
    expect(offered(active)).not.toContain("REACTIVATE");
    const dormantMoves = movesFor(active, rules, { dormant: true }).filter((m) => m.allowed).map((m) => m.event);
    expect(dormantMoves[0]).toBe("REACTIVATE");
    const held = after("pemula", VERIFY, { type: "HOLD", reason: "Sakit" });
    expect(movesFor(held, rules, { dormant: true }).map((m) => m.event)).not.toContain("REACTIVATE");
    expect(toJourneyEvent("REACTIVATE", null, "  ")).toEqual({ type: "REACTIVATE" });
    expect(toJourneyEvent("REACTIVATE", null, "Datang lagi")).toEqual({ type: "REACTIVATE", reason: "Datang lagi" });
  });

  it("every offered move is one the machine accepts with a reason filled in", () => {
    const snapshot = after("naik_kelas", VERIFY, { type: "START", stage: "mentoring" });
    for (const move of movesFor(snapshot, rules).filter((m) => m.allowed)) {
      expect(snapshot.can(toJourneyEvent(move.event, move.stage, "alasan"))).toBe(true);
    }
  });

  it("the button events are the machine's events, evidence aside", () => {
    expect([...MOVE_EVENTS].sort()).toEqual(machine.events.filter((event) => event !== "RECORD_EVIDENCE").sort());
  });

  it("every move the machine accepts is offered, in any state reached (the candidates come from the machine)", () => {
    const reason = "alasan";
    const reached = [
      after("pemula"),
      after("pemula", { type: "REJECT", reason }),
      after("pemula", VERIFY, { type: "START", stage: "training" }),
      after(
        "naik_kelas",
        VERIFY,
        { type: "START", stage: "training" },
        { type: "RECORD_EVIDENCE", stage: "training", kind: "training_attended" },
        { type: "COMPLETE", stage: "training" },
        { type: "WAIVE", stage: "licensing", reason },
      ),
      after("pemula", VERIFY, { type: "HOLD", reason }),
      after("pemula", { type: "WITHDRAW", reason }),
    ];
    for (const snapshot of reached) {
      const offeredMoves = movesFor(snapshot, rules, { dormant: true }).filter((m) => m.allowed).map((m) => `${m.event} ${m.stage ?? ""}`);
      const accepted = MOVE_EVENTS.flatMap((event) => (needsStage(event) ? STAGES : [null]).map((stage) => ({ event, stage })))
        .filter(({ event, stage }) => snapshot.can(toJourneyEvent(event, stage, reason)))
        .map(({ event, stage }) => `${event} ${stage ?? ""}`);
      expect(offeredMoves.sort(), JSON.stringify(snapshot.value)).toEqual(accepted.sort());
    }
  });
});
