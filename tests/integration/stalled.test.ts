// The stall and dormancy rule: the onsets the database keeps (triggers generated from stalled.ts)
// equal the rule's own functions, and the SQL used for lists and counts agrees with them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import * as t from "../../db/schema";
import { applyMove } from "../../app/modules/journey/journey.server";
import { dormantCondition, loadStallSettings, stalledCondition } from "../../app/modules/journey/stalled.server";
import { DAY_MS } from "../../machines/time";
import { dormancyOnset, isDormant, stallAgeBand, stallOnset, stallReasons, weekOf } from "../../app/modules/journey/stalled";
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
    const v = applyMove(env.db, { participantId: b.participantId, expectedVersion: b.version, event: { type: "VERIFY" }, actorUserId: null, at: day(0) }).version;
    applyMove(env.db, { participantId: b.participantId, expectedVersion: v, event: { type: "START", stage: "training" }, actorUserId: null, at: day(5) });
    // C: same as B but put on hold: never stalled.
    const c = env.register({}, day(0));
    const w = applyMove(env.db, { participantId: c.participantId, expectedVersion: c.version, event: { type: "VERIFY" }, actorUserId: null, at: day(0) }).version;
    applyMove(env.db, { participantId: c.participantId, expectedVersion: w, event: { type: "HOLD", reason: "Sakit" }, actorUserId: null, at: day(1) });

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

  it("keeps each participant's onsets equal to the rule's functions, before and after the limits change", () => {
    const check = () => {
      const settings = loadStallSettings(env.db);
      for (const p of env.db.select().from(t.participants).all()) {
        expect(p.stalledSince, `stall onset of ${p.id}`).toBe(stallOnset(p, settings));
        expect(p.dormantSince, `dormancy onset of ${p.id}`).toBe(dormancyOnset(p, settings));
      }
    };
    check();
    env.db.insert(t.settings).values({ key: "dormant_days", value: "120" }).run();
    check();
    env.db.update(t.settings).set({ value: "180" }).where(sql`key = 'dormant_days'`).run();
    check();
  });

  it("makes a participant dormant after the dormancy days without anything recorded, and never stalled then", () => {
    const p = env.register({}, day(0));
    const v = applyMove(env.db, { participantId: p.participantId, expectedVersion: p.version, event: { type: "VERIFY" }, actorUserId: null, at: day(0) }).version;
    const settings = loadStallSettings(env.db);
    expect(settings.dormantDays).toBe(180);
    const row = () => env.db.select().from(t.participants).where(sql`id = ${p.participantId}`).get()!;
    const ids = (condition: ReturnType<typeof stalledCondition>) =>
      env.db.select({ id: t.participants.id }).from(t.participants).where(condition).all().map((r) => r.id);
    // Day 179: stalled (inactive since day 0), not dormant. Day 180 and a moment: dormant, not stalled.
    for (const [now, dormant] of [[day(179), false], [day(180), false], [day(180) + 1, true], [day(181), true]] as const) {
      expect(isDormant(row(), settings, now), `day ${(now - start) / DAY_MS}`).toBe(dormant);
      expect(ids(dormantCondition(now)).includes(p.participantId)).toBe(dormant);
      expect(ids(stalledCondition(now)).includes(p.participantId)).toBe(!dormant);
      expect(stallReasons(row(), settings, now).length > 0).toBe(!dormant);
    }
    // Anything recorded brings them back: stalled no more, dormant no more.
    applyMove(env.db, { participantId: p.participantId, expectedVersion: v, event: { type: "START", stage: "training" }, actorUserId: null, at: day(200) });
    expect(ids(dormantCondition(day(201)))).not.toContain(p.participantId);
    expect(ids(stalledCondition(day(201)))).not.toContain(p.participantId);
  });

  it("puts a stall's age in its band at the edges", () => {
    const now = day(100);
    const band = (ageMs: number) => stallAgeBand(now - ageMs, now);
    expect([band(1), band(7 * DAY_MS - 1), band(7 * DAY_MS)]).toEqual(["new", "new", "weeks"]);
    expect([band(28 * DAY_MS - 1), band(28 * DAY_MS)]).toEqual(["weeks", "months"]);
    expect([band(90 * DAY_MS - 1), band(90 * DAY_MS)]).toEqual(["months", "older"]);
  });

  it("counts a stall episode ended by something recorded as opened in its onset's week and resolved in the week it ended", () => {
    env.db.insert(t.settings).values({ key: "stall_inactivity_days", value: "30" }).onConflictDoUpdate({ target: t.settings.key, set: { value: "30" } }).run();
    const p = env.register({}, day(300));
    const v = applyMove(env.db, { participantId: p.participantId, expectedVersion: p.version, event: { type: "VERIFY" }, actorUserId: null, at: day(300) }).version;
    const weeks = () =>
      env.db.$client.prepare("SELECT week, opened, resolved FROM stall_weeks WHERE week >= ? ORDER BY week").all(weekOf(day(300))) as { week: number; opened: number; resolved: number }[];
    expect(weeks()).toEqual([]);
    // Inactive from day 300: stalled from day 330. Something recorded on day 340 ends it.
    const w = applyMove(env.db, { participantId: p.participantId, expectedVersion: v, event: { type: "START", stage: "training" }, actorUserId: null, at: day(340) }).version;
    expect(weeks()).toEqual([
      { week: weekOf(day(330)), opened: 1, resolved: 0 },
      { week: weekOf(day(340)), opened: 0, resolved: 1 },
    ]);
    // Recording again while not stalled ends nothing.
    applyMove(env.db, { participantId: p.participantId, expectedVersion: w, event: { type: "HOLD", reason: "Sakit" }, actorUserId: null, at: day(341) });
    expect(weeks().reduce((n, r) => n + r.opened + r.resolved, 0)).toBe(2);
  });
});
