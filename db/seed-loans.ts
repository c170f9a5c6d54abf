// The demo graduates' loans. Each graduate's P7 was a Bank DKI loan (the walk's capital evidence names
// the lender and carries Bank DKI's organisation, so the bank's page lists it); here each becomes a referral to Bank DKI and a loan with its steps' days (applied,
// approved, disbursed), its product, amount and tenor, and its repayment status for every month since
// disbursement until repaid, recorded by the bank's staff through the lending verb. Most loans stay
// lancar with the odd month in special mention, some wobble and recover, a few slide to macet.
// Runs after the walks and the partner referrals (whose loans are recorded step by step); the
// graduates' P7 is done, so their steps are rows here, not new journey evidence.
// Deterministic: same database and "now" give the same loans.
import { and, asc, eq } from "drizzle-orm";
import { recordRepayment } from "../app/modules/lending/loans.server";
import { jakartaDate } from "../app/modules/i18n/jakarta";
import { DAY_MS as DAY, HOUR_MS as HOUR } from "../machines/time";
import { COLLECTABILITY, type Collectability } from "../machines/vocabulary";
import type { Db } from "./client";
import { seededRandom, type Random } from "./random";
import * as t from "./schema";

function monthsFrom(first: string, last: string, most: number): string[] {
  const months: string[] = [];
  let [year, month] = first.split("-").map(Number) as [number, number];
  for (let key = first; key <= last && months.length < most; ) {
    months.push(key);
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
    key = `${year}-${String(month).padStart(2, "0")}`;
  }
  return months;
}

/** A loan's collectability month by month: steady, wobbling and recovering, or sliding to macet. */
export function repaymentCourse(rng: Random, months: number): Collectability[] {
  const u = rng.next();
  const course: Collectability[] = [];
  if (u < 0.65) {
    for (let n = 0; n < months; n++) course.push(rng.chance(0.06) ? "special_mention" : "current");
  } else if (u < 0.88) {
    const from = rng.int(1, Math.max(1, months - 1));
    const length = rng.int(1, 4);
    for (let n = 0; n < months; n++) course.push(n >= from && n < from + length ? (n === from + 1 ? "substandard" : "special_mention") : "current");
  } else {
    // Late payments that grow: one category worse each month or two, until macet (kolektibilitas 5).
    const from = rng.int(1, Math.max(1, months - 6));
    let level = 0;
    for (let n = 0; n < months; n++) {
      if (n >= from && level < 4 && rng.chance(0.8)) level++;
      course.push(COLLECTABILITY[level]!);
    }
  }
  return course;
}

export function seedGraduateLoans(db: Db, now: number): { loans: number; repayments: number } {
  const rng = seededRandom(3107);
  const today = jakartaDate(new Date(now));
  const bank = db.select().from(t.organisations).where(eq(t.organisations.name, "Bank DKI")).get()!;
  const staff = db.select().from(t.users).where(eq(t.users.email, "mitra@pas.demo")).get()!;
  const stagePartner = db
    .select()
    .from(t.stagePartners)
    .where(and(eq(t.stagePartners.organisationId, bank.id), eq(t.stagePartners.stage, "capital")))
    .get()!;
  const graduates = db
    .select({ id: t.participants.id, mentorId: t.participants.mentorId, p7EnteredAt: t.participants.p7EnteredAt })
    .from(t.participants)
    .where(eq(t.participants.status, "graduated"))
    .orderBy(asc(t.participants.id))
    .all();
  let loans = 0;
  let repayments = 0;
  for (const g of graduates) {
    const steps = db
      .select({ id: t.stageEvidence.id, kind: t.stageEvidence.kind, on: t.stageEvidence.occurredOn, details: t.stageEvidence.details, at: t.stageEvidence.recordedAt })
      .from(t.stageEvidence)
      .where(and(eq(t.stageEvidence.participantId, g.id), eq(t.stageEvidence.stage, "capital"), eq(t.stageEvidence.status, "recorded")))
      .orderBy(asc(t.stageEvidence.id))
      .all();
    const applied = steps.find((s) => s.kind === "capital_applied");
    const disbursed = steps.find((s) => s.kind === "capital_disbursed");
    const exists = db
      .select({ id: t.referrals.id })
      .from(t.referrals)
      .where(and(eq(t.referrals.participantId, g.id), eq(t.referrals.organisationId, bank.id), eq(t.referrals.stage, "capital")))
      .get();
    if (!applied || !disbursed || exists) continue;
    const details = disbursed.details as { product?: string; amount?: number };
    const referralId = db
      .insert(t.referrals)
      .values({
        participantId: g.id,
        organisationId: bank.id,
        stagePartnerId: stagePartner.id,
        stage: "capital",
        referredBy: g.mentorId,
        referredAt: Math.min(g.p7EnteredAt ?? applied.at, applied.at) - rng.int(1, 7) * DAY,
        outcomeEvidenceId: applied.id,
        outcomeAt: applied.at,
      })
      .returning({ id: t.referrals.id })
      .get().id;
    // Approved some days after applying, and no later than disbursed.
    const approvedAt = Math.min(Date.parse(`${applied.on}T00:00:00Z`) + rng.int(3, 14) * DAY, Date.parse(`${disbursed.on}T00:00:00Z`));
    const tenorMonths = rng.pick([12, 18, 24, 36]);
    const loanId = db
      .insert(t.loans)
      .values({
        referralId,
        participantId: g.id,
        organisationId: bank.id,
        product: details.product === "KUR" ? "KUR Mikro" : (details.product ?? "KUR Mikro"),
        amount: details.amount ?? 10_000_000,
        tenorMonths,
        status: "disbursed",
        appliedOn: applied.on,
        approvedOn: new Date(approvedAt).toISOString().slice(0, 10),
        disbursedOn: disbursed.on,
        recordedBy: staff.id,
        updatedAt: disbursed.at,
        createdAt: applied.at,
      })
      .returning({ id: t.loans.id })
      .get().id;
    loans++;
    // Each month from disbursement until repaid (the tenor) or this month, whichever comes first.
    const months = monthsFrom(disbursed.on.slice(0, 7), today.slice(0, 7), tenorMonths);
    const course = repaymentCourse(rng, months.length);
    months.forEach((month, n) => {
      recordRepayment(db, {
        organisationId: bank.id,
        actorUserId: staff.id,
        value: { intent: "repayment", loanId, month, collectability: course[n]! },
        today,
        at: Math.min(Date.parse(`${month}-10T03:00:00Z`) + DAY * 30, now - HOUR),
      });
      repayments++;
    });
  }
  return { loans, repayments };
}
