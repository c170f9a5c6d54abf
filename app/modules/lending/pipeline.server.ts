// The lenders' pipeline of one organisation: P7 referrals and their loans, counted and summed by the
// Jakarta month of each step (referred, applied, approved, disbursed, rejected), and the participants
// who meet P7's readiness rule in the districts the organisation covers but were not referred to it.
// Every figure is read under a condition on participants that the caller gives: the partner staff's
// covered referrals, or a coordinator's scope.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { participants, referrals } from "../../../db/schema";
import type { JourneyRules } from "../../../machines/journey.rules";
import { MIDDLE_STAGES, type MiddleStageId } from "../../../machines/stages";
import type { LoanStatus } from "../../../machines/vocabulary";
import { coveredByAgreement, coveredReferral } from "../access/coverage.server";
import { PIPELINE_STEPS, type PipelineCell, type PipelineMonth, type PipelineStep } from "./pipeline";

const JAKARTA_OFFSET_MS = 25_200_000;

/** What partner staff may count: the organisation's referrals covered today (as on their list). */
export function partnerStaffView(today: string): SQL {
  return coveredReferral(today);
}

/**
 * The pipeline by month, newest month first, and the total over all months. A referral counts in the
 * month it was made (no amount); a loan in the month of each step it reached, with its amount.
 */
export function pipelineByMonth(db: Db, organisationId: number, visible: SQL): { months: PipelineMonth[]; total: Record<PipelineStep, PipelineCell> } {
  const base = sql`FROM ${referrals} JOIN ${participants} ON ${participants.id} = ${referrals.participantId}
    WHERE ${referrals.organisationId} = ${organisationId} AND ${referrals.stage} = 'capital' AND ${visible}`;
  const fromLoans = sql`FROM ${referrals} JOIN ${participants} ON ${participants.id} = ${referrals.participantId}
    JOIN loans l ON l.referral_id = ${referrals.id}
    WHERE ${referrals.organisationId} = ${organisationId} AND ${referrals.stage} = 'capital' AND ${visible}`;
  const step = (name: LoanStatus, column: string) =>
    sql`SELECT substr(l.${sql.raw(column)}, 1, 7) AS month, ${name} AS step, count(*) AS n, sum(l.amount) AS total
      ${fromLoans} AND l.${sql.raw(column)} IS NOT NULL GROUP BY 1`;
  const rows = db.all<{ month: string; step: PipelineStep; n: number; total: number | null }>(sql`
    SELECT strftime('%Y-%m', (${referrals.referredAt} + ${JAKARTA_OFFSET_MS}) / 1000, 'unixepoch') AS month, 'referred' AS step,
      count(*) AS n, 0 AS total ${base} GROUP BY 1
    UNION ALL ${step("applied", "applied_on")}
    UNION ALL ${step("approved", "approved_on")}
    UNION ALL ${step("disbursed", "disbursed_on")}
    UNION ALL ${step("rejected", "rejected_on")}
    ORDER BY 1 DESC`);
  const empty = (): Record<PipelineStep, PipelineCell> =>
    Object.fromEntries(PIPELINE_STEPS.map((s) => [s, { count: 0, total: 0 }])) as Record<PipelineStep, PipelineCell>;
  const byMonth = new Map<string, PipelineMonth>();
  const total = empty();
  for (const row of rows) {
    let month = byMonth.get(row.month);
    if (!month) byMonth.set(row.month, (month = { month: row.month, ...empty() }));
    month[row.step] = { count: row.n, total: row.total ?? 0 };
    total[row.step].count += row.n;
    total[row.step].total += row.total ?? 0;
  }
  return { months: [...byMonth.values()], total };
}

const STATE_COLUMN: Record<MiddleStageId, string> = {
  training: "p2_state",
  mentoring: "p3_state",
  licensing: "p4_state",
  marketing: "p5_state",
  financial_reporting: "p6_state",
};

/**
 * P7's readiness rule (machines/journey.requirements.ts missingForCapital) as a condition on
 * participants: P1 verified, at least N of P2–P6 done or waived, the required ones done. Tests check
 * it against the rule itself for every participant of the demo.
 */
export function capitalReadySql(rules: JourneyRules): SQL {
  const doneOrWaived = MIDDLE_STAGES.map((stage) => `(${STATE_COLUMN[stage]} IN ('done', 'waived'))`).join(" + ");
  const required = rules.capitalReadiness.requiredDone.map((stage) => ` AND ${STATE_COLUMN[stage]} = 'done'`).join("");
  return sql.raw(`(p1_state = 'verified' AND ${doneOrWaived} >= ${rules.capitalReadiness.minMiddleStagesDoneOrWaived}${required})`);
}

/**
 * Active participants who meet P7's readiness, have no loan outcome yet (P7 not done), live in a
 * district one of the organisation's agreements covers for P7 today, and were not referred to it for
 * P7. `visible` narrows them further (a coordinator's scope).
 */
function readyNotReferredWhere(organisationId: number, rules: JourneyRules, today: string, visible: SQL): SQL {
  return sql`${participants.status} = 'active' AND ${participants.p7State} <> 'done' AND ${capitalReadySql(rules)}
    AND ${coveredByAgreement(sql`a.organisation_id = ${organisationId}`, sql`'capital'`, sql`${participants.districtId}`, today)}
    AND NOT EXISTS (SELECT 1 FROM ${referrals} r WHERE r.participant_id = ${participants.id}
      AND r.organisation_id = ${organisationId} AND r.stage = 'capital')
    AND ${visible}`;
}

/** How many ready, unreferred participants per district (what partner staff see: counts, no names). */
export function readyNotReferredByDistrict(db: Db, organisationId: number, rules: JourneyRules, today: string, visible: SQL = sql`1 = 1`) {
  return db.all<{ districtId: number; districtName: string; count: number }>(sql`
    SELECT d.id AS districtId, d.name AS districtName, count(*) AS count
    FROM ${participants} JOIN districts d ON d.id = ${participants.districtId}
    WHERE ${readyNotReferredWhere(organisationId, rules, today, visible)}
    GROUP BY d.id ORDER BY count DESC, d.name`);
}

/** The ready, unreferred participants themselves (for coordinators, who may refer them), first 50 by name. */
export function readyNotReferred(db: Db, organisationId: number, rules: JourneyRules, today: string, visible: SQL, limit = 50) {
  return db.all<{ id: number; fullName: string; businessName: string; districtName: string }>(sql`
    SELECT ${participants.id} AS id, ${participants.fullName} AS fullName, ${participants.businessName} AS businessName, d.name AS districtName
    FROM ${participants} JOIN districts d ON d.id = ${participants.districtId}
    WHERE ${readyNotReferredWhere(organisationId, rules, today, visible)}
    ORDER BY ${participants.fullName}, ${participants.id} LIMIT ${limit}`);
}

/** Whether the organisation lends: a bank or financial institution, or one with a P7 agreement or referral. */
export function isLender(db: Db, organisationId: number): boolean {
  const row = db.get<{ lends: number }>(sql`SELECT (
      EXISTS (SELECT 1 FROM organisations o WHERE o.id = ${organisationId} AND o.kind IN ('bank', 'financial_institution'))
      OR EXISTS (SELECT 1 FROM agreements a WHERE a.organisation_id = ${organisationId}
        AND EXISTS (SELECT 1 FROM json_each(a.stages) WHERE json_each.value = 'capital'))
      OR EXISTS (SELECT 1 FROM ${referrals} r WHERE r.organisation_id = ${organisationId} AND r.stage = 'capital')) AS lends`);
  return row?.lends === 1;
}

/** The latest rejections with their reasons (newest first). */
export function rejectionsOf(db: Db, organisationId: number, visible: SQL, limit = 20) {
  return db.all<{ participantId: number; fullName: string; reason: string; rejectedOn: string }>(sql`
    SELECT ${participants.id} AS participantId, ${participants.fullName} AS fullName, l.rejection_reason AS reason, l.rejected_on AS rejectedOn
    FROM ${referrals} JOIN ${participants} ON ${participants.id} = ${referrals.participantId}
    JOIN loans l ON l.referral_id = ${referrals.id}
    WHERE ${referrals.organisationId} = ${organisationId} AND l.status = 'rejected' AND ${visible}
    ORDER BY l.rejected_on DESC, l.id DESC LIMIT ${limit}`);
}

/**
 * The organisation's pipeline section: by month, rejections, and who is ready but not referred.
 * `scope.referrals` narrows the referral rows (a query of referrals joined with participants),
 * `scope.participants` the ready participants (a query of participants alone; all when left out).
 */
export function lendingOverview(db: Db, organisationId: number, rules: JourneyRules, today: string, scope: { referrals: SQL; participants?: SQL }) {
  return {
    pipeline: pipelineByMonth(db, organisationId, scope.referrals),
    rejections: rejectionsOf(db, organisationId, scope.referrals),
    readyByDistrict: readyNotReferredByDistrict(db, organisationId, rules, today, scope.participants),
    readiness: { need: rules.capitalReadiness.minMiddleStagesDoneOrWaived, requiredDone: rules.capitalReadiness.requiredDone },
  };
}
