// Demo answers to the follow-ups after the programme. The follow-ups themselves were scheduled by the
// participant row's triggers when the seed's graduates and withdrawals left; here about two in three
// of those already due get an answer (most businesses still running), the rest stay unanswered, so
// the cohort pages show response rates below 100% and some people who no longer report.
// Deterministic: same database and "now" give the same answers.
import { asc, eq, lte } from "drizzle-orm";
import { answerFollowUp } from "../app/modules/follow-ups/follow-ups.server";
import { jakartaDate } from "../app/modules/i18n/jakarta";
import { DAY_MS as DAY, HOUR_MS as HOUR } from "../machines/time";
import type { Db } from "./client";
import { seededRandom } from "./random";
import * as t from "./schema";

export function seedFollowUpAnswers(db: Db, now: number): { due: number; answered: number } {
  const rng = seededRandom(18);
  const today = jakartaDate(new Date(now));
  const due = db
    .select({ id: t.followUps.id, participantId: t.followUps.participantId, dueOn: t.followUps.dueOn, userId: t.participants.userId, turnover: t.participants.entryTurnover })
    .from(t.followUps)
    .innerJoin(t.participants, eq(t.participants.id, t.followUps.participantId))
    .where(lte(t.followUps.dueOn, today))
    .orderBy(asc(t.followUps.id))
    .all();
  let answered = 0;
  for (const f of due) {
    if (!rng.chance(0.65)) continue;
    const operating = rng.chance(0.85);
    const at = Math.min(Date.parse(`${f.dueOn}T03:00:00Z`) + rng.int(0, 20) * DAY, now - HOUR);
    const turnover = String(Math.round(((f.turnover ?? 5_000_000) * rng.int(80, 160)) / 100 / 1000) * 1000);
    answerFollowUp(db, {
      participantId: f.participantId,
      actorUserId: f.userId,
      value: operating ? { followUpId: f.id, operating: "yes", turnover: Number(turnover), workers: rng.int(1, 8) } : { followUpId: f.id, operating: "no" },
      today,
      at,
    });
    answered++;
  }
  return { due: due.length, answered };
}
