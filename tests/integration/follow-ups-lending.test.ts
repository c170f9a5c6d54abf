// After the programme and the lenders' pipeline, on a real SQLite file built from the migrations:
// follow-ups scheduled by the participant row's triggers on the right Jakarta day (month ends
// clamped), one answer each, response rates equal to a recount; loan steps and repayment statuses
// recorded by a bank's staff, pipeline totals equal to a recount from the rows, each bank seeing only
// its own referrals, bad input refused with nothing changed, and P7's readiness rule in SQL equal to
// the machine's own rule. Each test prints the figures it proves.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import * as t from "../../db/schema";
import { missingForCapital } from "../../machines/journey.requirements";
import type { JourneyContext } from "../../machines/journey.requirements";
import { COLLECTABILITY } from "../../machines/vocabulary";
import { followUpDueOn } from "../../app/modules/follow-ups/due";
import { followUpAnswerSchema } from "../../app/modules/follow-ups/forms";
import {
  answerFollowUp,
  FollowUpRefused,
  followUpRatesByCohort,
  followUpRatesByDistrict,
  notReportingCondition,
  openFollowUpCondition,
} from "../../app/modules/follow-ups/follow-ups.server";
import { jakartaDate, jakartaMonth } from "../../app/modules/i18n/jakarta";
import { applyMove } from "../../app/modules/journey/journey.server";
import { currentRules } from "../../app/modules/journey/rules.server";
import { loanStepSchema, repaymentSchema, type LoanStepValue } from "../../app/modules/lending/forms";
import { LoanRefused, recordLoanStep, recordRepayment } from "../../app/modules/lending/loans.server";
import { partnerStaffView, pipelineByMonth, readyNotReferred } from "../../app/modules/lending/pipeline.server";
import { referParticipant } from "../../app/modules/partners/referrals.server";
import { freshDatabase } from "../helpers/db";

const TODAY = jakartaDate();
const HOUR = 3_600_000;

let env: ReturnType<typeof freshDatabase>;
let db: Db;
let cohortId: number;
beforeAll(() => {
  env = freshDatabase("follow-ups-lending");
  db = env.db;
  cohortId = db
    .insert(t.cohorts)
    .values({ name: "Kohort A", districtId: env.district.id, agencyId: env.agency.id, intakeDate: "2025-01-01", plannedEndOn: "2025-12-31" })
    .returning()
    .get().id;
});
afterAll(() => env.close());

const versionOf = (id: number) => db.select({ v: t.participants.version }).from(t.participants).where(eq(t.participants.id, id)).get()!.v;

/** A participant who withdraws at `at` (a moment), in the cohort. */
function withdrawnAt(at: number): number {
  const p = env.register({ cohortId }, at - 30 * 24 * HOUR);
  applyMove(db, { participantId: p.participantId, expectedVersion: p.version, event: { type: "WITHDRAW", reason: "Pindah kota" }, actorUserId: env.mentor.id, at });
  return p.participantId;
}

describe("follow-ups after the programme", () => {
  it("are due on the exit's Jakarta day plus 3, 6 and 12 months, the month's end when it has no such day", () => {
    // Pure rule, at the month ends.
    const cases: [string, number, string][] = [
      ["2026-08-31", 3, "2026-11-30"],
      ["2026-08-31", 6, "2027-02-28"],
      ["2027-08-31", 6, "2028-02-29"],
      ["2024-02-29", 12, "2025-02-28"],
      ["2026-01-31", 3, "2026-04-30"],
      ["2026-10-31", 3, "2027-01-31"],
      ["2026-12-15", 12, "2027-12-15"],
    ];
    for (const [from, months, due] of cases) expect(followUpDueOn(from, months), `${from} + ${months}`).toBe(due);

    // The triggers write the same days. 00:30 on 31 August in Jakarta is still 30 August in UTC.
    const moments = [Date.UTC(2026, 7, 30, 17, 30), Date.UTC(2026, 7, 31, 16, 59), Date.UTC(2027, 7, 30, 23, 0), Date.UTC(2024, 1, 28, 18, 0), Date.UTC(2026, 0, 30, 20, 0)];
    let checked = 0;
    for (const at of moments) {
      const id = withdrawnAt(at);
      const rows = db.select().from(t.followUps).where(eq(t.followUps.participantId, id)).all();
      expect(rows.map((r) => r.monthsAfter).sort((a, b) => a - b)).toEqual([3, 6, 12]);
      for (const row of rows) {
        expect(row.exitedOn).toBe(jakartaDate(at));
        expect(row.exit).toBe("withdrawn");
        expect(row.dueOn, `${row.exitedOn} + ${row.monthsAfter}`).toBe(followUpDueOn(jakartaDate(at), row.monthsAfter));
        checked++;
      }
    }
    expect(db.select().from(t.followUps).where(eq(t.followUps.exitedOn, "2026-08-31")).all().find((r) => r.monthsAfter === 3)!.dueOn).toBe("2026-11-30");
    console.log(`follow-ups: ${cases.length} rule cases, ${checked} trigger-written due days equal the rule`);
  });

  it("take one answer each, refuse one not yet due, and vanish unanswered when the person is reinstated", () => {
    const id = withdrawnAt(Date.now() - 200 * 24 * HOUR);
    const rows = db.select().from(t.followUps).where(eq(t.followUps.participantId, id)).all();
    const three = rows.find((r) => r.monthsAfter === 3)!;
    const twelve = rows.find((r) => r.monthsAfter === 12)!;
    const value = followUpAnswerSchema.parse({ followUpId: three.id, operating: "yes", turnover: "7.500.000", workers: 3, note: "Buka cabang" });
    answerFollowUp(db, { participantId: id, actorUserId: null, value, today: TODAY, at: 1_000 });
    const stored = db.select().from(t.followUps).where(eq(t.followUps.id, three.id)).get()!;
    expect(stored).toMatchObject({ answeredAt: 1_000, operating: true, turnover: 7_500_000, workers: 3, note: "Buka cabang" });

    const refusals: [string, () => void, string][] = [
      ["second answer", () => answerFollowUp(db, { participantId: id, actorUserId: null, value: { ...value, turnover: 1 }, today: TODAY }), "followUps.validation.alreadyAnswered"],
      ["not due", () => answerFollowUp(db, { participantId: id, actorUserId: null, value: { ...value, followUpId: twelve.id }, today: TODAY }), "followUps.validation.notDue"],
      ["someone else's", () => answerFollowUp(db, { participantId: id + 1_000, actorUserId: null, value, today: TODAY }), "followUps.validation.unknown"],
    ];
    const before = JSON.stringify(db.select().from(t.followUps).all());
    for (const [label, attempt, key] of refusals) {
      expect(attempt, label).toThrow(FollowUpRefused);
      try {
        attempt();
      } catch (error) {
        expect((error as FollowUpRefused).messageKey, label).toBe(key);
      }
    }
    expect(JSON.stringify(db.select().from(t.followUps).all())).toBe(before);
    // Bad input: the form refuses a business still running without its figures, and negative workers.
    expect(followUpAnswerSchema.safeParse({ followUpId: three.id, operating: "yes" }).success).toBe(false);
    expect(followUpAnswerSchema.safeParse({ followUpId: three.id, operating: "yes", turnover: "1", workers: -1 }).success).toBe(false);

    // Reinstated: the unanswered ones go, the answer stays.
    applyMove(db, { participantId: id, expectedVersion: versionOf(id), event: { type: "REINSTATE" }, actorUserId: env.mentor.id });
    expect(db.select({ m: t.followUps.monthsAfter }).from(t.followUps).where(eq(t.followUps.participantId, id)).all()).toEqual([{ m: 3 }]);
    console.log(`follow-ups: 1 answer stored, ${refusals.length} refusals, rows changed: 0; reinstatement kept the answer only`);
  });

  it("give a cohort's response rate and its silent members equal to a recount", () => {
    const day = 24 * HOUR;
    // Exits 400, 300, 200 and 100 days ago; answers for some of the due follow-ups.
    const ids = [400, 300, 200, 100].map((days) => withdrawnAt(Date.now() - days * day));
    const due = (id: number) => db.select().from(t.followUps).where(eq(t.followUps.participantId, id)).all().filter((r) => r.dueOn <= TODAY);
    const answer = (id: number, months: number) => {
      const row = due(id).find((r) => r.monthsAfter === months)!;
      answerFollowUp(db, { participantId: id, actorUserId: null, value: { followUpId: row.id, operating: "no" }, today: TODAY });
    };
    answer(ids[0]!, 3);
    answer(ids[0]!, 12);
    answer(ids[1]!, 6);
    answer(ids[3]!, 3);

    const rate = followUpRatesByCohort(db, [cohortId], TODAY).get(cohortId)!;
    const all = db
      .select({ f: t.followUps, cohortId: t.participants.cohortId })
      .from(t.followUps)
      .innerJoin(t.participants, eq(t.participants.id, t.followUps.participantId))
      .all()
      .filter((r) => r.cohortId === cohortId && r.f.dueOn <= TODAY);
    expect(rate.due).toBe(all.length);
    expect(rate.answered).toBe(all.filter((r) => r.f.answeredAt !== null).length);
    expect(rate.operating).toBe(all.filter((r) => r.f.operating === true).length);
    // Silent: a follow-up missed (window passed) with nothing answered on or after it, by hand.
    const byPerson = new Map<number, (typeof all)[number]["f"][]>();
    for (const r of all) byPerson.set(r.f.participantId, [...(byPerson.get(r.f.participantId) ?? []), r.f]);
    const cutoff = new Date(Date.parse(`${TODAY}T00:00:00Z`) - 60 * day).toISOString().slice(0, 10);
    const silent = [...byPerson.values()].filter((rows) =>
      rows.some((f) => f.answeredAt === null && f.dueOn <= cutoff && !rows.some((g) => g.answeredAt !== null && g.dueOn >= f.dueOn)),
    ).length;
    expect(rate.notReporting).toBe(silent);
    expect(db.select({ id: t.participants.id }).from(t.participants).where(notReportingCondition(TODAY)).all().map((r) => r.id)).toContain(ids[2]);
    // Open today: due, unanswered, within 60 days.
    const open = db.select({ id: t.followUps.id }).from(t.followUps).where(openFollowUpCondition(TODAY)).all().length;
    const openByHand = db
      .select()
      .from(t.followUps)
      .all()
      .filter((f) => f.answeredAt === null && f.dueOn <= TODAY && f.dueOn > cutoff).length;
    expect(open).toBe(openByHand);
    console.log(`response rate: ${rate.answered}/${rate.due} answered, ${rate.notReporting} silent, ${open} open today: equal to the recount`);
  });
});

// ─── The lenders' pipeline ──────────────────────────────────────────────────

function bank(name: string, districts: number[] | null = null) {
  const org = db.insert(t.organisations).values({ name, kind: "bank" }).returning().get();
  const agreement = db
    .insert(t.agreements)
    .values({ organisationId: org.id, kind: "pks", number: `PKS/${name}`, signedOn: "2020-01-01", validUntil: "2099-12-31", stages: ["capital"], districts })
    .returning()
    .get();
  const offer = db.insert(t.stagePartners).values({ organisationId: org.id, agreementId: agreement.id, stage: "capital", offer: "KUR Mikro" }).returning().get();
  const staff = db.insert(t.users).values({ email: `staff@${name}`, name: `Staff ${name}`, role: "partner", passwordHash: "x", organisationId: org.id }).returning().get();
  return { id: org.id, offer: offer.id, staff: staff.id };
}

/** A naik kelas participant with P2–P5 waived and P6 done: P7's rule is met. `startCapital` opens P7 too. */
function ready(startCapital = true): number {
  const p = env.register({ track: "naik_kelas" });
  let version = p.version;
  const move = (event: Parameters<typeof applyMove>[1]["event"], evidence?: Parameters<typeof applyMove>[1]["evidence"]) => {
    version = applyMove(db, { participantId: p.participantId, expectedVersion: version, event, actorUserId: env.mentor.id, evidence }).version;
  };
  move({ type: "VERIFY" });
  for (const stage of ["training", "mentoring", "licensing", "marketing"] as const) move({ type: "WAIVE", stage, reason: "Sudah berjalan" });
  move({ type: "START", stage: "financial_reporting" });
  move(
    { type: "RECORD_EVIDENCE", stage: "financial_reporting", kind: "financial_report" },
    { details: { period: "2026-01", turnover: 5_000_000, assets: 20_000_000, workers: 2 }, occurredOn: "2026-01-20", organisationId: null },
  );
  move({ type: "COMPLETE", stage: "financial_reporting" });
  if (startCapital) move({ type: "START", stage: "capital" });
  return p.participantId;
}

const step = (referralId: number, participantId: number, value: Partial<LoanStepValue>): LoanStepValue =>
  loanStepSchema.parse({
    intent: "loan",
    referralId,
    version: versionOf(participantId),
    step: "applied",
    product: "KUR Mikro",
    amount: "10.000.000",
    tenorMonths: 12,
    occurredOn: TODAY,
    ...Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === "number" && k === "amount" ? String(v) : v])),
  });

describe("follow-ups per district", () => {
  it("give each district's response rate and silent members equal to a recount, for the participants in scope only", () => {
    const day = 24 * HOUR;
    // People who left in both districts (the other district's: one answered, one silent).
    for (const [districtId, daysAgo] of [[env.otherDistrict.id, 250], [env.otherDistrict.id, 120], [env.district.id, 500]] as const) {
      const p = env.register({ districtId }, Date.now() - (daysAgo + 30) * day);
      applyMove(db, { participantId: p.participantId, expectedVersion: p.version, event: { type: "WITHDRAW", reason: "Pindah kota" }, actorUserId: env.mentor.id, at: Date.now() - daysAgo * day });
      if (daysAgo === 120) {
        const first = db.select().from(t.followUps).where(eq(t.followUps.participantId, p.participantId)).all().find((f) => f.monthsAfter === 3)!;
        answerFollowUp(db, { participantId: p.participantId, actorUserId: null, value: { followUpId: first.id, operating: "yes", turnover: 4_000_000, workers: 2 }, today: TODAY });
      }
    }
    const rows = db
      .select({ f: t.followUps, districtId: t.participants.districtId })
      .from(t.followUps)
      .innerJoin(t.participants, eq(t.participants.id, t.followUps.participantId))
      .all()
      .filter((r) => r.f.dueOn <= TODAY);
    const cutoff = new Date(Date.parse(`${TODAY}T00:00:00Z`) - 60 * day).toISOString().slice(0, 10);
    const recount = (districtId: number) => {
      const mine = rows.filter((r) => r.districtId === districtId).map((r) => r.f);
      const people = new Map<number, typeof mine>();
      for (const f of mine) people.set(f.participantId, [...(people.get(f.participantId) ?? []), f]);
      const silent = [...people.values()].filter((fs) =>
        fs.some((f) => f.answeredAt === null && f.dueOn <= cutoff && !fs.some((g) => g.answeredAt !== null && g.dueOn >= f.dueOn)),
      ).length;
      const answered = mine.filter((f) => f.answeredAt !== null).length;
      return { due: mine.length, answered, operating: mine.filter((f) => f.operating === true).length, notReporting: silent, percent: mine.length ? Math.round((answered / mine.length) * 100) : null };
    };
    const everywhere = followUpRatesByDistrict(db, sql`1 = 1`, TODAY);
    expect(everywhere.map((r) => r.name)).toEqual(["Cakung", "Matraman"]);
    for (const r of everywhere) expect({ due: r.due, answered: r.answered, operating: r.operating, notReporting: r.notReporting, percent: r.percent }).toEqual(recount(r.districtId));
    expect(everywhere.find((r) => r.name === "Matraman")).toMatchObject({ answered: 1, operating: 1 });
    expect(everywhere.every((r) => r.notReporting > 0)).toBe(true);
    // A scope of one district counts that district only.
    expect(followUpRatesByDistrict(db, eq(t.participants.districtId, env.otherDistrict.id), TODAY).map((r) => r.name)).toEqual(["Matraman"]);
    console.log("per district:", everywhere.map((r) => `${r.name} ${r.answered}/${r.due} answered, ${r.notReporting} silent`).join("; "), "equal to the recount");
  });
});

describe("the lenders' pipeline", () => {
  it("records loan steps and repayment statuses; totals by month equal a recount; each bank counts only its referrals", () => {
    const a = bank("Bank A");
    const b = bank("Bank B");
    const people = Array.from({ length: 6 }, () => ready());
    const refs = people.map((id, i) => referParticipant(db, { participantId: id, stagePartnerId: i < 4 ? a.offer : b.offer, actorUserId: env.mentor.id, today: TODAY }));
    const record = (i: number, value: Partial<LoanStepValue>, org = i < 4 ? a : b) =>
      recordLoanStep(db, { organisationId: org.id, participantId: people[i]!, actorUserId: org.staff, value: step(refs[i]!, people[i]!, value), today: TODAY });

    const d1 = "2026-01-15";
    record(0, { step: "applied", occurredOn: d1, amount: 10_000_000 });
    record(0, { step: "approved", occurredOn: "2026-02-01", amount: 12_000_000 });
    const { loanId } = record(0, { step: "disbursed", occurredOn: "2026-02-10", amount: 12_000_000, tenorMonths: 24 });
    record(1, { step: "applied", occurredOn: "2026-02-03", amount: 5_000_000 });
    record(2, { step: "applied", occurredOn: "2026-02-04", amount: 7_000_000 });
    record(2, { step: "rejected", occurredOn: "2026-03-01", amount: 7_000_000, rejectionReason: "Agunan kurang" });
    record(4, { step: "applied", occurredOn: "2026-02-05", amount: 50_000_000 });
    record(4, { step: "disbursed", occurredOn: "2026-03-05", amount: 50_000_000 });

    for (const [month, category] of [["2026-02", "current"], ["2026-03", "special_mention"], ["2026-03", "substandard"]] as const) {
      recordRepayment(db, { organisationId: a.id, actorUserId: a.staff, value: repaymentSchema.parse({ intent: "repayment", loanId, month, collectability: category }), today: TODAY });
    }
    // One status per month: the correction replaced March's.
    expect(db.select({ month: t.loanRepayments.month, c: t.loanRepayments.collectability }).from(t.loanRepayments).where(eq(t.loanRepayments.loanId, loanId)).all()).toEqual([
      { month: "2026-02", c: "current" },
      { month: "2026-03", c: "substandard" },
    ]);
    // A disbursed loan is P7's outcome: the journey has the evidence.
    expect(db.select().from(t.stageEvidence).where(eq(t.stageEvidence.participantId, people[0]!)).all().filter((e) => e.kind === "capital_disbursed")).toHaveLength(1);

    for (const org of [a, b]) {
      const { months, total } = pipelineByMonth(db, org.id, partnerStaffView(TODAY));
      // The recount, from the rows themselves.
      const loans = db.select().from(t.loans).where(eq(t.loans.organisationId, org.id)).all();
      const referrals = db.select().from(t.referrals).where(eq(t.referrals.organisationId, org.id)).all();
      const expected = new Map<string, { count: number; total: number }>();
      const add = (month: string, stepName: string, amount: number) => {
        const key = `${month} ${stepName}`;
        const cell = expected.get(key) ?? { count: 0, total: 0 };
        expected.set(key, { count: cell.count + 1, total: cell.total + amount });
      };
      for (const r of referrals) add(jakartaMonth(r.referredAt), "referred", 0);
      for (const l of loans) {
        if (l.appliedOn) add(l.appliedOn.slice(0, 7), "applied", l.amount);
        if (l.approvedOn) add(l.approvedOn.slice(0, 7), "approved", l.amount);
        if (l.disbursedOn) add(l.disbursedOn.slice(0, 7), "disbursed", l.amount);
        if (l.rejectedOn) add(l.rejectedOn.slice(0, 7), "rejected", l.amount);
      }
      const got = new Map<string, { count: number; total: number }>();
      for (const m of months) for (const s of ["referred", "applied", "approved", "disbursed", "rejected"] as const) if (m[s].count) got.set(`${m.month} ${s}`, m[s]);
      expect(got).toEqual(expected);
      expect(total.referred.count).toBe(referrals.length);
      expect(total.disbursed.total).toBe(loans.filter((l) => l.disbursedOn).reduce((s, l) => s + l.amount, 0));
      console.log(`pipeline ${org.id}: ${referrals.length} referred, ${loans.length} loans, ${expected.size} month×step cells equal the recount; disbursed Rp${total.disbursed.total}`);
    }
    expect(pipelineByMonth(db, a.id, partnerStaffView(TODAY)).total.disbursed).toEqual({ count: 1, total: 12_000_000 });
    expect(pipelineByMonth(db, b.id, partnerStaffView(TODAY)).total.disbursed).toEqual({ count: 1, total: 50_000_000 });

    // Bank B's staff cannot record on bank A's referral, nor a repayment on A's loan: nothing changes.
    const before = JSON.stringify([db.select().from(t.loans).all(), db.select().from(t.loanRepayments).all(), db.select().from(t.stageEvidence).all().length]);
    expect(() => record(1, { step: "approved" }, b)).toThrow();
    expect(() =>
      recordRepayment(db, { organisationId: b.id, actorUserId: b.staff, value: { intent: "repayment", loanId, month: "2026-03", collectability: "loss" }, today: TODAY }),
    ).toThrow(LoanRefused);
    expect(JSON.stringify([db.select().from(t.loans).all(), db.select().from(t.loanRepayments).all(), db.select().from(t.stageEvidence).all().length])).toBe(before);
  });

  it("refuses bad input with a clear message and changes nothing", () => {
    const c = bank("Bank C");
    const id = ready();
    const referralId = referParticipant(db, { participantId: id, stagePartnerId: c.offer, actorUserId: env.mentor.id, today: TODAY });
    const base = { intent: "loan", referralId: String(referralId), version: String(versionOf(id)), step: "applied", product: "KUR", amount: "1000000", tenorMonths: "12", occurredOn: TODAY };
    const messages = (raw: Record<string, unknown>) => {
      const parsed = loanStepSchema.safeParse({ ...raw, referralId: Number(raw.referralId), version: Number(raw.version), tenorMonths: raw.tenorMonths === "" ? undefined : Number(raw.tenorMonths) });
      return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
    };
    expect(messages({ ...base, amount: "0" })).toContain("validation.amountTooSmall");
    expect(messages({ ...base, amount: "-5000" })).toContain("validation.amountInvalid");
    expect(messages({ ...base, tenorMonths: "0" })).toContain("lending.validation.tenorInvalid");
    expect(messages({ ...base, step: "rejected" })).toContain("lending.validation.reasonRequired");
    expect(repaymentSchema.safeParse({ intent: "repayment", loanId: 1, month: "2026-03", collectability: "macet" }).success).toBe(false);
    expect(repaymentSchema.safeParse({ intent: "repayment", loanId: 1, month: "2026-13", collectability: "loss" }).success).toBe(false);

    // Steps backwards, a repayment before disbursement: refused by the verbs, nothing written.
    const value = step(referralId, id, { step: "approved" });
    recordLoanStep(db, { organisationId: c.id, participantId: id, actorUserId: c.staff, value, today: TODAY });
    const loan = db.select().from(t.loans).where(eq(t.loans.referralId, referralId)).get()!;
    const before = JSON.stringify([db.select().from(t.loans).all(), db.select().from(t.loanRepayments).all(), versionOf(id)]);
    const refusals: [string, () => unknown, string][] = [
      ["step backwards", () => recordLoanStep(db, { organisationId: c.id, participantId: id, actorUserId: c.staff, value: step(referralId, id, { step: "applied" }), today: TODAY }), "lending.validation.stepOrder"],
      ["not disbursed", () => recordRepayment(db, { organisationId: c.id, actorUserId: c.staff, value: { intent: "repayment", loanId: loan.id, month: TODAY.slice(0, 7), collectability: "current" }, today: TODAY }), "lending.validation.notDisbursed"],
    ];
    for (const [label, attempt, key] of refusals) {
      let caught: unknown;
      try {
        attempt();
      } catch (error) {
        caught = error;
      }
      expect(caught, label).toBeInstanceOf(LoanRefused);
      expect((caught as LoanRefused).messageKey, label).toBe(key);
    }
    expect(JSON.stringify([db.select().from(t.loans).all(), db.select().from(t.loanRepayments).all(), versionOf(id)])).toBe(before);
    // The database refuses what the forms refuse, whoever writes.
    expect(() => db.update(t.loans).set({ amount: 0 }).where(eq(t.loans.id, loan.id)).run()).toThrow(/CHECK/);
    expect(() => db.update(t.loans).set({ tenorMonths: 0 }).where(eq(t.loans.id, loan.id)).run()).toThrow(/CHECK/);
    console.log(`bad input: 6 form refusals and ${refusals.length} verb refusals, rows changed: 0; ${COLLECTABILITY.length} collectability categories`);
  });

  it("lists as ready but not referred exactly those who meet P7's rule in covered districts without a referral", () => {
    const d = bank("Bank D", [env.district.id]);
    const rules = currentRules(db).rules;
    const candidates = [ready(false), ready(false), ready(false)];
    referParticipant(db, { participantId: candidates[0]!, stagePartnerId: d.offer, actorUserId: env.mentor.id, today: TODAY });
    const listed = readyNotReferred(db, d.id, rules, TODAY, sql`1 = 1`, 1000).map((r) => r.id);
    // By hand: the machine's own rule over every active participant, district covered, no referral to D.
    const referred = new Set(db.select().from(t.referrals).where(eq(t.referrals.organisationId, d.id)).all().map((r) => r.participantId));
    const byHand = db
      .select()
      .from(t.participants)
      .all()
      .filter((p) => p.status === "active" && p.p7State !== "done" && p.districtId === env.district.id && !referred.has(p.id))
      .filter((p) => missingForCapital((p.snapshot as { context: JourneyContext }).context, rules).length === 0)
      .map((p) => p.id);
    expect(listed.sort((x, y) => x - y)).toEqual(byHand.sort((x, y) => x - y));
    expect(listed).toContain(candidates[1]);
    expect(listed).not.toContain(candidates[0]);
    console.log(`ready but not referred: ${listed.length} listed, equal to the machine's rule over ${db.select().from(t.participants).all().length} participants`);
  });
});
