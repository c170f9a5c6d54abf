// The evidence a participant page lists per stage, and the partners a mentor may name when recording
// a training. Only evidence that counts (status "recorded") is listed here.
import { and, asc, desc, eq, isNull, or } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { organisations, participants, stageEvidence, stagePartners, users } from "../../../db/schema";
import { isStageId, type StageId } from "../../../machines/stages";
import { shownDetails, type EvidenceDetails } from "./evidence-details";

export type RecordedEvidence = {
  id: number;
  stage: StageId;
  kind: string;
  occurredOn: string;
  details: EvidenceDetails;
  recordedBy: string | null;
};

/** At most this many records per participant are listed (a mentor needs the recent ones). */
export const EVIDENCE_LIST_LIMIT = 200;

export function listRecordedEvidence(db: Db, participantId: number): RecordedEvidence[] {
  return db
    .select({
      id: stageEvidence.id,
      stage: stageEvidence.stage,
      kind: stageEvidence.kind,
      occurredOn: stageEvidence.occurredOn,
      details: stageEvidence.details,
      recordedBy: users.name,
    })
    .from(stageEvidence)
    .leftJoin(users, eq(users.id, stageEvidence.recordedBy))
    .where(and(eq(stageEvidence.participantId, participantId), eq(stageEvidence.status, "recorded")))
    .orderBy(desc(stageEvidence.occurredOn), desc(stageEvidence.id))
    .limit(EVIDENCE_LIST_LIMIT)
    .all()
    .flatMap((row) =>
      isStageId(row.stage) ? [{ ...row, stage: row.stage, details: shownDetails(row.details) }] : [],
    );
}

export type PartnerOption = { id: number; name: string };

/**
 * Organisations attached to a stage for the participant's district (or for every district): the
 * partners a mentor may name on that stage's evidence.
 */
export function stagePartnerOptions(db: Db, participantId: number, stage: StageId): PartnerOption[] {
  const district = db
    .select({ id: participants.districtId })
    .from(participants)
    .where(eq(participants.id, participantId))
    .get();
  if (!district) return [];
  return db
    .selectDistinct({ id: organisations.id, name: organisations.name })
    .from(stagePartners)
    .innerJoin(organisations, eq(organisations.id, stagePartners.organisationId))
    .where(
      and(
        eq(stagePartners.stage, stage),
        or(isNull(stagePartners.districtId), eq(stagePartners.districtId, district.id)),
      ),
    )
    .orderBy(asc(organisations.name))
    .all();
}

/**
 * Why a piece of evidence may not be recorded as sent, or null:
 *   duplicate  the same stage, kind, day and details are already recorded (or waiting for review):
 *              the same training entered twice would count twice
 *   same-day   a mentoring session on a day that already has one, sent without a reason: sessions
 *              count once per day unless the mentor says why there were two
 */
export function evidenceConflict(
  db: Db,
  participantId: number,
  evidence: { stage: StageId; kind: string; occurredOn: string; details: Record<string, unknown> },
): "duplicate" | "same-day" | null {
  const sameDay = db
    .select({ details: stageEvidence.details })
    .from(stageEvidence)
    .where(
      and(
        eq(stageEvidence.participantId, participantId),
        eq(stageEvidence.stage, evidence.stage),
        eq(stageEvidence.kind, evidence.kind),
        eq(stageEvidence.occurredOn, evidence.occurredOn),
        or(eq(stageEvidence.status, "recorded"), eq(stageEvidence.status, "pending")),
      ),
    )
    .all();
  if (sameDay.length === 0) return null;
  const sent = canonicalJson(evidence.details);
  if (sameDay.some((row) => canonicalJson(row.details) === sent)) return "duplicate";
  if (evidence.stage === "mentoring" && !evidence.details.sameDayReason) return "same-day";
  return null;
}

/** JSON with its keys sorted, so that two details objects compare by content, not by key order. */
function canonicalJson(value: unknown): string {
  if (!value || typeof value !== "object") return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(Object.fromEntries(entries));
}
