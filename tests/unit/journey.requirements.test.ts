// What a move needs (machines/journey.requirements.ts) and how a refusal is explained
// (explainRefusal in machines/journey.persist.ts): the codes the UI turns into a sentence.
import { describe, expect, it } from "vitest";
import type { JourneyEvent } from "../../machines/journey";
import { explainRefusal } from "../../machines/journey.persist";
import {
  completionEvidence,
  evidenceCount,
  furthestStage,
  missingForCapital,
  type JourneyContext,
  type Requirement,
} from "../../machines/journey.requirements";
import { DEFAULT_JOURNEY_RULES } from "../../machines/journey.rules";
import { STAGES, type StageId, type StageState } from "../../machines/stages";
import {
  attempt,
  begin,
  FULL_BASELINE,
  evidence,
  finish,
  graduated,
  inCapital,
  midJourney,
  move,
  registered,
  verified,
  type Journey,
} from "./fixtures/journey";

/** Why the journey refuses the event; asserts the machine does refuse it, and that applyJourneyEvent says the same. */
function why(journey: Journey, event: JourneyEvent): Requirement[] {
  const result = attempt(journey, event);
  expect(result.ok, `${JSON.stringify(event)} should be refused`).toBe(false);
  const explained = explainRefusal(journey.snapshot.context, event, journey.rules);
  if (!result.ok) expect(result.missing).toEqual(explained);
  return explained;
}

describe("explainRefusal", () => {
  it("evidence: says which kind is missing, how many there are and how many are needed", () => {
    const oneSession = move(verified(), evidence("mentoring"));
    expect(why(oneSession, { type: "COMPLETE", stage: "mentoring" })).toEqual([
      { code: "evidence", kind: "mentoring_session", have: 1, need: 3 },
    ]);
    expect(why(begin(), { type: "VERIFY", baseline: FULL_BASELINE })).toEqual([{ code: "evidence", kind: "documents", have: 0, need: 1 }]);
  });

  it("baseline: names the figures still unknown before P1 may be verified", () => {
    expect(why(registered(), { type: "VERIFY", baseline: ["turnover", "workers"] })).toEqual([
      { code: "baseline", fields: ["capital", "nib"] },
    ]);
    const started = move(verified(), { type: "START", stage: "licensing" });
    expect(why(started, { type: "COMPLETE", stage: "licensing" })).toEqual([
      { code: "evidence", kind: "licence", have: 0, need: 1 },
    ]);
  });

  it("evidence for P7: an application or a rejection does not count towards the approval needed", () => {
    const applied = move(inCapital(), evidence("capital", "capital_applied"), evidence("capital", "capital_rejected"));
    expect(why(applied, { type: "COMPLETE", stage: "capital" })).toEqual([
      { code: "evidence", kind: "capital_approved", have: 0, need: 1 },
    ]);
  });

  it("capital-readiness and stage-done: how many of P2–P6 are done or waived, and which must be done", () => {
    const twoDone = finish(finish(verified("naik_kelas"), "training"), "licensing");
    expect(why(twoDone, { type: "START", stage: "capital" })).toEqual([
      { code: "capital-readiness", have: 2, need: 5 },
      { code: "stage-done", stage: "financial_reporting" },
    ]);
    const fiveWithP6Waived = move(
      ["training", "mentoring", "licensing", "marketing"].reduce(
        (journey, stage) => finish(journey, stage as "training"),
        verified("naik_kelas"),
      ),
      { type: "WAIVE", stage: "financial_reporting", reason: "Sudah lapor ke bank" },
    );
    expect(why(fiveWithP6Waived, { type: "START", stage: "capital" })).toEqual([
      { code: "stage-done", stage: "financial_reporting" },
    ]);
    expect(why(twoDone, evidence("capital", "capital_applied"))).toEqual([
      { code: "capital-readiness", have: 2, need: 5 },
      { code: "stage-done", stage: "financial_reporting" },
    ]);
  });

  it("registration-verified: P2–P7 wait for P1", () => {
    expect(why(registered(), { type: "START", stage: "training" })).toEqual([{ code: "registration-verified" }]);
    expect(why(registered(), evidence("marketing"))).toEqual([{ code: "registration-verified" }]);
    expect(why(registered(), { type: "START", stage: "capital" })).toEqual([
      { code: "registration-verified" },
      { code: "capital-readiness", have: 0, need: 5 },
      { code: "stage-done", stage: "financial_reporting" },
    ]);
  });

  it("not-waivable: names the stage and the track", () => {
    expect(why(verified("pemula"), { type: "WAIVE", stage: "licensing", reason: "Sudah punya NIB" })).toEqual([
      { code: "not-waivable", stage: "licensing", track: "pemula" },
    ]);
  });

  it("reason-required: for every move that needs a reason", () => {
    const reasonRequired = [{ code: "reason-required" }];
    expect(why(verified("naik_kelas"), { type: "WAIVE", stage: "licensing", reason: "" })).toEqual(reasonRequired);
    expect(why(registered(), { type: "REJECT", reason: "  " })).toEqual(reasonRequired);
    expect(why(finish(verified(), "training"), { type: "SEND_BACK", stage: "training", reason: "" })).toEqual(
      reasonRequired,
    );
    expect(why(midJourney(), { type: "HOLD", reason: "" })).toEqual(reasonRequired);
    expect(why(midJourney(), { type: "WITHDRAW", reason: "\n" })).toEqual(reasonRequired);
    // Everything missing at once is listed, not just the first thing.
    expect(why(registered("pemula"), { type: "WAIVE", stage: "training", reason: "" })).toEqual([
      { code: "registration-verified" },
      { code: "not-waivable", stage: "training", track: "pemula" },
      { code: "reason-required" },
    ]);
  });

  it("status-active: any stage move while on hold, withdrawn or graduated says the status is the problem", () => {
    const onHold = move(midJourney(), { type: "HOLD", reason: "Sakit" });
    expect(why(onHold, evidence("mentoring"))).toEqual([{ code: "status-active", status: "on_hold" }]);
    expect(why(onHold, { type: "COMPLETE", stage: "training" })).toEqual([{ code: "status-active", status: "on_hold" }]);
    const withdrawn = move(midJourney(), { type: "WITHDRAW", reason: "Pindah kota" });
    expect(why(withdrawn, { type: "START", stage: "financial_reporting" })).toEqual([
      { code: "status-active", status: "withdrawn" },
    ]);
    expect(why(graduated(), { type: "HOLD", reason: "Sakit" })).toEqual([{ code: "status-active", status: "graduated" }]);
  });

  it("is empty for a move that does not exist or is already made (the UI never offers those)", () => {
    expect(why(verified(), { type: "VERIFY" })).toEqual([]);
    expect(why(midJourney(), { type: "RESUME" })).toEqual([]);
    expect(why(finish(verified(), "training"), { type: "COMPLETE", stage: "training" })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

function context(stages: Partial<Record<StageId, StageState>>, evidenceCounts: JourneyContext["evidence"] = {}): JourneyContext {
  return {
    track: "naik_kelas",
    status: "active",
    stages: {
      ...(Object.fromEntries(STAGES.map((stage) => [stage, "not_started"])) as Record<StageId, StageState>),
      registration: "verified",
      ...stages,
    },
    evidence: evidenceCounts,
  };
}

describe("completion evidence", () => {
  it("P3 needs the rules' number of sessions; P7 counts approvals and disbursements only", () => {
    expect(completionEvidence("mentoring", { ...DEFAULT_JOURNEY_RULES, mentoringSessionsRequired: 4 })).toEqual({
      kinds: ["mentoring_session"],
      need: 4,
    });
    expect(completionEvidence("capital", DEFAULT_JOURNEY_RULES)).toEqual({
      kinds: ["capital_approved", "capital_disbursed"],
      need: 1,
    });
    expect(completionEvidence("registration", DEFAULT_JOURNEY_RULES)).toEqual({ kinds: ["documents"], need: 1 });
  });

  it("evidenceCount adds up the kinds asked for and ignores the others", () => {
    const ctx = context({}, { capital_applied: 2, capital_approved: 1, capital_disbursed: 1, capital_rejected: 3 });
    expect(evidenceCount(ctx, ["capital_approved", "capital_disbursed"])).toBe(2);
    expect(evidenceCount(ctx, ["licence"])).toBe(0);
  });
});

describe("the P7 readiness rule", () => {
  const rules = DEFAULT_JOURNEY_RULES;

  it("holds with all five done, or four done and one waived when P6 is done", () => {
    const allDone = context({
      training: "done",
      mentoring: "done",
      licensing: "done",
      marketing: "done",
      financial_reporting: "done",
    });
    expect(missingForCapital(allDone, rules)).toEqual([]);
    expect(missingForCapital({ ...allDone, stages: { ...allDone.stages, marketing: "waived" } }, rules)).toEqual([]);
  });

  it("does not count a stage in progress", () => {
    const fourAndOneInProgress = context({
      training: "done",
      mentoring: "in_progress",
      licensing: "done",
      marketing: "done",
      financial_reporting: "done",
    });
    expect(missingForCapital(fourAndOneInProgress, rules)).toEqual([{ code: "capital-readiness", have: 4, need: 5 }]);
  });

  it("takes its numbers from the rules", () => {
    const lenient = { ...rules, capitalReadiness: { minMiddleStagesDoneOrWaived: 1, requiredDone: [] } };
    expect(missingForCapital(context({ licensing: "waived" }), lenient)).toEqual([]);
    expect(missingForCapital(context({}), lenient)).toEqual([{ code: "capital-readiness", have: 0, need: 1 }]);
  });
});

describe("furthest stage (for reports)", () => {
  it("is the highest of P1–P7 done, waived or verified, skipping gaps", () => {
    expect(furthestStage(context({ registration: "submitted" }).stages)).toBe(0);
    expect(furthestStage(context({}).stages)).toBe(1);
    expect(furthestStage(context({ training: "done", licensing: "waived", mentoring: "in_progress" }).stages)).toBe(4);
    expect(furthestStage(context({ financial_reporting: "in_progress" }).stages)).toBe(1);
    expect(furthestStage(context({ capital: "done" }).stages)).toBe(7);
  });
});
