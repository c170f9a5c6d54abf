// One write path for journeys. The journey service (one move per transaction), the import and the
// generator (a whole history per participant, many participants per transaction) all ask
// move-write.ts what a move writes and give the answer to the one journey writer. This file proves
// it two ways: no other code writes the log, the month counters or a participant's snapshot, and the
// same events give the same rows whether they go through the service or are written in one batch
// the way the import and the generator write them.
import { BASELINE_FIELDS } from "../../machines/journey.requirements";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMove } from "../../app/modules/journey/journey.server";
import { JourneyWriter } from "../../app/modules/journey/journey-writer.server";
import { moveWrite, registerWrite, RememberedSteps, type MoveEvent, type MoveWrite } from "../../app/modules/journey/move-write";
import { currentRules } from "../../app/modules/journey/rules.server";
import { jakartaDate } from "../../app/modules/i18n/jakarta";
import { nikColumns } from "../../app/modules/identity/identity.server";
import type { JourneyEvent } from "../../machines/journey";
import { freshDatabase } from "../helpers/db";
import { replayMismatches } from "../helpers/replay";

const WRITER = "app/modules/journey/journey-writer.server.ts";

/** Every TypeScript source that can write to the database (migrations are SQL and create tables only). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "migrations" ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("the journey writer is the only writer", () => {
  it("no other source appends to the log, adds to the month counters or writes a participant's snapshot", () => {
    const writes = [
      /INSERT INTO (transition_log|stage_month_counts|stage_durations)\b/i,
      /\.insert\((transitionLog|stageMonthCounts|stageDurations)\)/,
      /UPDATE participants SET[^`;]*\bsnapshot\s*=/i,
      /\.update\(participants\)\s*\.set\(\{[^}]*\bsnapshot\b/,
    ];
    const writers = ["app", "db", "machines"]
      .flatMap(sources)
      .filter((path) => writes.some((pattern) => pattern.test(readFileSync(path, "utf8"))));
    expect(writers).toEqual([WRITER]);
  });
});

const day = (d: number) => Date.UTC(2026, 0, d, 9);
const REGISTERED = day(5);
const training = { details: { topic: "Pemasaran digital", skill: "soft" }, occurredOn: "2026-01-10", organisationId: null };
const EVENTS: { event: JourneyEvent; at: number; evidence?: typeof training }[] = [
  // VERIFY carries the baseline the record holds (the service reads it there; the batch is given it).
  { event: { type: "VERIFY", baseline: [...BASELINE_FIELDS] }, at: day(6) },
  { event: { type: "START", stage: "training" }, at: day(8) },
  { event: { type: "RECORD_EVIDENCE", stage: "training", kind: "training_attended" }, at: day(10), evidence: training },
  { event: { type: "COMPLETE", stage: "training" }, at: day(20) },
  { event: { type: "START", stage: "mentoring" }, at: day(21) },
  { event: { type: "HOLD", reason: "Sakit" }, at: day(30) },
  { event: { type: "RESUME" }, at: day(45) },
];

let service: ReturnType<typeof freshDatabase>;
let batch: ReturnType<typeof freshDatabase>;
beforeAll(() => {
  service = freshDatabase("writer-service");
  batch = freshDatabase("writer-batch");
});
afterAll(() => {
  service.close();
  batch.close();
});

/** Everything written for participant 1, ids and the (randomly salted) NIK ciphertext left out. */
function written(env: ReturnType<typeof freshDatabase>) {
  const all = (sql: string) => env.db.$client.prepare(sql).all() as Record<string, unknown>[];
  const without = (rows: Record<string, unknown>[], ...keys: string[]) =>
    rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => !keys.includes(key))));
  return {
    participant: without(all("SELECT * FROM participants"), "nik_cipher"),
    log: without(all("SELECT * FROM transition_log ORDER BY version"), "id"),
    evidence: without(all("SELECT * FROM stage_evidence ORDER BY id"), "id"),
    months: all("SELECT * FROM stage_month_counts ORDER BY stage, month"),
    durations: all("SELECT * FROM stage_durations ORDER BY stage, week"),
  };
}

describe("the same events through the service and in one batch", () => {
  it("write the same participant row, log, evidence and counters", () => {
    // Through the service: a registration, then one transaction per move.
    const p = service.register({}, REGISTERED);
    let version = p.version;
    for (const { event, at, evidence } of EVENTS) {
      version = applyMove(service.db, {
        participantId: p.participantId,
        expectedVersion: version,
        event,
        actorUserId: service.mentor.id,
        at,
        evidence,
      }).version;
    }

    // As the import and the generator write: the whole history computed with remembered machine
    // steps, then one insert of the participant at its last state with every log entry.
    const steps = new RememberedSteps(currentRules(batch.db));
    const actorUserId = batch.mentor.id;
    const moves: MoveWrite[] = [registerWrite(steps, { track: "pemula", channel: "office", actorUserId, at: REGISTERED })];
    const next = (input: MoveEvent) => moves.push(moveWrite(steps, moves[moves.length - 1]!.journey, input));
    next({
      event: { type: "RECORD_EVIDENCE", stage: "registration", kind: "documents" },
      actorUserId,
      at: REGISTERED,
      evidence: { details: { statement: "Rencana usaha" }, occurredOn: jakartaDate(REGISTERED) },
    });
    for (const { event, at, evidence } of EVENTS) next({ event, actorUserId, at, evidence });
    batch.db.$client.transaction(() => {
      const writer = new JourneyWriter(batch.db);
      writer.insert(
        {
          userId: null,
          fullName: "Peserta 1",
          ...nikColumns("3172015508900001"),
          phone: "081200000000",
          track: "pemula",
          domicileBasis: "ktp_dki",
          channel: "office",
          businessName: "Usaha 1",
          sector: "kuliner",
          documentsStatement: "Rencana usaha",
          districtId: batch.district.id,
          cohortId: null,
          agencyId: batch.agency.id,
          mentorId: batch.mentor.id,
          // The baseline the service's registration stored (tests/helpers/db.ts).
          entryTurnover: 5_000_000,
          entryAssets: 20_000_000,
          entryWorkers: 2,
          entryHasNib: false,
          createdAt: REGISTERED,
        },
        moves,
      );
      writer.finish();
    })();

    const fromService = written(service);
    expect(fromService.log).toHaveLength(EVENTS.length + 2);
    expect(fromService.months.length).toBeGreaterThan(0);
    expect(fromService.durations.length).toBeGreaterThan(0);
    expect(written(batch)).toEqual(fromService);
    expect(replayMismatches(batch.db)).toEqual({ checked: 1, mismatched: [] });
  });
});
