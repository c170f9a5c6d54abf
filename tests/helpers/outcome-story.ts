// What the demo and the scale database carry for the programme's outcomes, counted straight from the
// rows: reports over time, class climbs, follow-ups answered and not, loans and their repayment months.
import type Database from "better-sqlite3";
import { expect } from "vitest";

export type OutcomeStory = {
  /** Participants with accepted financial reports in three months or more. */
  reportsInThreeMonths: number;
  /** Participants with two accepted reports for the same month (the demo's books never do that). */
  samePeriodTwice: number;
  /** Of those with a report, how many report more turnover than their baseline, and how many less. */
  grewSinceBaseline: number;
  declinedSinceBaseline: number;
  classClimbs: number;
  /** Class climbs whose evidence is not an accepted financial report of the same participant. */
  classClimbsWithoutReport: number;
  followUpsDue: number;
  followUpsAnswered: number;
  /** Answers saying the business runs, and saying it stopped. */
  followUpsOperating: number;
  followUpsStopped: number;
  /** Answers saying the business runs after an earlier answer said it had stopped. */
  runningAfterStopped: number;
  /** Running answers whose workers are more than one from the business's latest report (its baseline without one). */
  workersFarFromLast: number;
  /** Graduates whose follow-up went unanswered 60 days past its day, with nothing answered since. */
  graduatesNoLongerReporting: number;
  disbursedLoans: number;
  /** Disbursed loans with six months of repayment status or more. */
  loansWithSixMonths: number;
  /** Disbursed loans whose months from disbursement to this month (or to the tenor's end) are not each recorded once. */
  loansWithGaps: number;
  collectability: string[];
};

const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;

export function outcomeStory(sqlite: Database.Database, today: string): OutcomeStory {
  const n = (query: string, ...params: unknown[]) => (sqlite.prepare(query).get(...params) as { n: number }).n;
  const reports = `SELECT participant_id, coalesce(json_extract(details, '$.period'), substr(occurred_on, 1, 7)) AS period, id,
      json_extract(details, '$.turnover') AS turnover FROM stage_evidence WHERE kind = 'financial_report' AND status = 'recorded'`;
  const latest = `SELECT r.participant_id, r.turnover FROM (${reports}) r
      WHERE NOT EXISTS (SELECT 1 FROM (${reports}) s WHERE s.participant_id = r.participant_id AND (s.period > r.period OR (s.period = r.period AND s.id > r.id)))`;
  const loans = sqlite
    .prepare(
      `SELECT l.id, l.disbursed_on AS disbursedOn, l.tenor_months AS tenor, count(r.month) AS months, count(DISTINCT r.month) AS distinctMonths,
              min(r.month) AS first, max(r.month) AS last
         FROM loans l LEFT JOIN loan_repayments r ON r.loan_id = l.id WHERE l.status = 'disbursed' GROUP BY l.id`,
    )
    .all() as { id: number; disbursedOn: string; tenor: number; months: number; distinctMonths: number; first: string | null; last: string | null }[];
  const loansWithGaps = loans.filter((l) => {
    const expected = Math.min(monthsBetween(l.disbursedOn.slice(0, 7), today.slice(0, 7)), l.tenor);
    return l.months !== expected || l.distinctMonths !== expected || (expected > 0 && l.first !== l.disbursedOn.slice(0, 7));
  }).length;
  return {
    reportsInThreeMonths: n(`SELECT count(*) AS n FROM (SELECT participant_id FROM (${reports}) GROUP BY participant_id HAVING count(DISTINCT period) >= 3)`),
    samePeriodTwice: n(`SELECT count(DISTINCT participant_id) AS n FROM (SELECT participant_id FROM (${reports}) GROUP BY participant_id, period HAVING count(*) > 1)`),
    grewSinceBaseline: n(`SELECT count(*) AS n FROM (${latest}) l JOIN participants p ON p.id = l.participant_id WHERE l.turnover > p.entry_turnover`),
    declinedSinceBaseline: n(`SELECT count(*) AS n FROM (${latest}) l JOIN participants p ON p.id = l.participant_id WHERE l.turnover < p.entry_turnover`),
    classClimbs: n("SELECT count(*) AS n FROM business_climbs WHERE kind = 'class'"),
    classClimbsWithoutReport: n(`SELECT count(*) AS n FROM business_climbs c WHERE c.kind = 'class' AND NOT EXISTS (
        SELECT 1 FROM stage_evidence e WHERE e.id = c.evidence_id AND e.participant_id = c.participant_id AND e.kind = 'financial_report' AND e.status = 'recorded')`),
    followUpsDue: n("SELECT count(*) AS n FROM follow_ups WHERE due_on <= ?", today),
    followUpsAnswered: n("SELECT count(*) AS n FROM follow_ups WHERE due_on <= ? AND answered_at IS NOT NULL", today),
    followUpsOperating: n("SELECT count(*) AS n FROM follow_ups WHERE operating = 1"),
    followUpsStopped: n("SELECT count(*) AS n FROM follow_ups WHERE operating = 0"),
    runningAfterStopped: n(`SELECT count(*) AS n FROM follow_ups a JOIN follow_ups b ON b.participant_id = a.participant_id AND b.due_on > a.due_on
        WHERE a.operating = 0 AND b.operating = 1`),
    workersFarFromLast: n(`SELECT count(*) AS n FROM follow_ups f JOIN participants p ON p.id = f.participant_id WHERE f.operating = 1
        AND abs(f.workers - coalesce((SELECT json_extract(e.details, '$.workers') FROM stage_evidence e WHERE e.participant_id = f.participant_id
          AND e.kind = 'financial_report' AND e.status = 'recorded'
          ORDER BY coalesce(json_extract(e.details, '$.period'), substr(e.occurred_on, 1, 7)) DESC, e.id DESC LIMIT 1), p.entry_workers)) > 1`),
    graduatesNoLongerReporting: n(
      `SELECT count(DISTINCT f.participant_id) AS n FROM follow_ups f JOIN participants p ON p.id = f.participant_id
        WHERE p.status = 'graduated' AND f.answered_at IS NULL AND date(f.due_on, '+60 days') < ?
          AND NOT EXISTS (SELECT 1 FROM follow_ups g WHERE g.participant_id = f.participant_id AND g.due_on >= f.due_on AND g.answered_at IS NOT NULL)`,
      today,
    ),
    disbursedLoans: loans.length,
    loansWithSixMonths: loans.filter((l) => l.months >= 6).length,
    loansWithGaps,
    collectability: (sqlite.prepare("SELECT DISTINCT collectability AS c FROM loan_repayments ORDER BY 1").all() as { c: string }[]).map((r) => r.c),
  };
}

/**
 * What the demo and the generated data both must carry; `atLeast` holds the counts that depend on
 * the data's size. Reports over time move both ways from the baselines; some businesses climb a class
 * on a report and every climb is on one; follow-ups are answered and not, the answers follow the
 * business (workers within one of its last count; most run, some stopped, none runs again after
 * saying it stopped) and some graduates no longer report; loans have every month from disbursement
 * recorded once, and every collectability grade is seen.
 */
export function expectOutcomesOverTime(
  story: OutcomeStory,
  atLeast: { reportsInThreeMonths: number; classClimbs: number; disbursedLoans: number; loansWithSixMonths: number },
): void {
  expect(story.reportsInThreeMonths).toBeGreaterThanOrEqual(atLeast.reportsInThreeMonths);
  expect(story.grewSinceBaseline).toBeGreaterThan(story.declinedSinceBaseline);
  expect(story.declinedSinceBaseline).toBeGreaterThan(0);
  expect(story.classClimbs).toBeGreaterThanOrEqual(atLeast.classClimbs);
  expect(story.classClimbsWithoutReport).toBe(0);
  expect(story.followUpsAnswered).toBeGreaterThan(0);
  expect(story.followUpsAnswered).toBeLessThan(story.followUpsDue);
  expect(story.graduatesNoLongerReporting).toBeGreaterThan(0);
  expect(story.followUpsOperating).toBeGreaterThan(story.followUpsStopped);
  expect(story.followUpsStopped).toBeGreaterThan(0);
  expect(story.runningAfterStopped).toBe(0);
  expect(story.workersFarFromLast).toBe(0);
  expect(story.disbursedLoans).toBeGreaterThanOrEqual(atLeast.disbursedLoans);
  expect(story.loansWithSixMonths).toBeGreaterThanOrEqual(atLeast.loansWithSixMonths);
  expect(story.loansWithGaps).toBe(0);
  expect(story.collectability).toEqual(["current", "doubtful", "loss", "special_mention", "substandard"]);
}
