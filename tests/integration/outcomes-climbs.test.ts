// Naik kelas recorded once per climb: a financial report over a class bound (Rp1,000,000,000 of capital
// is mikro, one rupiah more is kecil) records the climb in the move's own transaction; the same class
// reported again, or recorded again by another caller, adds nothing; an informal business's NIB is its
// own climb. A failure recording the climb undoes the report's move too (the page and the self-report paths).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMove } from "../../app/modules/journey/journey.server";
import { climbsWithMove, recordAllClimbs, recordClimbs } from "../../app/modules/outcomes/climbs.server";
import { changeThresholds } from "../../app/modules/outcomes/thresholds.server";
import { PP_7_2021_THRESHOLDS } from "../../app/modules/outcomes/business-class";
import type { JourneyEvent } from "../../machines/journey";
import { freshDatabase, journeyFingerprint } from "../helpers/db";
import { performParticipantAction } from "../../app/modules/participants/actions.server";
import { reviewSelfReport, submitSelfReport } from "../../app/modules/entrepreneur/self-report.server";
import * as t from "../../db/schema";

let env: ReturnType<typeof freshDatabase>;
beforeAll(() => {
  env = freshDatabase("outcomes-climbs");
});
afterAll(() => env.close());

const DAY = 86_400_000;
const at = (day: number) => Date.UTC(2026, 0, 5) + day * DAY;

function journey(overrides: Parameters<typeof env.register>[0]) {
  const registered = env.register(overrides);
  const participantId = registered.participantId;
  let version = registered.version;
  const move = (event: JourneyEvent, day: number, details?: Record<string, unknown>) => {
    version = applyMove(env.db, {
      participantId,
      expectedVersion: version,
      event,
      actorUserId: env.mentor.id,
      at: at(day),
      evidence: details && { details, occurredOn: new Date(at(day)).toISOString().slice(0, 10) },
      // As every caller that records a report or a licence does, in the move's transaction.
      alsoInTransaction: event.type === "RECORD_EVIDENCE" ? climbsWithMove(env.db, event.kind) : undefined,
    }).version;
  };
  move({ type: "VERIFY" }, 1);
  return { participantId, move };
}

const report = (assets: number, turnover = 10_000_000) => ({ period: "2026-02", turnover, assets, workers: 3 });
const climbs = (participantId: number) =>
  env.db.$client
    .prepare("SELECT kind, from_class AS fromClass, to_class AS toClass, occurred_on AS occurredOn FROM business_climbs WHERE participant_id = ? ORDER BY id")
    .all(participantId);

describe("naik kelas", () => {
  it("records a class climb once, at the report that crossed the bound, and never again for the same class", () => {
    const { participantId, move } = journey({ entryAssets: 900_000_000, entryTurnover: 10_000_000 });
    const p6: JourneyEvent = { type: "RECORD_EVIDENCE", stage: "financial_reporting", kind: "financial_report" };
    move(p6, 10, report(1_000_000_000));
    expect(climbs(participantId), "Rp1,000,000,000 is still mikro").toEqual([]);
    move(p6, 40, report(1_000_000_001));
    expect(climbs(participantId)).toEqual([{ kind: "class", fromClass: "mikro", toClass: "kecil", occurredOn: "2026-02-14" }]);
    // Down again and back up: kecil was reached already.
    move(p6, 70, report(500_000_000));
    move(p6, 100, report(2_000_000_000));
    expect(recordClimbs(env.db, participantId), "recording again adds nothing").toBe(0);
    expect(recordAllClimbs(env.db)).toBe(0);
    expect(climbs(participantId)).toHaveLength(1);
  });

  it("an informal business (no NIB at entry) getting its NIB is a climb; one that had it is not", () => {
    const licence: JourneyEvent = { type: "RECORD_EVIDENCE", stage: "licensing", kind: "licence" };
    const informal = journey({ entryHasNib: false });
    informal.move(licence, 20, { type: "nib", number: "9120012345678", issuer: "OSS" });
    informal.move(licence, 30, { type: "nib", number: "9120012345679", issuer: "OSS" });
    expect(climbs(informal.participantId)).toEqual([{ kind: "nib", fromClass: null, toClass: null, occurredOn: "2026-01-25" }]);
    const formal = journey({ entryHasNib: true });
    formal.move(licence, 20, { type: "nib", number: "9120012345670", issuer: "OSS" });
    expect(climbs(formal.participantId)).toEqual([]);
  });

  it("classes by the thresholds in force: lowered bounds make the next report a climb", () => {
    const { participantId, move } = journey({ entryAssets: 50_000_000, entryTurnover: 5_000_000 });
    changeThresholds(env.db, env.mentor.id, { ...PP_7_2021_THRESHOLDS, capital: { mikro: 60_000_000, kecil: 100_000_000, menengah: 200_000_000 } });
    move({ type: "RECORD_EVIDENCE", stage: "financial_reporting", kind: "financial_report" }, 10, report(60_000_001));
    expect(climbs(participantId)).toEqual([{ kind: "class", fromClass: "mikro", toClass: "kecil", occurredOn: "2026-01-15" }]);
    const change = env.db.$client.prepare("SELECT key, changed_by AS by FROM settings_changes").all();
    expect(change).toEqual([{ key: "business_class_thresholds", by: env.mentor.id }]);
    changeThresholds(env.db, env.mentor.id, PP_7_2021_THRESHOLDS);
  });
});

describe("a report and its climb, one transaction", () => {
  const form = (fields: Record<string, string | number>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, String(v));
    return data;
  };
  const version = (participantId: number) =>
    (env.db.$client.prepare("SELECT version FROM participants WHERE id = ?").get(participantId) as { version: number }).version;
  const climbCount = () => (env.db.$client.prepare("SELECT count(*) AS n FROM business_climbs").get() as { n: number }).n;
  // The climb's write fails (as a full disk or an I/O error would, after the move's own rows).
  const failClimbs = () =>
    env.db.$client.exec("CREATE TEMP TRIGGER climbs_fail BEFORE INSERT ON business_climbs BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
  const healClimbs = () => env.db.$client.exec("DROP TRIGGER temp.climbs_fail");

  it("on the participant page: a failure recording the climb leaves neither the report nor the move; once it works, both", () => {
    const { participantId } = journey({ entryAssets: 900_000_000, entryTurnover: 10_000_000 });
    const report = {
      intent: "evidence", formId: "evidence-financial_reporting", stage: "financial_reporting", kind: "financial_report",
      period: "2026-02", turnover: 10_000_000, assets: 1_000_000_001, workers: 3, occurredOn: "2026-02-10",
    };
    const before = journeyFingerprint(env.db, participantId);
    const climbs = climbCount();
    failClimbs();
    try {
      expect(() =>
        performParticipantAction(env.db, { participantId, actorUserId: env.mentor.id, formData: form({ ...report, version: version(participantId) }) }),
      ).toThrow(/disk I\/O error/);
    } finally {
      healClimbs();
    }
    expect(journeyFingerprint(env.db, participantId), "no report, no log entry, no version").toBe(before);
    expect(climbCount()).toBe(climbs);
    expect(performParticipantAction(env.db, { participantId, actorUserId: env.mentor.id, formData: form({ ...report, version: version(participantId) }) })).toEqual({ ok: true });
    expect(climbCount()).toBe(climbs + 1);
  });

  it("on accepting a self-report: a failure recording the climb leaves the report pending and the journey as it was", () => {
    const user = env.db.insert(t.users).values({ email: "self@test", name: "Self", role: "entrepreneur", passwordHash: "x" }).returning().get();
    const { participantId } = journey({ entryAssets: 900_000_000, entryTurnover: 10_000_000, userId: user.id });
    expect(submitSelfReport(env.db, user.id, form({ period: "2026-02", turnover: 10_000_000, assets: 1_200_000_000, workers: 3 }), at(20))).toEqual({ ok: true });
    const pending = env.db.$client.prepare("SELECT id FROM stage_evidence WHERE participant_id = ? AND status = 'pending'").get(participantId) as { id: number };
    const accept = () =>
      reviewSelfReport(env.db, {
        participantId,
        actorUserId: env.mentor.id,
        formData: form({ evidenceId: pending.id, version: version(participantId), decision: "accept" }),
        now: at(21),
      });
    const before = journeyFingerprint(env.db, participantId);
    const climbs = climbCount();
    failClimbs();
    try {
      expect(accept).toThrow(/disk I\/O error/);
    } finally {
      healClimbs();
    }
    expect(journeyFingerprint(env.db, participantId)).toBe(before);
    expect(env.db.$client.prepare("SELECT status FROM stage_evidence WHERE id = ?").get(pending.id)).toEqual({ status: "pending" });
    expect(climbCount()).toBe(climbs);
    expect(accept()).toEqual({ ok: true });
    expect(climbCount()).toBe(climbs + 1);
  });
});
