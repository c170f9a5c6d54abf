// Naik kelas recorded once per climb: a financial report over a class bound (Rp1,000,000,000 of capital
// is mikro, one rupiah more is kecil) records the climb when recorded after the move; the same class
// reported again, or recorded again by another caller, adds nothing; an informal business's NIB is its own climb.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMove } from "../../app/modules/journey/journey.server";
import { CLIMB_EVIDENCE, recordAllClimbs, recordClimbs } from "../../app/modules/outcomes/climbs.server";
import { changeThresholds } from "../../app/modules/outcomes/thresholds.server";
import { PP_7_2021_THRESHOLDS } from "../../app/modules/outcomes/business-class";
import type { JourneyEvent } from "../../machines/journey";
import { freshDatabase } from "../helpers/db";

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
    }).version;
    // As every caller that records a report or a licence does after the move.
    if (event.type === "RECORD_EVIDENCE" && CLIMB_EVIDENCE.has(event.kind)) recordClimbs(env.db, participantId, at(day));
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
