// Demo referrals to partners: people referred to Bank DKI (the mitra@pas.demo account), the
// university and the licensing office, some with the outcome the partner recorded. Everything goes
// through the journey service and the partner verbs, so the journeys stay legal paths of the machine.
// Sari (mentor.cakung@pas.demo) finds one of those outcomes, recorded yesterday, on her "Hari ini".
// Deterministic: same database and "now" give the same referrals.
import { and, asc, desc, eq, isNull, lt, notExists } from "drizzle-orm";
import { JourneyError } from "../app/modules/journey/errors";
import { applyMove } from "../app/modules/journey/journey.server";
import { isDormant } from "../app/modules/journey/stalled";
import { loadStallSettings } from "../app/modules/journey/stalled.server";
import { jakartaDate } from "../app/modules/i18n/jakarta";
import type { OutcomeValue } from "../app/modules/partners/forms";
import { recordLoanStep, recordRepayment } from "../app/modules/lending/loans.server";
import { recordPartnerOutcome } from "../app/modules/partners/partner-staff.server";
import { DAY_MS as DAY, HOUR_MS as HOUR } from "../machines/time";
import { COLLECTABILITY, type LoanStatus } from "../machines/vocabulary";
import type { Db } from "./client";
import { seededRandom } from "./random";
import * as t from "./schema";


/** The month after a YYYY-MM month. */
function nextMonth(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
}

type Referrable = { id: number; version: number; lastActivityAt: number; mentorId: number | null };

export function seedPartnerReferrals(db: Db, now: number): void {
  const rng = seededRandom(7);
  const today = jakartaDate(new Date(now));
  const org = (name: string) => db.select().from(t.organisations).where(eq(t.organisations.name, name)).get()!;
  const bank = org("Bank DKI");
  const university = org("Universitas Negeri Jakarta");
  const licensing = org("DPMPTSP DKI Jakarta");
  const bankStaff = db.select().from(t.users).where(eq(t.users.email, "mitra@pas.demo")).get()!;

  /** A moment after the participant's last activity, before "now"; null when there is no room. */
  const after = (last: number, minDays: number, maxDays: number): number | null => {
    const at = Math.min(last + rng.int(minDays, maxDays) * DAY, now - HOUR);
    return at > last ? at : null;
  };
  /** Active participants (not the demo entrepreneur, whose record other demos follow) with a stage in progress. */
  const inProgress = (column: "p2State" | "p4State" | "p6State" | "p7State", limit: number): Referrable[] =>
    db
      .select({ id: t.participants.id, version: t.participants.version, lastActivityAt: t.participants.lastActivityAt, mentorId: t.participants.mentorId })
      .from(t.participants)
      .where(and(eq(t.participants.status, "active"), eq(t.participants[column], "in_progress"), isNull(t.participants.userId)))
      .orderBy(asc(t.participants.id))
      .limit(limit)
      .all();

  // A few who are ready for capital but never started it now start P7 (the machine refuses the unready).
  const ready = db
    .select({ id: t.participants.id, version: t.participants.version, lastActivityAt: t.participants.lastActivityAt, mentorId: t.participants.mentorId })
    .from(t.participants)
    .where(and(eq(t.participants.status, "active"), eq(t.participants.p6State, "done"), eq(t.participants.p7State, "not_started")))
    .orderBy(asc(t.participants.id))
    .all();
  let opened = 0;
  for (const p of ready) {
    if (opened === 3) break;
    const at = after(p.lastActivityAt, 2, 10);
    if (at === null) continue;
    try {
      applyMove(db, { participantId: p.id, expectedVersion: p.version, event: { type: "START", stage: "capital" }, actorUserId: p.mentorId, at });
      opened++;
    } catch (error) {
      if (!(error instanceof JourneyError)) throw error;
    }
  }

  const refer = (p: Referrable, organisationId: number, stage: string): number | null => {
    const referredAt = after(p.lastActivityAt, 1, 7);
    if (referredAt === null) return null;
    const stagePartner = db
      .select()
      .from(t.stagePartners)
      .where(and(eq(t.stagePartners.organisationId, organisationId), eq(t.stagePartners.stage, stage)))
      .get()!;
    db.insert(t.referrals)
      .values({ participantId: p.id, organisationId, stagePartnerId: stagePartner.id, stage, referredBy: p.mentorId, referredAt })
      .run();
    return referredAt;
  };
  const outcome = (p: Referrable, organisationId: number, actor: number | null, referredAt: number, value: Omit<OutcomeValue, "version" | "occurredOn">) => {
    const at = Math.min(referredAt + rng.int(3, 30) * DAY, now - HOUR);
    const version = db.select({ v: t.participants.version }).from(t.participants).where(eq(t.participants.id, p.id)).get()!.v;
    recordPartnerOutcome(db, {
      organisationId,
      participantId: p.id,
      actorUserId: actor,
      value: { ...value, version, occurredOn: jakartaDate(new Date(at)) } as OutcomeValue,
      today,
      at,
    });
  };
  const referralId = (participantId: number, organisationId: number) =>
    db
      .select({ id: t.referrals.id })
      .from(t.referrals)
      .where(and(eq(t.referrals.participantId, participantId), eq(t.referrals.organisationId, organisationId)))
      .get()!.id;

  // Bank DKI: everyone whose P7 is open. Of every four, one has applied, one was approved and
  // disbursed (with its repayment status for each month since), one was rejected, one is only referred.
  inProgress("p7State", 8).forEach((p, i) => {
    const referredAt = refer(p, bank.id, "capital");
    if (referredAt === null || i % 4 === 3) return;
    const loanReferral = referralId(p.id, bank.id);
    const amount = rng.int(5, 50) * 1_000_000;
    const tenorMonths = [6, 12, 24, 36][i % 4]!;
    let at = referredAt;
    const loanStep = (step: LoanStatus, rejectionReason?: string) => {
      at = Math.min(at + rng.int(3, 20) * DAY, now - HOUR);
      const version = db.select({ v: t.participants.version }).from(t.participants).where(eq(t.participants.id, p.id)).get()!.v;
      const value = { intent: "loan" as const, referralId: loanReferral, version, step, product: "KUR Mikro", amount, tenorMonths, occurredOn: jakartaDate(new Date(at)), rejectionReason };
      recordLoanStep(db, { organisationId: bank.id, participantId: p.id, actorUserId: bankStaff.id, value, today, at });
    };
    loanStep("applied");
    if (i % 4 === 1) {
      loanStep("approved");
      loanStep("disbursed");
      const loan = db.select({ id: t.loans.id, disbursedOn: t.loans.disbursedOn }).from(t.loans).where(eq(t.loans.referralId, loanReferral)).get()!;
      for (let month = loan.disbursedOn!.slice(0, 7); month <= today.slice(0, 7); month = nextMonth(month)) {
        const collectability = COLLECTABILITY[Math.min(rng.int(0, 5), 4) === 4 ? 1 : 0]!;
        recordRepayment(db, { organisationId: bank.id, actorUserId: bankStaff.id, value: { intent: "repayment", loanId: loan.id, month, collectability }, today, at: now - HOUR });
      }
    }
    if (i % 4 === 2) loanStep("rejected", "Usaha belum berjalan 6 bulan");
  });
  // Bank DKI's bookkeeping help (P6): referred, outcomes recorded by the mentor.
  for (const p of inProgress("p6State", 3)) refer(p, bank.id, "financial_reporting");
  // The university's training (P2) and the licensing office (P4): about half with an outcome.
  inProgress("p2State", 8).forEach((p, i) => {
    const at = refer(p, university.id, "training");
    if (at !== null && i % 2 === 0) {
      outcome(p, university.id, null, at, { referralId: referralId(p.id, university.id), stage: "training", topic: "Manajemen usaha", skill: "soft" });
    }
  });
  inProgress("p4State", 5).forEach((p, i) => {
    const at = refer(p, licensing.id, "licensing");
    if (at !== null && i % 2 === 0) {
      outcome(p, licensing.id, null, at, { referralId: referralId(p.id, licensing.id), stage: "licensing", licenceType: "nib", licenceNumber: String(rng.int(1_000_000, 9_999_999)) });
    }
  });

  // Sari's day: the university's report that one of her participants in training attended, yesterday.
  const sari = db.select().from(t.users).where(eq(t.users.email, "mentor.cakung@pas.demo")).get()!;
  const settings = loadStallSettings(db);
  const trainee = db
    .select({ id: t.participants.id, version: t.participants.version, lastActivityAt: t.participants.lastActivityAt, status: t.participants.status, mentorId: t.participants.mentorId })
    .from(t.participants)
    .where(
      and(
        eq(t.participants.mentorId, sari.id),
        eq(t.participants.status, "active"),
        eq(t.participants.p2State, "in_progress"),
        isNull(t.participants.userId),
        lt(t.participants.lastActivityAt, now - 3 * DAY),
        notExists(db.select({ id: t.referrals.id }).from(t.referrals).where(eq(t.referrals.participantId, t.participants.id))),
      ),
    )
    .orderBy(desc(t.participants.lastActivityAt), asc(t.participants.id))
    .all()
    .find((p) => !isDormant(p, settings, now));
  if (trainee) {
    const referredAt = Math.max(trainee.lastActivityAt + HOUR, now - 10 * DAY);
    const stagePartner = db
      .select()
      .from(t.stagePartners)
      .where(and(eq(t.stagePartners.organisationId, university.id), eq(t.stagePartners.stage, "training")))
      .get()!;
    db.insert(t.referrals)
      .values({ participantId: trainee.id, organisationId: university.id, stagePartnerId: stagePartner.id, stage: "training", referredBy: sari.id, referredAt })
      .run();
    const at = now - DAY + 2 * HOUR;
    recordPartnerOutcome(db, {
      organisationId: university.id,
      participantId: trainee.id,
      actorUserId: null,
      value: { referralId: referralId(trainee.id, university.id), stage: "training", topic: "Pemasaran digital", skill: "soft", version: trainee.version, occurredOn: jakartaDate(new Date(at)) } as OutcomeValue,
      today,
      at,
    });
  }
}
