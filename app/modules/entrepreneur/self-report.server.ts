// Financial reports (P6) the entrepreneur sends themselves, and the mentor's review of them.
//
// A sent report is stage evidence with status 'pending': it does not count (the machine has not seen
// it). Accepting it is the RECORD_EVIDENCE move for P6 through the journey service, which links this
// very row to the log entry and marks it recorded in the same transaction. Declining it changes no
// journey data: the row becomes 'declined' with the mentor's note.
import { climbsWithMove } from "../outcomes/climbs.server";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { participants, stageEvidence } from "../../../db/schema";
import type { JourneyEvent, JourneySnapshot } from "../../../machines/journey";
import { explainRefusal } from "../../../machines/journey.persist";
import type { JourneyRules } from "../../../machines/journey.rules";
import type { Requirement } from "../../../machines/journey.requirements";
import type { StageState } from "../../../machines/stages";
import { JourneyError, type JourneyErrorCode } from "../journey/errors";
import { applyMove } from "../journey/journey.server";
import { currentRules } from "../journey/rules.server";
import { jakartaDate } from "../i18n/jakarta";
import { restoreStored } from "../journey/moves.server";
import { reportReviewSchema, reviewFormId, selfReportSchema } from "./self-report";

/** The move that accepting a report makes. */
export const SELF_REPORT_EVENT = {
  type: "RECORD_EVIDENCE",
  stage: "financial_reporting",
  kind: "financial_report",
} as const satisfies JourneyEvent;

/**
 * Why the machine would not take a financial report now: what is missing (e.g. P1 not verified, or
 * the participant on hold), or, when nothing is missing, the state P6 is in (a finished or waived P6
 * takes no more reports).
 */
export type SelfReportRefusal = { missing: Requirement[]; stageState: StageState };

export function selfReportRefusal(snapshot: JourneySnapshot, rules: JourneyRules): SelfReportRefusal {
  return {
    missing: explainRefusal(snapshot.context, SELF_REPORT_EVENT, rules),
    stageState: snapshot.context.stages.financial_reporting,
  };
}

export type SelfReportResult =
  | { ok: true }
  | { ok: false; status: 400 | 404 | 409; result: SubmissionResult<string[]>; refusal: SelfReportRefusal | null };

/**
 * Stores the signed-in entrepreneur's report as pending. Refused, with nothing stored, when the form
 * is wrong, when the machine would not accept a report now, or when a report for the same month is
 * already waiting for the mentor.
 */
export function submitSelfReport(
  db: Db,
  userId: number,
  formData: FormData,
  now = Date.now(),
  /** Runs in the same transaction once the report is stored (its files' rows: self-report-files.server.ts). */
  onStored?: (tx: Db, stored: { participantId: number; evidenceId: number }) => void,
): SelfReportResult {
  const submission = parseWithZod(formData, { schema: selfReportSchema });
  if (submission.status !== "success") return { ok: false, status: 400, result: submission.reply(), refusal: null };
  const value = submission.value;
  const { machine, rules } = currentRules(db);

  return db.transaction(
    (tx): SelfReportResult => {
      const row = tx
        .select({ id: participants.id, snapshot: participants.snapshot })
        .from(participants)
        .where(eq(participants.userId, userId))
        .get();
      if (!row) return { ok: false, status: 404, result: submission.reply({ formErrors: ["self.report.noRecord"] }), refusal: null };

      const snapshot = restoreStored(machine, row.snapshot);
      if (!snapshot.can(SELF_REPORT_EVENT)) {
        return {
          ok: false,
          status: 409,
          result: submission.reply({ formErrors: ["self.report.notNow"] }),
          refusal: selfReportRefusal(snapshot, rules),
        };
      }
      const waiting = tx
        .select({ id: stageEvidence.id })
        .from(stageEvidence)
        .where(
          and(
            eq(stageEvidence.participantId, row.id),
            eq(stageEvidence.kind, "financial_report"),
            eq(stageEvidence.status, "pending"),
            sql`json_extract(${stageEvidence.details}, '$.period') = ${value.period}`,
          ),
        )
        .get();
      if (waiting) {
        return { ok: false, status: 400, result: submission.reply({ fieldErrors: { period: ["self.report.duplicatePeriod"] } }), refusal: null };
      }

      const stored = tx
        .insert(stageEvidence)
        .values({
          participantId: row.id,
          stage: SELF_REPORT_EVENT.stage,
          kind: SELF_REPORT_EVENT.kind,
          details: { period: value.period, turnover: value.turnover, assets: value.assets, workers: value.workers },
          occurredOn: jakartaDate(new Date(now)),
          recordedBy: userId,
          recordedAt: now,
          status: "pending",
        })
        .returning({ id: stageEvidence.id })
        .get();
      onStored?.(tx as unknown as Db, { participantId: row.id, evidenceId: stored.id });
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

export type PendingReport = {
  id: number;
  period: string;
  turnover: number | null;
  assets: number | null;
  workers: number | null;
  sentAt: number;
};

export type PendingReports = {
  reports: PendingReport[];
  /** Why accepting is not possible now (null: it is). */
  acceptRefusal: SelfReportRefusal | null;
};

const figure = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** A participant's reports waiting for review, oldest first. The caller has checked scope. */
export function listPendingReports(db: Db, participantId: number): PendingReports {
  const reports = db
    .select({ id: stageEvidence.id, details: stageEvidence.details, recordedAt: stageEvidence.recordedAt })
    .from(stageEvidence)
    .where(and(eq(stageEvidence.participantId, participantId), eq(stageEvidence.status, "pending"), eq(stageEvidence.kind, "financial_report")))
    .orderBy(asc(stageEvidence.recordedAt))
    .all()
    .map((row) => {
      const d = (row.details ?? {}) as Record<string, unknown>;
      return {
        id: row.id,
        period: typeof d.period === "string" ? d.period : "",
        turnover: figure(d.turnover),
        assets: figure(d.assets),
        workers: figure(d.workers),
        sentAt: row.recordedAt,
      };
    });
  if (reports.length === 0) return { reports, acceptRefusal: null };
  const row = db.select({ snapshot: participants.snapshot }).from(participants).where(eq(participants.id, participantId)).get();
  if (!row) return { reports: [], acceptRefusal: null };
  const { machine, rules } = currentRules(db);
  const snapshot = restoreStored(machine, row.snapshot);
  return { reports, acceptRefusal: snapshot.can(SELF_REPORT_EVENT) ? null : selfReportRefusal(snapshot, rules) };
}

export type ReviewResult =
  | { ok: true }
  | {
      ok: false;
      status: 400 | 409;
      formId: string | null;
      result: SubmissionResult<string[]>;
      refusal: { code: JourneyErrorCode | "already-reviewed"; missing: Requirement[]; stageState: StageState | null } | null;
    };

/**
 * The mentor accepts (through the machine) or declines (with a note) one pending report of a
 * participant in their scope (checked by the caller). A report of another participant is 404.
 */
export function reviewSelfReport(
  db: Db,
  input: { participantId: number; actorUserId: number; formData: FormData; now?: number },
): ReviewResult {
  const submission = parseWithZod(input.formData, { schema: reportReviewSchema });
  const rawId = Number(input.formData.get("evidenceId"));
  const formId = Number.isSafeInteger(rawId) && rawId > 0 ? reviewFormId(rawId) : null;
  if (submission.status !== "success") return { ok: false, status: 400, formId, result: submission.reply(), refusal: null };
  const value = submission.value;
  const at = input.now ?? Date.now();

  const report = db
    .select({ status: stageEvidence.status })
    .from(stageEvidence)
    .where(
      and(
        eq(stageEvidence.id, value.evidenceId),
        eq(stageEvidence.participantId, input.participantId),
        eq(stageEvidence.kind, SELF_REPORT_EVENT.kind),
      ),
    )
    .get();
  if (!report) throw new Response("Not Found", { status: 404 });
  const alreadyReviewed: ReviewResult = {
    ok: false,
    status: 409,
    formId,
    result: submission.reply({ formErrors: ["self.review.alreadyReviewed"] }),
    refusal: { code: "already-reviewed", missing: [], stageState: null },
  };
  if (report.status !== "pending") return alreadyReviewed;

  if (value.decision === "decline") {
    const declined = db
      .update(stageEvidence)
      .set({ status: "declined", reviewedBy: input.actorUserId, reviewedAt: at, reviewNote: value.note })
      .where(and(eq(stageEvidence.id, value.evidenceId), eq(stageEvidence.status, "pending")))
      .run();
    return declined.changes === 1 ? { ok: true } : alreadyReviewed;
  }

  try {
    applyMove(db, {
      participantId: input.participantId,
      expectedVersion: value.version,
      event: SELF_REPORT_EVENT,
      actorUserId: input.actorUserId,
      at,
      pendingEvidenceId: value.evidenceId,
      // An accepted report is a point of the figures over time, and may be a climb (naik kelas),
      // recorded in the acceptance's own transaction.
      alsoInTransaction: climbsWithMove(db, SELF_REPORT_EVENT.kind),
    });
    return { ok: true };
  } catch (error) {
    if (!(error instanceof JourneyError)) throw error;
    if (error.code === "not-found") throw new Response("Not Found", { status: 404 });
    // "invalid" here means the row stopped being pending meanwhile (another review won).
    if (error.code === "invalid") return alreadyReviewed;
    const p6 = db.select({ state: participants.p6State }).from(participants).where(eq(participants.id, input.participantId)).get();
    return {
      ok: false,
      status: 409,
      formId,
      result: submission.reply({ formErrors: [`refusal.${error.code}`] }),
      refusal: { code: error.code, missing: error.missing, stageState: p6?.state ?? null },
    };
  }
}

/** The review page on its own (/peserta/:id/laporan-mandiri): who, the version, the pending reports. */
export function getReviewPage(db: Db, participantId: number): { fullName: string; version: number; pending: PendingReports } | null {
  const row = db
    .select({ fullName: participants.fullName, version: participants.version })
    .from(participants)
    .where(eq(participants.id, participantId))
    .get();
  return row ? { ...row, pending: listPendingReports(db, participantId) } : null;
}
