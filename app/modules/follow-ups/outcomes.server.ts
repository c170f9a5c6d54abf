// The outcome figures (outcomes/figures.server.ts) with the follow-ups' own rule for who no longer
// reports: every page and export reads the outcomes through here, so none leaves that rule out. The
// outcomes area stays below this one (follow-ups uses the participants' form fields, which record climbs).
import type { SQL } from "drizzle-orm";
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { participants } from "../../../db/schema";
import { outcomeRowsWith, participantOutcomeWith, type OutcomeRow, type ParticipantOutcome } from "../outcomes/figures.server";
import { jakartaDate } from "../i18n/jakarta";
import { followUpsOf, noLongerReports, notReportingCondition } from "./follow-ups.server";

/** One participant's baseline, class, climbs and figures over time, the follow-ups' answers included. */
export function participantOutcome(db: Db, participantId: number, today: string = jakartaDate()): ParticipantOutcome | null {
  return participantOutcomeWith(db, participantId, { notReporting: noLongerReports(followUpsOf(db, participantId, today)) });
}

/** The entrepreneur's own business (/saya): found by their account, never by an id from the request. */
export function ownOutcome(db: Db, userId: number, today: string = jakartaDate()): ParticipantOutcome | null {
  const own = db.select({ id: participants.id }).from(participants).where(eq(participants.userId, userId)).get();
  return own ? participantOutcome(db, own.id, today) : null;
}

/** Everyone with a baseline within `scope` (the viewer's), with their latest figures and whether they still report. */
export function outcomeRows(db: Db, scope: SQL, today: string = jakartaDate()): OutcomeRow[] {
  return outcomeRowsWith(db, scope, { notReporting: notReportingCondition(today) });
}
