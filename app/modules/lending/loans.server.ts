// A lender's loans: each step of a P7 referral's loan (applied, approved, disbursed, or rejected with
// its reason) and, once disbursed, its repayment status per month by OJK's collectability. A step is
// also the participant's P7 evidence, recorded through the partner outcome verb in the same
// transaction: a refusal of either leaves both untouched.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { loanRepayments, loans, participants, referrals } from "../../../db/schema";
import type { Collectability, LoanStatus } from "../../../machines/vocabulary";
import { coveredReferral } from "../access/coverage.server";
import { recordPartnerOutcome } from "../partners/partner-staff.server";
import { STEP_ORDER, type LoanStepValue, type RepaymentValue } from "./forms";

/** A refusal the lender can act on: the field it concerns and the message key. */
export class LoanRefused extends Error {
  constructor(
    readonly field: "step" | "month" | "loanId",
    readonly messageKey: string,
  ) {
    super(messageKey);
    this.name = "LoanRefused";
  }
}

const EVIDENCE_KIND = {
  applied: "capital_applied",
  approved: "capital_approved",
  disbursed: "capital_disbursed",
  rejected: "capital_rejected",
} as const satisfies Record<LoanStatus, string>;

const STEP_DAY = { applied: "appliedOn", approved: "approvedOn", disbursed: "disbursedOn", rejected: "rejectedOn" } as const;

/**
 * Records a loan step for one of the organisation's covered P7 referrals. Steps only move forward
 * (applied → approved → disbursed; rejected before disbursement); a disbursed or rejected loan is
 * closed. A referral the staff may not see is JourneyError("not-found") from the outcome verb.
 */
export function recordLoanStep(
  db: Db,
  input: { organisationId: number; participantId: number; actorUserId: number | null; value: LoanStepValue; today: string; at?: number },
): { loanId: number } {
  const at = input.at ?? Date.now();
  const v = input.value;
  return db.transaction(
    (tx) => {
      const existing = tx
        .select({ id: loans.id, status: loans.status })
        .from(loans)
        .where(and(eq(loans.referralId, v.referralId), eq(loans.organisationId, input.organisationId)))
        .get();
      if (existing) {
        if (existing.status === "disbursed" || existing.status === "rejected") throw new LoanRefused("step", "lending.validation.loanClosed");
        if (STEP_ORDER[v.step] <= STEP_ORDER[existing.status]) throw new LoanRefused("step", "lending.validation.stepOrder");
      }
      // Checks the referral (the organisation's, covered today, P7) and moves the journey.
      recordPartnerOutcome(db, {
        organisationId: input.organisationId,
        participantId: input.participantId,
        actorUserId: input.actorUserId,
        value: {
          referralId: v.referralId,
          stage: "capital",
          version: v.version,
          occurredOn: v.occurredOn,
          loanStatus: EVIDENCE_KIND[v.step],
          product: v.product,
          amount: v.amount,
        },
        today: input.today,
        at,
      });
      const fields = {
        product: v.product,
        amount: v.amount,
        tenorMonths: v.tenorMonths,
        status: v.step,
        [STEP_DAY[v.step]]: v.occurredOn,
        rejectionReason: v.step === "rejected" ? v.rejectionReason! : null,
        recordedBy: input.actorUserId,
        updatedAt: at,
      };
      if (existing) {
        tx.update(loans).set(fields).where(eq(loans.id, existing.id)).run();
        return { loanId: existing.id };
      }
      const loanId = tx
        .insert(loans)
        .values({ ...fields, referralId: v.referralId, participantId: input.participantId, organisationId: input.organisationId })
        .returning({ id: loans.id })
        .get().id;
      return { loanId };
    },
    { behavior: "immediate" },
  );
}

/**
 * Records (or corrects) a disbursed loan's collectability for a month: from the month it was
 * disbursed to the current Jakarta month. Only the organisation's own loans on covered referrals.
 */
export function recordRepayment(
  db: Db,
  input: { organisationId: number; actorUserId: number | null; value: RepaymentValue; today: string; at?: number },
): void {
  const at = input.at ?? Date.now();
  const v = input.value;
  db.transaction(
    (tx) => {
      const loan = tx
        .select({ id: loans.id, status: loans.status, disbursedOn: loans.disbursedOn })
        .from(loans)
        .innerJoin(referrals, eq(referrals.id, loans.referralId))
        .innerJoin(participants, eq(participants.id, loans.participantId))
        .where(and(eq(loans.id, v.loanId), eq(loans.organisationId, input.organisationId), coveredReferral(input.today)))
        .get();
      if (!loan) throw new LoanRefused("loanId", "lending.validation.loanUnknown");
      if (loan.status !== "disbursed" || !loan.disbursedOn) throw new LoanRefused("loanId", "lending.validation.notDisbursed");
      if (v.month < loan.disbursedOn.slice(0, 7)) throw new LoanRefused("month", "lending.validation.monthBeforeDisbursed");
      if (v.month > input.today.slice(0, 7)) throw new LoanRefused("month", "lending.validation.monthInFuture");
      tx.insert(loanRepayments)
        .values({ loanId: loan.id, month: v.month, collectability: v.collectability, recordedBy: input.actorUserId, recordedAt: at })
        .onConflictDoUpdate({
          target: [loanRepayments.loanId, loanRepayments.month],
          set: { collectability: v.collectability, recordedBy: input.actorUserId, recordedAt: at },
        })
        .run();
    },
    { behavior: "immediate" },
  );
}

export type LoanRow = {
  id: number;
  referralId: number;
  product: string;
  amount: number;
  tenorMonths: number;
  status: LoanStatus;
  appliedOn: string | null;
  approvedOn: string | null;
  disbursedOn: string | null;
  rejectedOn: string | null;
  rejectionReason: string | null;
  /** Repayment status per month, newest first. */
  repayments: { month: string; collectability: Collectability }[];
};

/** The organisation's loans for these referrals (one per referral), with their repayment history. */
export function loansOfReferrals(db: Db, organisationId: number, referralIds: number[]): LoanRow[] {
  if (referralIds.length === 0) return [];
  const rows = db
    .select({
      id: loans.id,
      referralId: loans.referralId,
      product: loans.product,
      amount: loans.amount,
      tenorMonths: loans.tenorMonths,
      status: loans.status,
      appliedOn: loans.appliedOn,
      approvedOn: loans.approvedOn,
      disbursedOn: loans.disbursedOn,
      rejectedOn: loans.rejectedOn,
      rejectionReason: loans.rejectionReason,
    })
    .from(loans)
    .where(and(eq(loans.organisationId, organisationId), inArray(loans.referralId, referralIds)))
    .orderBy(asc(loans.id))
    .all();
  const history = rows.length
    ? db
        .select({ loanId: loanRepayments.loanId, month: loanRepayments.month, collectability: loanRepayments.collectability })
        .from(loanRepayments)
        .where(inArray(loanRepayments.loanId, rows.map((r) => r.id)))
        .orderBy(desc(loanRepayments.month))
        .all()
    : [];
  return rows.map((row) => ({
    ...row,
    repayments: history.filter((h) => h.loanId === row.id).map(({ month, collectability }) => ({ month, collectability })),
  }));
}
