// The journey service on a real SQLite file built from the real migrations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as t from "../../db/schema";
import { applyBulk, applyMove, registerParticipant, replayJourney } from "../../app/modules/journey/journey.server";
import { JourneyError } from "../../app/modules/journey/errors";
import { currentRules, saveRules } from "../../app/modules/journey/rules.server";
import { DEFAULT_JOURNEY_RULES } from "../../machines/journey.rules";
import type { JourneyEvent } from "../../machines/journey";
import { freshDatabase, journeyFingerprint } from "../helpers/db";

const at = (day: number) => Date.UTC(2026, 0, day, 9);
const training = { details: { topic: "Pemasaran digital", skill: "soft" }, occurredOn: "2026-01-10" };

let env: ReturnType<typeof freshDatabase>;
beforeAll(() => {
  env = freshDatabase("journey-service");
});
afterAll(() => env.close());

function row(id: number) {
  return env.db.select().from(t.participants).where(eq(t.participants.id, id)).get()!;
}
function logOf(id: number) {
  return env.db.select().from(t.transitionLog).where(eq(t.transitionLog.participantId, id)).all();
}
function move(participantId: number, expectedVersion: number, event: JourneyEvent, day = 10, evidence?: typeof training) {
  return applyMove(env.db, { participantId, expectedVersion, event, actorUserId: env.mentor.id, at: at(day), evidence });
}
function refusal(fn: () => unknown): JourneyError {
  try {
    fn();
  } catch (error) {
    if (error instanceof JourneyError) return error;
    throw error;
  }
  throw new Error("expected a JourneyError");
}

describe("registration", () => {
  it("creates the participant in P1 submitted with the documents recorded, and logs both", () => {
    const { participantId, version } = env.register();
    const p = row(participantId);
    expect(p).toMatchObject({ status: "active", p1State: "submitted", p2State: "not_started", furthestStage: 0, version });
    expect(version).toBe(2);
    expect(logOf(participantId).map((e) => e.eventType)).toEqual(["REGISTER", "RECORD_EVIDENCE"]);
    // The NIK is never stored in clear text, and never in the log.
    const raw = JSON.stringify(env.db.$client.prepare("SELECT * FROM participants WHERE id = ?").get(participantId));
    const log = JSON.stringify(logOf(participantId));
    expect(p.nikMasked).toMatch(/^3172\*{8}\d{4}$/);
    expect(raw).not.toMatch(/3172015508900/);
    expect(log).not.toMatch(/3172015508900|081200000000/);
  });

  it("refuses the same NIK twice with one agency but lets another agency serve the same person", () => {
    const nik = "3172015508909999";
    env.register({ nik });
    const before = env.db.$client.prepare("SELECT count(*) AS n FROM participants").get();
    const error = refusal(() => env.register({ nik }));
    expect(error.code).toBe("invalid");
    expect(env.db.$client.prepare("SELECT count(*) AS n FROM participants").get()).toEqual(before);
    expect(() => env.register({ nik, agencyId: env.otherAgency.id })).not.toThrow();
  });
});

describe("one move", () => {
  it("writes exactly one log row, bumps the version by one and updates the columns", () => {
    const { participantId, version } = env.register();
    const logBefore = logOf(participantId).length;
    const result = move(participantId, version, { type: "VERIFY" }, 6);
    expect(result.version).toBe(version + 1);
    expect(logOf(participantId)).toHaveLength(logBefore + 1);
    const p = row(participantId);
    expect(p).toMatchObject({ p1State: "verified", furthestStage: 1, version: version + 1, lastActivityAt: at(6), p1EnteredAt: at(6) });
    const last = logOf(participantId).at(-1)!;
    expect(last).toMatchObject({ eventType: "VERIFY", stage: "registration", version: version + 1, actorUserId: env.mentor.id, at: at(6) });
  });

  it("records evidence as a stage_evidence row linked from its log entry, and starts the stage", () => {
    const { participantId, version } = env.register();
    const v = move(participantId, version, { type: "VERIFY" }).version;
    const result = move(participantId, v, { type: "RECORD_EVIDENCE", stage: "training", kind: "training_attended" }, 11, training);
    const entry = logOf(participantId).at(-1)!;
    const evidence = env.db.select().from(t.stageEvidence).where(eq(t.stageEvidence.id, entry.evidenceId!)).get()!;
    expect(evidence).toMatchObject({ participantId, stage: "training", kind: "training_attended", occurredOn: "2026-01-10" });
    expect(row(participantId)).toMatchObject({ p2State: "in_progress", p2EnteredAt: at(11), version: result.version });
  });

  it("refuses evidence without its details, changing nothing", () => {
    const { participantId, version } = env.register();
    const v = move(participantId, version, { type: "VERIFY" }).version;
    const before = journeyFingerprint(env.db, participantId);
    const error = refusal(() => move(participantId, v, { type: "RECORD_EVIDENCE", stage: "training", kind: "training_attended" }));
    expect(error.code).toBe("invalid");
    expect(journeyFingerprint(env.db, participantId)).toBe(before);
  });

  it("refuses a move the machine does not allow (guard), says what is missing, and changes nothing", () => {
    const { participantId, version } = env.register();
    const v = move(participantId, version, { type: "VERIFY" }).version;
    const v2 = move(participantId, v, { type: "START", stage: "mentoring" }).version;
    const before = journeyFingerprint(env.db, participantId);
    const error = refusal(() => move(participantId, v2, { type: "COMPLETE", stage: "mentoring" }));
    expect(error.code).toBe("not-allowed");
    expect(error.missing).toEqual([{ code: "evidence", kind: "mentoring_session", have: 0, need: 3 }]);
    expect(journeyFingerprint(env.db, participantId)).toBe(before);
  });

  it("refuses a move made against a stale version, changing nothing", () => {
    const { participantId, version } = env.register();
    move(participantId, version, { type: "VERIFY" });
    const before = journeyFingerprint(env.db, participantId);
    const error = refusal(() => move(participantId, version, { type: "START", stage: "training" }));
    expect(error.code).toBe("stale-version");
    expect(journeyFingerprint(env.db, participantId)).toBe(before);
  });

  it("applies a double-submitted move once: the repeat is refused as stale", () => {
    const { participantId, version } = env.register();
    move(participantId, version, { type: "HOLD", reason: "Sakit" });
    const before = journeyFingerprint(env.db, participantId);
    const error = refusal(() => move(participantId, version, { type: "HOLD", reason: "Sakit" }));
    expect(error.code).toBe("stale-version");
    expect(journeyFingerprint(env.db, participantId)).toBe(before);
    expect(logOf(participantId).filter((e) => e.eventType === "HOLD")).toHaveLength(1);
  });

  it("refuses an unknown participant with not-found and writes nothing", () => {
    const log = env.db.$client.prepare("SELECT count(*) AS n FROM transition_log").get();
    expect(refusal(() => move(999_999, 1, { type: "VERIFY" })).code).toBe("not-found");
    expect(env.db.$client.prepare("SELECT count(*) AS n FROM transition_log").get()).toEqual(log);
  });

  it("keeps the hold reason on the row while on hold and clears it on resume; the stages stay put", () => {
    const { participantId, version } = env.register();
    let v = move(participantId, version, { type: "VERIFY" }).version;
    v = move(participantId, v, { type: "START", stage: "training" }).version;
    v = move(participantId, v, { type: "HOLD", reason: "Pindah sementara" }).version;
    expect(row(participantId)).toMatchObject({ status: "on_hold", statusReason: "Pindah sementara", p2State: "in_progress" });
    expect(refusal(() => move(participantId, v, { type: "START", stage: "licensing" })).missing).toEqual([
      { code: "status-active", status: "on_hold" },
    ]);
    v = move(participantId, v, { type: "RESUME" }).version;
    expect(row(participantId)).toMatchObject({ status: "active", statusReason: null, p2State: "in_progress" });
  });
});

describe("the transition log", () => {
  it("refuses UPDATE and DELETE (append-only)", () => {
    const { participantId } = env.register();
    const id = logOf(participantId)[0]!.id;
    expect(() => env.db.$client.prepare("UPDATE transition_log SET reason = 'x' WHERE id = ?").run(id)).toThrow(/append-only/);
    expect(() => env.db.$client.prepare("DELETE FROM transition_log WHERE id = ?").run(id)).toThrow(/append-only/);
    expect(logOf(participantId)[0]!.reason).toBeNull();
  });

  it("replays through the machine to exactly the stored snapshot, under the rules each move was made with", () => {
    const { participantId, version } = env.register({ track: "naik_kelas" });
    let v = move(participantId, version, { type: "VERIFY" }).version;
    v = move(participantId, v, { type: "WAIVE", stage: "licensing", reason: "Sudah memiliki NIB" }).version;
    v = move(participantId, v, { type: "START", stage: "mentoring" }).version;
    // A coordinator lowers the sessions P3 needs: the next COMPLETE is legal only under the new rules.
    saveRules(env.db, { ...DEFAULT_JOURNEY_RULES, mentoringSessionsRequired: 1 }, null, at(12));
    v = move(participantId, v, { type: "RECORD_EVIDENCE", stage: "mentoring", kind: "mentoring_session" }, 13, training).version;
    move(participantId, v, { type: "COMPLETE", stage: "mentoring" }, 14);
    expect(currentRules(env.db).version).toBe(2);
    const stored = row(participantId);
    expect(stored.p3State).toBe("done");
    expect(replayJourney(env.db, participantId)).toEqual(stored.snapshot);
  });
});

describe("bulk moves", () => {
  it("applies one event to many, each on its own, and says per participant what happened", () => {
    const ready = [env.register(), env.register()].map(({ participantId, version }) => ({
      participantId,
      expectedVersion: move(participantId, version, { type: "VERIFY" }).version,
    }));
    const unverified = env.register();
    const stale = { participantId: ready[0]!.participantId, expectedVersion: 1 };
    const outcomes = applyBulk(env.db, {
      items: [...ready, { participantId: unverified.participantId, expectedVersion: unverified.version }, { participantId: 424242, expectedVersion: 1 }],
      event: { type: "RECORD_EVIDENCE", stage: "training", kind: "training_attended" },
      actorUserId: env.mentor.id,
      at: at(15),
      evidence: training,
    });
    expect(outcomes.map((o) => (o.applied ? "applied" : o.error.code))).toEqual(["applied", "applied", "not-allowed", "not-found"]);
    const refused = outcomes[2]!;
    expect(refused.applied === false && refused.error.missing).toEqual([{ code: "registration-verified" }]);
    expect(row(unverified.participantId).version).toBe(unverified.version);
    // A second bulk made against the versions the form showed is refused for all: nothing twice.
    const again = applyBulk(env.db, { items: [...ready, stale], event: { type: "COMPLETE", stage: "training" }, actorUserId: null, at: at(16) });
    expect(again.every((o) => !o.applied && o.error.code === "stale-version")).toBe(true);
  });
});

describe("registration through registerParticipant is atomic", () => {
  it("leaves no participant behind when the registration is refused", () => {
    const count = () => env.db.$client.prepare("SELECT count(*) AS n FROM participants").get();
    const before = count();
    expect(() =>
      registerParticipant(
        env.db,
        {
          fullName: "X", nik: "3172015508908888", track: "pemula", domicileBasis: "ktp_dki", channel: "web",
          businessName: "X", sector: "kuliner", documentsStatement: "x", districtId: 999_999, agencyId: env.agency.id,
        },
        null,
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(count()).toEqual(before);
  });
});
