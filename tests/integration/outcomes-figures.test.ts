// The outcomes for everyone with a baseline: the change from the baseline to the latest accepted
// report, per group, as medians and quartiles. Each figure is checked against a direct SQL computation
// of the same quartile method (type 7: position (n − 1)·p, linear interpolation), and the small groups
// are marked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMove } from "../../app/modules/journey/journey.server";
import { outcomeGroups } from "../../app/modules/outcomes/figures.server";
import { outcomeRows, participantOutcome } from "../../app/modules/follow-ups/outcomes.server";
import { participantScope, type Viewer } from "../../app/modules/access/scope.server";
import type { JourneyEvent } from "../../machines/journey";
import { freshDatabase } from "../helpers/db";
import * as t from "../../db/schema";
import { answerFollowUp } from "../../app/modules/follow-ups/follow-ups.server";
import { getOwnPage } from "../../app/modules/entrepreneur/own-page.server";
import { jakartaDate } from "../../app/modules/i18n/jakarta";

let env: ReturnType<typeof freshDatabase>;
let viewer: Viewer;
const DAY = 86_400_000;
const start = Date.UTC(2026, 0, 5);
const P6: JourneyEvent = { type: "RECORD_EVIDENCE", stage: "financial_reporting", kind: "financial_report" };

beforeAll(() => {
  env = freshDatabase("outcomes-figures");
  viewer = { id: 0, role: "coordinator", cityId: null, agencyId: null };
  // Seven businesses in Cakung, three in Matraman; one without a report, one without a baseline.
  const people = [
    ...[1, 2, 3, 4, 5, 6].map((k) => ({ district: env.district.id, turnover: 1_000_000 * k, reports: [1_000_000 * k + 500_000 * k * k, 1_000_000 * k + 700_000 * k] })),
    { district: env.district.id, turnover: 3_000_000, reports: [] },
    ...[1, 2, 3].map((k) => ({ district: env.otherDistrict.id, turnover: 2_000_000 * k, reports: [4_000_000 * k] })),
  ];
  for (const person of people) {
    const registered = env.register({ districtId: person.district, entryTurnover: person.turnover, entryAssets: 10_000_000, entryWorkers: 2 });
    const participantId = registered.participantId;
    let version = registered.version;
    version = applyMove(env.db, { participantId, expectedVersion: version, event: { type: "VERIFY" }, actorUserId: env.mentor.id, at: start + DAY }).version;
    person.reports.forEach((turnover, i) => {
      version = applyMove(env.db, {
        participantId,
        expectedVersion: version,
        event: P6,
        actorUserId: env.mentor.id,
        at: start + (30 + 30 * i) * DAY,
        evidence: { details: { period: `2026-0${2 + i}`, turnover, assets: 12_000_000 + i, workers: 3 + i }, occurredOn: `2026-0${2 + i}-10` },
      }).version;
    });
  }
  env.register({ entryTurnover: null, entryAssets: null, entryWorkers: null, entryHasNib: null });
});
afterAll(() => env.close());

/** Type-7 quartiles of the turnover change per district, computed by SQLite alone. */
function sqlQuartiles() {
  return env.db.$client
    .prepare(
      `WITH latest AS (
         SELECT p.id, d.name AS district, json_extract(e.details, '$.turnover') - p.entry_turnover AS change
         FROM participants p JOIN districts d ON d.id = p.district_id
         JOIN stage_evidence e ON e.id = (SELECT id FROM stage_evidence x WHERE x.participant_id = p.id AND x.kind = 'financial_report'
           AND x.status = 'recorded' ORDER BY json_extract(x.details, '$.period') DESC, x.id DESC LIMIT 1)
         WHERE p.entry_turnover IS NOT NULL),
       ranked AS (SELECT district, change, row_number() OVER (PARTITION BY district ORDER BY change) - 1 AS i, count(*) OVER (PARTITION BY district) AS n FROM latest),
       q(p) AS (VALUES (0.25), (0.5), (0.75))
       SELECT district, q.p AS p, n,
         max(CASE WHEN i = CAST((n - 1) * q.p AS INTEGER) THEN change END)
         + ((n - 1) * q.p - CAST((n - 1) * q.p AS INTEGER))
         * (coalesce(max(CASE WHEN i = CAST((n - 1) * q.p AS INTEGER) + 1 THEN change END), max(CASE WHEN i = CAST((n - 1) * q.p AS INTEGER) THEN change END))
            - max(CASE WHEN i = CAST((n - 1) * q.p AS INTEGER) THEN change END)) AS value
       FROM ranked, q GROUP BY district, q.p ORDER BY district, q.p`,
    )
    .all() as { district: string; p: number; n: number; value: number }[];
}

describe("outcomes for everyone with a baseline", () => {
  it("medians and quartiles of the change per district equal SQLite's own computation and a hand computation", () => {
    const { groups, total } = outcomeGroups(outcomeRows(env.db, participantScope(env.db, viewer)), "district");
    const expected = sqlQuartiles();
    for (const group of groups) {
      const rows = expected.filter((r) => r.district === group.key);
      expect(group.change.turnover, group.key).toEqual({ count: rows[0]!.n, q1: rows[0]!.value, median: rows[1]!.value, q3: rows[2]!.value });
    }
    // By hand, Matraman: changes 2, 4, 6 million → quartiles 3, 4, 5 million.
    expect(groups.find((g) => g.key === "Matraman")!.change.turnover).toEqual({ count: 3, q1: 3_000_000, median: 4_000_000, q3: 5_000_000 });
    // Cakung: latest reports are the second ones (k × 0.7 million): 0.7 … 4.2 million.
    expect(groups.find((g) => g.key === "Cakung")!.change.turnover).toEqual({ count: 6, q1: 1_575_000, median: 2_450_000, q3: 3_325_000 });
    expect(total.withBaseline).toBe(10);
    expect(total.withReport).toBe(9);
  });

  it("counts the businesses behind each figure and marks groups under five", () => {
    const { groups } = outcomeGroups(outcomeRows(env.db, participantScope(env.db, viewer)), "district");
    expect(groups.map((g) => [g.key, g.withBaseline, g.withReport, g.small])).toEqual([
      ["Cakung", 7, 6, false],
      ["Matraman", 3, 3, true],
    ]);
  });

  it("a participant's figures over time: the baseline, then each report by period, with the class", () => {
    const id = (env.db.$client.prepare("SELECT id FROM participants WHERE entry_turnover = 2000000 AND district_id = ?").get(env.district.id) as { id: number }).id;
    const outcome = participantOutcome(env.db, id)!;
    expect(outcome.points.map((p) => [p.period, p.turnover, p.entry])).toEqual([
      ["2026-01", 2_000_000, true],
      ["2026-02", 4_000_000, false],
      ["2026-03", 3_400_000, false],
    ]);
    expect(outcome.baselineClass).toBe("mikro");
  });
});

// After the programme: each answered follow-up is a point. Five businesses with a baseline of
// Rp10,000,000 capital and 2 workers: A reported, withdrew and answers "still operating"; B never
// reported and answers; C reported and answers "no longer operating" (closed); D reported, withdrew
// and let the 3-month follow-up pass unanswered (no longer reports); E reported and is still in.
describe("outcomes with the follow-ups after the programme", () => {
  let after: ReturnType<typeof freshDatabase>;
  const ids: Record<string, number> = {};
  let ownerId = 0;
  const TODAY = jakartaDate();
  const exit = Date.now() - 200 * DAY; // the 3-month follow-up is missed unless answered, the 6-month open

  beforeAll(() => {
    after = freshDatabase("outcomes-figures-after");
    ownerId = after.db.insert(t.users).values({ email: "a@test", name: "A", role: "entrepreneur", passwordHash: "x" }).returning().get().id;
    const people = [
      { key: "A", turnover: 1_000_000, report: 2_000_000, assets: 12_000_000, answer: { operating: "yes", turnover: 5_000_000, workers: 4 } },
      { key: "B", turnover: 2_000_000, report: null, assets: null, answer: { operating: "yes", turnover: 3_000_000, workers: 2 } },
      { key: "C", turnover: 3_000_000, report: 6_000_000, assets: 15_000_000, answer: { operating: "no" } },
      { key: "D", turnover: 4_000_000, report: 5_000_000, assets: 11_000_000, answer: null },
      { key: "E", turnover: 1_000_000, report: 1_500_000, assets: 10_000_000, answer: null, stays: true },
    ] as const;
    for (const person of people) {
      const registered = after.register({ entryTurnover: person.turnover, entryAssets: 10_000_000, entryWorkers: 2, userId: person.key === "A" ? ownerId : null });
      const participantId = registered.participantId;
      ids[person.key] = participantId;
      let version = applyMove(after.db, { participantId, expectedVersion: registered.version, event: { type: "VERIFY" }, actorUserId: after.mentor.id, at: start + DAY }).version;
      if (person.report !== null) {
        version = applyMove(after.db, {
          participantId,
          expectedVersion: version,
          event: P6,
          actorUserId: after.mentor.id,
          at: start + 30 * DAY,
          evidence: { details: { period: "2026-02", turnover: person.report, assets: person.assets, workers: 3 }, occurredOn: "2026-02-10" },
        }).version;
      }
      if ("stays" in person) continue;
      applyMove(after.db, { participantId, expectedVersion: version, event: { type: "WITHDRAW", reason: "Pindah kota" }, actorUserId: after.mentor.id, at: exit });
      if (person.answer) {
        const three = after.db.$client.prepare("SELECT id FROM follow_ups WHERE participant_id = ? AND months_after = 3").get(participantId) as { id: number };
        answerFollowUp(after.db, { participantId, actorUserId: null, value: { followUpId: three.id, ...person.answer }, today: TODAY });
      }
    }
  });
  afterAll(() => after.close());

  /** Type-7 quartiles of each participant's change to the latest figure, the follow-ups included, computed by SQLite alone. */
  function sqlChanges(measure: "turnover" | "workers") {
    return after.db.$client
      .prepare(
        `WITH report AS (
           SELECT p.id, coalesce(json_extract(e.details, '$.period'), substr(e.occurred_on, 1, 7)) AS period, json_extract(e.details, '$.${measure}') AS value
           FROM participants p JOIN stage_evidence e ON e.id = (SELECT id FROM stage_evidence x WHERE x.participant_id = p.id
             AND x.kind = 'financial_report' AND x.status = 'recorded' ORDER BY json_extract(x.details, '$.period') DESC, x.id DESC LIMIT 1)),
         answer AS (
           SELECT p.id, strftime('%Y-%m', f.answered_at / 1000, 'unixepoch', '+7 hours') AS period, f.operating, f.${measure} AS value
           FROM participants p JOIN follow_ups f ON f.id = (SELECT id FROM follow_ups y WHERE y.participant_id = p.id AND y.answered_at IS NOT NULL ORDER BY y.due_on DESC LIMIT 1)),
         latest AS (
           SELECT p.id, CASE WHEN a.id IS NOT NULL AND (r.id IS NULL OR a.period >= r.period) THEN (CASE WHEN a.operating THEN a.value END) ELSE r.value END
             - p.entry_${measure} AS change
           FROM participants p LEFT JOIN report r ON r.id = p.id LEFT JOIN answer a ON a.id = p.id),
         ranked AS (SELECT change, row_number() OVER (ORDER BY change) - 1 AS i, count(*) OVER () AS n FROM latest WHERE change IS NOT NULL),
         q(p) AS (VALUES (0.25), (0.5), (0.75))
         SELECT q.p AS p, n,
           max(CASE WHEN i = CAST((n - 1) * q.p AS INTEGER) THEN change END)
           + ((n - 1) * q.p - CAST((n - 1) * q.p AS INTEGER))
           * (coalesce(max(CASE WHEN i = CAST((n - 1) * q.p AS INTEGER) + 1 THEN change END), max(CASE WHEN i = CAST((n - 1) * q.p AS INTEGER) THEN change END))
              - max(CASE WHEN i = CAST((n - 1) * q.p AS INTEGER) THEN change END)) AS value
         FROM ranked, q GROUP BY q.p ORDER BY q.p`,
      )
      .all() as { p: number; n: number; value: number }[];
  }

  it("medians and quartiles with the follow-up points equal SQLite's own computation and a hand computation", () => {
    const { total } = outcomeGroups(outcomeRows(after.db, participantScope(after.db, viewer)), "district");
    for (const measure of ["turnover", "workers"] as const) {
      const [q1, median, q3] = sqlChanges(measure);
      expect(total.change[measure], measure).toEqual({ count: q1!.n, q1: q1!.value, median: median!.value, q3: q3!.value });
    }
    // By hand: A +4.0 (its follow-up), B +1.0 (its follow-up, no report), D +1.0 (its last report), E +0.5 million; C closed.
    expect(total.change.turnover).toEqual({ count: 4, q1: 875_000, median: 1_000_000, q3: 1_750_000 });
    // Capital: the latest report's (A +2, D +1, E 0 million); B has none, a follow-up asks none.
    expect(total.change.capital).toEqual({ count: 3, q1: 500_000, median: 1_000_000, q3: 1_500_000 });
    console.log(`[outcomes] with follow-ups: ${total.withBaseline} with a baseline, ${total.withReport} in the changes, ${total.closed} closed, ${total.notReporting} no longer reporting`);
  });

  it("a business that says it stopped is closed: counted apart, out of the changes; one that stopped reporting is counted apart, with its last figures", () => {
    const rows = outcomeRows(after.db, participantScope(after.db, viewer));
    const row = (key: string) => rows.find((r) => r.id === ids[key])!;
    expect(row("C")).toMatchObject({ closed: true, notReporting: false, latest: null, latestClass: null, latestPeriod: TODAY.slice(0, 7) });
    expect(row("D")).toMatchObject({ closed: false, notReporting: true, latest: { turnover: 5_000_000, capital: 11_000_000, workers: 3 } });
    expect(row("A")).toMatchObject({ closed: false, notReporting: false, latest: { turnover: 5_000_000, capital: 12_000_000, workers: 4 }, latestPeriod: TODAY.slice(0, 7) });
    expect(row("B").latest).toEqual({ turnover: 3_000_000, capital: null, workers: 2 });
    const { total } = outcomeGroups(rows, "district");
    expect([total.withBaseline, total.withReport, total.closed, total.notReporting]).toEqual([5, 4, 1, 1]);

    const closed = participantOutcome(after.db, ids.C!)!;
    expect([closed.closedOn, closed.currentClass, closed.notReporting]).toEqual([TODAY, null, false]);
    expect(participantOutcome(after.db, ids.D!)!.notReporting).toBe(true);
  });

  it("the participant's chart and the entrepreneur's own chart show the follow-up point after the reports", () => {
    const month = TODAY.slice(0, 7);
    const expected = [
      ["2026-01", 1_000_000, 10_000_000, 2, null],
      ["2026-02", 2_000_000, 12_000_000, 3, null],
      [month, 5_000_000, null, 4, { monthsAfter: 3, operating: true }],
    ];
    const shape = (points: { period: string; turnover: number | null; assets: number | null; workers: number | null; followUp: unknown }[]) =>
      points.map((p) => [p.period, p.turnover, p.assets, p.workers, p.followUp]);
    expect(shape(participantOutcome(after.db, ids.A!)!.points)).toEqual(expected);
    expect(shape(getOwnPage(after.db, ownerId)!.figures)).toEqual(expected);
    // The closed business's last point says so, with no figures.
    expect(shape(participantOutcome(after.db, ids.C!)!.points).at(-1)).toEqual([month, null, null, null, { monthsAfter: 3, operating: false }]);
  });
});
