// Follow-ups after the programme: 3, 6 and 12 months after a person graduated or withdrew, the
// entrepreneur answers a short report (turnover, workers, still operating, a note).
//
// For the outcome figures: the answers are the table follow_ups (db/schema.ts), one row per person
// and month-count; a figure point is a row with answered_at set: its month is the Jakarta month of
// answered_at, its figures turnover (rupiah a month) and workers (owner included), both null when
// the business no longer operates (operating = 0). outcomes.server.ts reads the outcomes with them. Rows are created by triggers on participants, so
// every graduate and every withdrawn person has their three, whoever wrote the status.
//
// States of one follow-up on a day (due.ts): upcoming before due_on; open from due_on for
// FOLLOW_UP_OPEN_DAYS (on the mentor's day list); missed after that, unanswered; answered.
// A person no longer reports ("tidak melapor lagi") when a follow-up of theirs is missed and nothing
// due on or after it was answered: shown as such, never counted as a business still running.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { and, asc, desc, eq, inArray, isNotNull, lte, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { districts, followUps, participants } from "../../../db/schema";
import type { ProgrammeExit } from "../../../machines/vocabulary";
import { FOLLOW_UP_OPEN_DAYS, followUpClosesOn, missedOnOrBefore } from "./due";
import { followUpAnswerSchema, type FollowUpAnswerValue } from "./forms";

type Day = string | Placeholder | SQL;

/** Open on `today`: due, unanswered, and its window not passed (the same bound as followUpClosesOn). */
export function openFollowUpCondition(today: Day): SQL {
  return sql`${followUps.answeredAt} IS NULL AND ${followUps.dueOn} <= ${today}
    AND ${followUps.dueOn} > date(${today}, ${`-${FOLLOW_UP_OPEN_DAYS} days`})`;
}

/** The person (a query over participants) no longer reports on `today`. */
export function notReportingCondition(today: string): SQL {
  const missedBy = missedOnOrBefore(today);
  return sql`EXISTS (SELECT 1 FROM ${followUps} f WHERE f.participant_id = ${participants.id}
    AND f.answered_at IS NULL AND f.due_on <= ${missedBy}
    AND NOT EXISTS (SELECT 1 FROM ${followUps} g WHERE g.participant_id = f.participant_id
      AND g.answered_at IS NOT NULL AND g.due_on >= f.due_on))`;
}

export type FollowUpState = "upcoming" | "open" | "missed" | "answered";

export type OwnFollowUp = {
  id: number;
  monthsAfter: number;
  exit: ProgrammeExit;
  dueOn: string;
  state: FollowUpState;
  answeredAt: number | null;
  operating: boolean | null;
  turnover: number | null;
  workers: number | null;
};

export function followUpState(row: { dueOn: string; answeredAt: number | null }, today: string): FollowUpState {
  if (row.answeredAt !== null) return "answered";
  if (row.dueOn > today) return "upcoming";
  return today < followUpClosesOn(row.dueOn) ? "open" : "missed";
}

/** A person's follow-ups, in due order, with their state today. */
export function followUpsOf(db: Db, participantId: number, today: string): OwnFollowUp[] {
  return db
    .select({
      id: followUps.id,
      monthsAfter: followUps.monthsAfter,
      exit: followUps.exit,
      dueOn: followUps.dueOn,
      answeredAt: followUps.answeredAt,
      operating: followUps.operating,
      turnover: followUps.turnover,
      workers: followUps.workers,
    })
    .from(followUps)
    .where(eq(followUps.participantId, participantId))
    .orderBy(asc(followUps.dueOn), asc(followUps.monthsAfter))
    .all()
    .map((row) => ({ ...row, state: followUpState(row, today) }));
}

/** The JavaScript twin of notReportingCondition over one person's follow-ups (followUpsOf): a missed one with nothing answered due on or after it. */
export function noLongerReports(rows: readonly Pick<OwnFollowUp, "dueOn" | "state">[]): boolean {
  return rows.some((f) => f.state === "missed" && !rows.some((g) => g.state === "answered" && g.dueOn >= f.dueOn));
}

/** The follow-up the person is asked to answer now: the latest one due and unanswered (late answers welcome). */
export function followUpToAnswer(rows: OwnFollowUp[]): OwnFollowUp | null {
  return [...rows].reverse().find((row) => row.state === "open" || row.state === "missed") ?? null;
}

/** A refusal of an answer: the message key says why. */
export class FollowUpRefused extends Error {
  constructor(readonly messageKey: "followUps.validation.unknown" | "followUps.validation.notDue" | "followUps.validation.alreadyAnswered") {
    super(messageKey);
    this.name = "FollowUpRefused";
  }
}

/**
 * Stores the person's answer to one of their own follow-ups, once: the UPDATE only takes a row
 * still unanswered, so a second answer (a double submit, a second tab) changes nothing and is refused.
 */
export function answerFollowUp(
  db: Db,
  input: { participantId: number; actorUserId: number | null; value: FollowUpAnswerValue; today: string; at?: number },
): void {
  const v = input.value;
  const operating = v.operating === "yes";
  db.transaction(
    (tx) => {
      const row = tx
        .select({ dueOn: followUps.dueOn, answeredAt: followUps.answeredAt })
        .from(followUps)
        .where(and(eq(followUps.id, v.followUpId), eq(followUps.participantId, input.participantId)))
        .get();
      if (!row) throw new FollowUpRefused("followUps.validation.unknown");
      if (row.answeredAt !== null) throw new FollowUpRefused("followUps.validation.alreadyAnswered");
      if (row.dueOn > input.today) throw new FollowUpRefused("followUps.validation.notDue");
      const changed = tx
        .update(followUps)
        .set({
          answeredAt: input.at ?? Date.now(),
          answeredBy: input.actorUserId,
          operating,
          turnover: operating ? v.turnover! : null,
          workers: operating ? v.workers! : null,
          note: v.note || null,
        })
        .where(and(eq(followUps.id, v.followUpId), sql`${followUps.answeredAt} IS NULL`))
        .run();
      if (changed.changes !== 1) throw new FollowUpRefused("followUps.validation.alreadyAnswered");
    },
    { behavior: "immediate" },
  );
}

export type FollowUpRate = {
  /** Follow-ups due on or before today. */
  due: number;
  answered: number;
  /** Answered that the business still operates. */
  operating: number;
  /** People who no longer report. */
  notReporting: number;
};

/** Per group of participants (`key`) within `where`: follow-ups due and answered, and who stopped reporting. */
function ratesBy(db: Db, key: typeof participants.cohortId | typeof participants.districtId, where: SQL, today: string): Map<number, FollowUpRate> {
  const rates = new Map<number, FollowUpRate>();
  const counts = db
    .select({
      key,
      due: sql<number>`count(*)`,
      answered: sql<number>`count(${followUps.answeredAt})`,
      operating: sql<number>`coalesce(sum(${followUps.operating}), 0)`,
    })
    .from(followUps)
    .innerJoin(participants, eq(participants.id, followUps.participantId))
    .where(and(where, lte(followUps.dueOn, today)))
    .groupBy(key)
    .all();
  for (const row of counts) rates.set(row.key!, { due: row.due, answered: row.answered, operating: row.operating, notReporting: 0 });
  const silent = db
    .select({ key, n: sql<number>`count(*)` })
    .from(participants)
    .where(and(where, notReportingCondition(today)))
    .groupBy(key)
    .all();
  for (const row of silent) {
    const rate = rates.get(row.key!);
    if (rate) rate.notReporting = row.n;
  }
  return rates;
}

/** Per cohort: follow-ups due and answered (the response rate is answered / due), and who stopped reporting. */
export function followUpRatesByCohort(db: Db, cohortIds: number[], today: string): Map<number, FollowUpRate> {
  if (cohortIds.length === 0) return new Map();
  return ratesBy(db, participants.cohortId, inArray(participants.cohortId, cohortIds), today);
}

export type DistrictFollowUpRate = FollowUpRate & { districtId: number; name: string; percent: number | null };

/** The same per district, for the participants within `scope` (a condition over participants); districts with any due, by name. */
export function followUpRatesByDistrict(db: Db, scope: SQL, today: string): DistrictFollowUpRate[] {
  const rates = ratesBy(db, participants.districtId, scope, today);
  if (rates.size === 0) return [];
  return db
    .select({ id: districts.id, name: districts.name })
    .from(districts)
    .where(inArray(districts.id, [...rates.keys()]))
    .orderBy(asc(districts.name))
    .all()
    .map((d) => {
      const rate = rates.get(d.id)!;
      return { districtId: d.id, name: d.name, ...rate, percent: responsePercent(rate) };
    });
}

/** The share of due follow-ups answered, in whole percent, or null when none is due yet. */
export function responsePercent(rate: Pick<FollowUpRate, "due" | "answered"> | undefined): number | null {
  if (!rate || rate.due === 0) return null;
  return Math.round((rate.answered / rate.due) * 100);
}

export type AfterProgrammeRow = {
  participantId: number;
  fullName: string;
  businessName: string;
  status: ProgrammeExit;
  /** The latest answer, if any. */
  lastAnsweredAt: number | null;
  lastOperating: boolean | null;
  notReporting: boolean;
};

/** A cohort's people who left the programme, graduates first, with how their follow-ups stand. */
export function afterProgrammeOf(db: Db, cohortId: number, today: string): AfterProgrammeRow[] {
  const last = db
    .select({ participantId: followUps.participantId, at: sql<number>`max(${followUps.answeredAt})`.as("at") })
    .from(followUps)
    .where(isNotNull(followUps.answeredAt))
    .groupBy(followUps.participantId)
    .as("last");
  return db
    .select({
      participantId: participants.id,
      fullName: participants.fullName,
      businessName: participants.businessName,
      status: sql<ProgrammeExit>`${participants.status}`,
      lastAnsweredAt: last.at,
      lastOperating: sql<number | null>`(SELECT f.operating FROM ${followUps} f WHERE f.participant_id = ${participants.id}
        AND f.answered_at IS NOT NULL ORDER BY f.due_on DESC LIMIT 1)`,
      notReporting: sql<number>`${notReportingCondition(today)}`,
    })
    .from(participants)
    .leftJoin(last, eq(last.participantId, participants.id))
    .where(and(eq(participants.cohortId, cohortId), inArray(participants.status, ["graduated", "withdrawn"])))
    .orderBy(desc(sql`${participants.status} = 'graduated'`), asc(participants.fullName), asc(participants.id))
    .all()
    .map((row) => ({ ...row, lastOperating: row.lastOperating === null ? null : row.lastOperating === 1, notReporting: row.notReporting === 1 }));
}

/** The follow-ups of the signed-in entrepreneur's own record (none when they have no record). */
export function ownFollowUps(db: Db, userId: number, today: string): OwnFollowUp[] {
  const own = db.select({ id: participants.id }).from(participants).where(eq(participants.userId, userId)).get();
  return own ? followUpsOf(db, own.id, today) : [];
}

export type OwnAnswerResult = { ok: true } | { ok: false; status: 400 | 409; result: SubmissionResult<string[]> };

/** The entrepreneur's answer from /saya: parsed, then stored against their own record only. */
export function submitOwnFollowUp(db: Db, userId: number, formData: FormData, today: string, at = Date.now()): OwnAnswerResult {
  const submission = parseWithZod(formData, { schema: followUpAnswerSchema });
  if (submission.status !== "success") return { ok: false, status: 400, result: submission.reply() };
  const own = db.select({ id: participants.id }).from(participants).where(eq(participants.userId, userId)).get();
  try {
    if (!own) throw new FollowUpRefused("followUps.validation.unknown");
    answerFollowUp(db, { participantId: own.id, actorUserId: userId, value: submission.value, today, at });
    return { ok: true };
  } catch (error) {
    if (!(error instanceof FollowUpRefused)) throw error;
    return { ok: false, status: 409, result: submission.reply({ formErrors: [error.messageKey] }) };
  }
}
