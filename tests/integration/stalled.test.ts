// The stall rule: the SQL used for lists and counts agrees with the per-participant function.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import * as t from "../../db/schema";
import { applyMove } from "../../app/modules/journey/journey.server";
import { loadStallSettings, stalledCondition } from "../../app/modules/journey/stalled.server";
import { stallReasons, DAY_MS } from "../../app/modules/journey/stalled";
import { freshDatabase } from "../helpers/db";

let env: ReturnType<typeof freshDatabase>;
beforeAll(() => {
  env = freshDatabase("stalled");
  env.db.insert(t.settings).values([{ key: "stall_inactivity_days", value: "30" }, { key: "cohort_stall_threshold", value: "0.25" }]).run();
  env.db.insert(t.stageSettings).values([{ stage: "registration", timeLimitDays: 10 }, { stage: "training", timeLimitDays: 20 }]).run();
});
afterAll(() => env.close());

const start = Date.UTC(2026, 0, 1);
const day = (n: number) => start + n * DAY_MS;

describe("stall rule", () => {
  it("reads its numbers from settings, with a fallback for stages without a limit", () => {
    const s = loadStallSettings(env.db);
    expect(s).toMatchObject({ inactivityDays: 30, cohortThreshold: 0.25 });
    expect(s.stageLimitDays).toMatchObject({ registration: 10, training: 20, capital: 60 });
  });

  it("flags inactivity and over-long stages, only for active participants, and the SQL agrees", () => {
    const settings = loadStallSettings(env.db);
    // A: registered day 0, never verified → P1 open past its 10-day limit by day 15.
    const a = env.register({}, day(0));
    // B: verified day 0, P2 started day 5, evidence day 20 → P2 open 25 days (> 20) at day 30.
    const b = env.register({}, day(0));
    let v = applyMove(env.db, { participantId: b.participantId, expectedVersion: b.version, event: { type: "VERIFY" }, actorUserId: null, at: day(0) }).version;
    v = applyMove(env.db, { participantId: b.participantId, expectedVersion: v, event: { type: "START", stage: "training" }, actorUserId: null, at: day(5) }).version;
    // C: same as B but put on hold: never stalled.
    const c = env.register({}, day(0));
    let w = applyMove(env.db, { participantId: c.participantId, expectedVersion: c.version, event: { type: "VERIFY" }, actorUserId: null, at: day(0) }).version;
    w = applyMove(env.db, { participantId: c.participantId, expectedVersion: w, event: { type: "HOLD", reason: "Sakit" }, actorUserId: null, at: day(1) }).version;

    const rows = () => env.db.select().from(t.participants).all();
    const bySql = (now: number) =>
      env.db.select({ id: t.participants.id }).from(t.participants).where(stalledCondition(now)).all().map((r) => r.id).sort();
    const byFunction = (now: number) => rows().filter((p) => stallReasons(p, settings, now).length > 0).map((p) => p.id).sort();

    for (const now of [day(5), day(11), day(26), day(40)]) expect(bySql(now)).toEqual(byFunction(now));
    expect(byFunction(day(5))).toEqual([]);
    expect(byFunction(day(11))).toEqual([a.participantId]);
    const bRow = rows().find((p) => p.id === b.participantId)!;
    expect(stallReasons(bRow, settings, day(26))).toEqual([{ kind: "stage", stage: "training", days: 21, limit: 20 }]);
    expect(stallReasons(bRow, settings, day(40)).map((r) => r.kind)).toEqual(["inactive", "stage"]);
    expect(byFunction(day(40))).not.toContain(c.participantId);
    // The SQL can run as a count, as dashboards will use it.
    const [{ n }] = env.db.select({ n: sql<number>`count(*)` }).from(t.participants).where(stalledCondition(day(40))).all() as [{ n: number }];
    expect(n).toBe(2);
  });

  it("keeps the SQL equal to the function when the limits change, whoever changes them", () => {
    const rows = () => env.db.select().from(t.participants).all();
    const agree = (now: number) => {
      const settings = loadStallSettings(env.db);
      const bySql = env.db.select({ id: t.participants.id }).from(t.participants).where(stalledCondition(now)).all().map((r) => r.id).sort();
      const byFunction = rows().filter((p) => stallReasons(p, settings, now).length > 0).map((p) => p.id).sort();
      expect(bySql).toEqual(byFunction);
      return bySql.length;
    };
    const times = [day(5), day(11), day(26), day(33), day(40)];
    const before = times.map(agree);
    // A longer training limit and inactivity limit: B is no longer stalled on day 26, nobody is on day 33.
    env.db.update(t.stageSettings).set({ timeLimitDays: 40 }).where(sql`stage = 'training'`).run();
    env.db.update(t.settings).set({ value: "60" }).where(sql`key = 'stall_inactivity_days'`).run();
    const after = times.map(agree);
    expect(after).not.toEqual(before);
    // A stage without a row falls back to 60 days in both.
    env.db.delete(t.stageSettings).where(sql`stage = 'registration'`).run();
    env.db.insert(t.stageSettings).values({ stage: "capital", timeLimitDays: 5 }).run();
    times.map(agree);
    // Not active: no onset at all.
    const onsets = rows().map((p) => [p.status, p.stalledSince] as const);
    expect(onsets.every(([status, since]) => (status === "active") === (since !== null))).toBe(true);
  });
});
