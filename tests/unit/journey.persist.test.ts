// Storing and restoring a journey (machines/journey.persist.ts): what sits in the database must
// come back as the same journey, answering every "can I?" the same way, across xstate upgrades.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createJourneyMachine, JOURNEY_MACHINE_VERSION, type JourneyEvent } from "../../machines/journey";
import {
  applyJourneyEvent,
  changedStages,
  journeyColumns,
  restoreJourney,
  storeJourney,
  type StoredJourney,
} from "../../machines/journey.persist";
import { DEFAULT_JOURNEY_RULES } from "../../machines/journey.rules";
import {
  allowedEvents,
  begin,
  evidence,
  graduated,
  inCapital,
  midJourney,
  move,
  readyForCapital,
  registered,
  verified,
  type Journey,
} from "./fixtures/journey";

/** What the database round trip does to a stored journey: a JSON column. */
const throughJson = (stored: StoredJourney): StoredJourney => JSON.parse(JSON.stringify(stored));

const readFixture = (name: string): StoredJourney =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));

const points: Record<string, () => Journey> = {
  "just registered, no documents": () => begin(),
  "documents recorded": () => registered(),
  rejected: () => move(registered(), { type: "REJECT", reason: "KTP tidak terbaca" }),
  "P1 verified": () => verified("naik_kelas"),
  "mid-journey": midJourney,
  "on hold mid-journey": () => move(midJourney(), { type: "HOLD", reason: "Sakit" }),
  "withdrawn mid-journey": () => move(midJourney(), { type: "WITHDRAW", reason: "Pindah kota" }),
  "ready for P7": () => readyForCapital(),
  "in P7 with an application": () => move(inCapital(), evidence("capital", "capital_applied")),
  graduated: () => graduated(),
};

describe("store → JSON → restore", () => {
  it.each(Object.keys(points))("%s: comes back with the same value, context and can() answers", (point) => {
    const journey = points[point]!();
    const restored = restoreJourney(journey.machine, throughJson(storeJourney(journey.snapshot)));
    expect(restored.value).toEqual(journey.snapshot.value);
    expect(restored.context).toEqual(journey.snapshot.context);
    expect(allowedEvents(restored)).toEqual(allowedEvents(journey.snapshot));
  });

  it("a restored journey takes the next move exactly as the original would", () => {
    const journey = midJourney();
    const restored = restoreJourney(journey.machine, throughJson(storeJourney(journey.snapshot)));
    expect(allowedEvents(journey.snapshot).length).toBeGreaterThan(5);
    for (const event of allowedEvents(journey.snapshot)) {
      const fromOriginal = applyJourneyEvent(journey.machine, journey.snapshot, event, journey.rules);
      const fromRestored = applyJourneyEvent(journey.machine, restored, event, journey.rules);
      if (!fromOriginal.ok || !fromRestored.ok) throw new Error(`${JSON.stringify(event)} refused`);
      expect(fromRestored.snapshot.value).toEqual(fromOriginal.snapshot.value);
      expect(fromRestored.snapshot.context).toEqual(fromOriginal.snapshot.context);
    }
  });

  it("stores our own small shape, not xstate's internal snapshot", () => {
    const stored = storeJourney(midJourney().snapshot);
    expect(Object.keys(stored).sort()).toEqual(["context", "machineVersion", "value"]);
    expect(stored.machineVersion).toBe(JOURNEY_MACHINE_VERSION);
    expect(Object.keys(stored.context).sort()).toEqual(["evidence", "stages", "status", "track"]);
  });
});

describe("a journey stored by machine version 1 (fixtures/journey-v1.json, never regenerated)", () => {
  const stored = readFixture("journey-v1.json");
  const machine = createJourneyMachine(DEFAULT_JOURNEY_RULES);
  const apply = (snapshot: ReturnType<typeof restoreJourney>, event: JourneyEvent) => {
    const result = applyJourneyEvent(machine, snapshot, event, DEFAULT_JOURNEY_RULES);
    if (!result.ok) throw new Error(`${JSON.stringify(event)} refused: ${JSON.stringify(result.missing)}`);
    return result.snapshot;
  };

  it("is a mid-journey version 1 snapshot", () => {
    expect(stored.machineVersion).toBe(1);
    expect(stored.value).toMatchObject({ registration: "verified", mentoring: "in_progress", licensing: "waived" });
  });

  it("restores to the state it was stored in, and stores back to the same JSON", () => {
    const restored = restoreJourney(machine, stored);
    expect(restored.value).toEqual(stored.value);
    expect(restored.context).toEqual(stored.context);
    expect(throughJson(storeJourney(restored))).toEqual(stored);
  });

  it("accepts the next moves: two more sessions complete P3; P6 can start; P7 stays closed", () => {
    const restored = restoreJourney(machine, stored);
    const twoMore = apply(apply(restored, evidence("mentoring")), evidence("mentoring"));
    expect(twoMore.context.evidence.mentoring_session).toBe(3);
    expect((apply(twoMore, { type: "COMPLETE", stage: "mentoring" }).value as Record<string, string>).mentoring).toBe("done");
    expect(restored.can({ type: "START", stage: "financial_reporting" })).toBe(true);
    expect(restored.can({ type: "SEND_BACK", stage: "training", reason: "Sertifikat palsu" })).toBe(true);
    expect(restored.can({ type: "COMPLETE", stage: "mentoring" })).toBe(false);
    expect(restored.can({ type: "START", stage: "capital" })).toBe(false);
  });

  it("is refused when its machine version is not the current one, until migrated", () => {
    expect(() => restoreJourney(machine, { ...stored, machineVersion: 2 })).toThrow(/machine version 2.*migrate/);
    expect(() => restoreJourney(machine, { ...stored, machineVersion: 0 })).toThrow(/migrate/);
  });
});

describe("applyJourneyEvent", () => {
  it("judges a snapshot by the machine in force, not the one that made it (rules changed since)", () => {
    const strict = { ...DEFAULT_JOURNEY_RULES, mentoringSessionsRequired: 5 };
    const easy = { ...DEFAULT_JOURNEY_RULES, mentoringSessionsRequired: 1 };
    const underStrict = move(verified("pemula", strict), evidence("mentoring"));
    const complete: JourneyEvent = { type: "COMPLETE", stage: "mentoring" };
    expect(underStrict.snapshot.can(complete)).toBe(false);

    const result = applyJourneyEvent(createJourneyMachine(easy), underStrict.snapshot, complete, easy);
    expect(result.ok && (result.snapshot.value as Record<string, string>).mentoring).toBe("done");

    const underEasy = move(verified("pemula", easy), evidence("mentoring"));
    const refused = applyJourneyEvent(createJourneyMachine(strict), underEasy.snapshot, complete, strict);
    expect(refused).toEqual({ ok: false, missing: [{ code: "evidence", kind: "mentoring_session", have: 1, need: 5 }] });
  });

  it("leaves the snapshot it was given untouched, whether it applies the move or refuses it", () => {
    const journey = midJourney();
    const before = JSON.stringify(storeJourney(journey.snapshot));
    applyJourneyEvent(journey.machine, journey.snapshot, evidence("mentoring"), journey.rules);
    applyJourneyEvent(journey.machine, journey.snapshot, { type: "START", stage: "capital" }, journey.rules);
    expect(JSON.stringify(storeJourney(journey.snapshot))).toBe(before);
  });
});

describe("denormalised columns", () => {
  it("journeyColumns copies the status and every stage's state", () => {
    const onHold = move(midJourney(), { type: "HOLD", reason: "Sakit" });
    expect(journeyColumns(onHold.snapshot)).toEqual({
      status: "on_hold",
      stages: {
        registration: "verified",
        training: "done",
        mentoring: "in_progress",
        licensing: "waived",
        marketing: "in_progress",
        financial_reporting: "not_started",
        capital: "not_started",
      },
    });
  });

  it("changedStages lists the stages whose state a move changed (to stamp their entered-at)", () => {
    const before = verified();
    const started = move(before, evidence("training"));
    expect(changedStages(before.snapshot, started.snapshot)).toEqual(["training"]);
    const moreEvidence = move(started, evidence("training"));
    expect(changedStages(started.snapshot, moreEvidence.snapshot)).toEqual([]);
    const approved = move(inCapital(), evidence("capital", "capital_approved"));
    const completed = move(approved, { type: "COMPLETE", stage: "capital" });
    expect(changedStages(approved.snapshot, completed.snapshot)).toEqual(["capital"]);
  });
});
