// The outcomes for everyone with a baseline: the change from the baseline to the latest accepted
// report, per group, as medians and quartiles. Each figure is checked against a direct SQL computation
// of the same quartile method (type 7: position (n − 1)·p, linear interpolation), and the small groups
// are marked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMove } from "../../app/modules/journey/journey.server";
import { outcomeGroups, outcomeRows, participantOutcome } from "../../app/modules/outcomes/figures.server";
import { participantScope, type Viewer } from "../../app/modules/access/scope.server";
import type { JourneyEvent } from "../../machines/journey";
import { freshDatabase } from "../helpers/db";

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
