// Demo answers to the follow-ups after the programme. The follow-ups themselves were scheduled by the
// participant row's triggers when the seed's graduates and withdrawals left; here about two in three
// of those already due get an answer (most businesses still running), the rest stay unanswered, so
// the cohort pages show response rates below 100% and some people who no longer report. The answers
// are points of the outcome figures, so they follow the business's own course: turnover from its last
// accepted report (the baseline without one) × 0.8–1.6, workers within one of its last count, and a
// business that once said it stopped stays stopped.
// Deterministic: same database and "now" give the same answers.
import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
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
    .select({
      id: t.followUps.id,
      participantId: t.followUps.participantId,
      dueOn: t.followUps.dueOn,
      userId: t.participants.userId,
      turnover: t.participants.entryTurnover,
      workers: t.participants.entryWorkers,
    })
    .from(t.followUps)
    .innerJoin(t.participants, eq(t.participants.id, t.followUps.participantId))
    .where(lte(t.followUps.dueOn, today))
    .orderBy(asc(t.followUps.id))
    .all();
  const stopped = new Set<number>();
  let answered = 0;
  for (const f of due) {
    if (!rng.chance(0.65)) continue;
    // The draws stay as they always were (the same random stream); the figures come from the business.
    const operating = rng.chance(0.85);
    const at = Math.min(Date.parse(`${f.dueOn}T03:00:00Z`) + rng.int(0, 20) * DAY, now - HOUR);
    const factor = rng.int(80, 160);
    const drift = operating ? WORKER_DRIFT[rng.int(1, 8) - 1]! : 0;
    const last = lastReport(db, f.participantId);
    const turnover = Math.round(((last.turnover ?? f.turnover ?? 5_000_000) * factor) / 100 / 1000) * 1000;
    const workers = Math.max(1, (last.workers ?? f.workers ?? 1) + drift);
    const running = operating && !stopped.has(f.participantId);
    if (!running) stopped.add(f.participantId);
    answerFollowUp(db, {
      participantId: f.participantId,
      actorUserId: f.userId,
      value: running ? { followUpId: f.id, operating: "yes", turnover, workers } : { followUpId: f.id, operating: "no" },
      today,
      at,
    });
    answered++;
  }
  return { due: due.length, answered };
}

/** A worker more or fewer, mostly the same: indexed by the draw of 1–8. */
const WORKER_DRIFT = [-1, 0, 0, 0, 0, 0, 1, 1];

/** The figures of the participant's latest accepted report (by period, then as recorded), if any. */
function lastReport(db: Db, participantId: number): { turnover: number | null; workers: number | null } {
  const row = db
    .select({ turnover: sql<number | null>`json_extract(${t.stageEvidence.details}, '$.turnover')`, workers: sql<number | null>`json_extract(${t.stageEvidence.details}, '$.workers')` })
    .from(t.stageEvidence)
    .where(and(eq(t.stageEvidence.participantId, participantId), eq(t.stageEvidence.kind, "financial_report"), eq(t.stageEvidence.status, "recorded")))
    .orderBy(desc(sql`coalesce(json_extract(${t.stageEvidence.details}, '$.period'), substr(${t.stageEvidence.occurredOn}, 1, 7))`), desc(t.stageEvidence.id))
    .limit(1)
    .get();
  return { turnover: row?.turnover ?? null, workers: row?.workers ?? null };
}
