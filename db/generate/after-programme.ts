// The generator's loans and follow-up answers, written in a few set-based statements after the
// journeys (one statement each instead of a verb per row keeps the 300k run's speed):
//   - a P7 referral for each participant and lender that recorded a capital outcome (the generator's
//     journeys record them with the lender's organisation, without a referral);
//   - one loan per such referral, its steps' days and amount from that evidence, a tenor of 6–36
//     months, the rejection's reason;
//   - each disbursed loan's collectability for every month since, until repaid (its tenor): mostly
//     lancar, some months worse, and one loan in sixteen sliding from its fourth month to macet;
//   - answers to about two in three follow-ups already due (the triggers scheduled them as the
//     journeys ended), most saying the business still runs; the rest stay unanswered. The answers are
//     points of the outcome figures, so they follow the business: turnover from its latest accepted
//     report (the baseline without one) × 0.80–1.60, workers within one of its last count; one
//     business in seven has stopped, in every answer it gives.
// Deterministic: every value is a function of the row ids and "now".
import { jakartaDate, jakartaMonth } from "../../app/modules/i18n/jakarta";
import { DAY_MS, HOUR_MS } from "../../machines/time";
import type { Db } from "../client";

// A figure of the follow-up's business: its latest accepted report's, else its baseline's.
const lastFigure = (field: "turnover" | "workers") => `coalesce(
  (SELECT json_extract(e.details, '$.${field}') FROM stage_evidence e WHERE e.participant_id = follow_ups.participant_id
    AND e.stage = 'financial_reporting' AND e.kind = 'financial_report' AND e.status = 'recorded'
    ORDER BY coalesce(json_extract(e.details, '$.period'), substr(e.occurred_on, 1, 7)) DESC, e.id DESC LIMIT 1),
  (SELECT p.entry_${field} FROM participants p WHERE p.id = follow_ups.participant_id))`;

export function writeLoansAndFollowUpAnswers(db: Db, now: number): { loans: number; repayments: number; answers: number } {
  const sqlite = db.$client;
  return sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT INTO referrals (participant_id, organisation_id, stage, referred_at)
         SELECT participant_id, organisation_id, 'capital', min(recorded_at) - 7 * ${DAY_MS}
         FROM stage_evidence WHERE stage = 'capital' AND organisation_id IS NOT NULL AND status = 'recorded'
         GROUP BY participant_id, organisation_id
         ON CONFLICT DO NOTHING`,
      )
      .run();
    const loans = sqlite
      .prepare(
        `INSERT INTO loans (referral_id, participant_id, organisation_id, product, amount, tenor_months, status,
           applied_on, approved_on, disbursed_on, rejected_on, rejection_reason, updated_at, created_at)
         SELECT r.id, e.participant_id, e.organisation_id,
           coalesce(max(json_extract(e.details, '$.product')), 'KUR Mikro'),
           coalesce(max(json_extract(e.details, '$.amount')), 10000000),
           6 * (1 + e.participant_id % 6),
           CASE WHEN max(e.kind = 'capital_disbursed') THEN 'disbursed' WHEN max(e.kind = 'capital_rejected') THEN 'rejected'
                WHEN max(e.kind = 'capital_approved') THEN 'approved' ELSE 'applied' END,
           min(CASE WHEN e.kind = 'capital_applied' THEN e.occurred_on END),
           min(CASE WHEN e.kind = 'capital_approved' THEN e.occurred_on END),
           min(CASE WHEN e.kind = 'capital_disbursed' THEN e.occurred_on END),
           min(CASE WHEN e.kind = 'capital_rejected' THEN e.occurred_on END),
           CASE WHEN max(e.kind = 'capital_rejected') AND NOT max(e.kind = 'capital_disbursed')
                THEN coalesce(max(json_extract(e.details, '$.reason')), 'Usaha belum memenuhi syarat') END,
           max(e.recorded_at), max(e.recorded_at)
         FROM stage_evidence e
         JOIN referrals r ON r.participant_id = e.participant_id AND r.organisation_id = e.organisation_id AND r.stage = 'capital'
         WHERE e.stage = 'capital' AND e.organisation_id IS NOT NULL AND e.status = 'recorded'
         GROUP BY e.participant_id, e.organisation_id`,
      )
      .run().changes;
    const repayments = sqlite
      .prepare(
        `WITH RECURSIVE months(loan_id, month, n) AS (
           SELECT id, substr(disbursed_on, 1, 7), 0 FROM loans WHERE status = 'disbursed'
           UNION ALL
           SELECT m.loan_id, strftime('%Y-%m', m.month || '-01', '+1 month'), m.n + 1 FROM months m JOIN loans l ON l.id = m.loan_id
           WHERE strftime('%Y-%m', m.month || '-01', '+1 month') <= ? AND m.n + 1 < l.tenor_months
         )
         INSERT INTO loan_repayments (loan_id, month, collectability, recorded_at)
         SELECT loan_id, month,
           CASE WHEN loan_id % 16 = 5 AND n >= 3 THEN
                  CASE WHEN n >= 7 THEN 'loss' WHEN n >= 6 THEN 'doubtful' WHEN n >= 5 THEN 'substandard' ELSE 'special_mention' END
             ELSE CASE (loan_id * 31 + n * 17) % 20 WHEN 0 THEN 'substandard' WHEN 1 THEN 'special_mention' WHEN 2 THEN 'special_mention'
               WHEN 3 THEN CASE WHEN n > 3 THEN 'doubtful' ELSE 'current' END ELSE 'current' END END,
           ?
         FROM months`,
      )
      .run(jakartaMonth(now), now - HOUR_MS).changes;
    const answers = sqlite
      .prepare(
        `UPDATE follow_ups SET
           answered_at = min(CAST((julianday(due_on) - 2440587.5) * 86400000 AS INTEGER) + (id % 20) * ${DAY_MS} + 3 * ${HOUR_MS}, ?),
           operating = (participant_id % 7 <> 0),
           turnover = CASE WHEN participant_id % 7 <> 0 THEN
             CAST(round(coalesce(${lastFigure("turnover")}, 5000000) * (80 + id % 81) / 100000.0) AS INTEGER) * 1000 END,
           workers = CASE WHEN participant_id % 7 <> 0 THEN
             max(1, coalesce(${lastFigure("workers")}, 1) + CASE id % 8 WHEN 0 THEN -1 WHEN 6 THEN 1 WHEN 7 THEN 1 ELSE 0 END) END
         WHERE due_on <= ? AND (id * 7) % 3 <> 0`,
      )
      .run(now - HOUR_MS, jakartaDate(now)).changes;
    return { loans, repayments, answers };
  })();
}
