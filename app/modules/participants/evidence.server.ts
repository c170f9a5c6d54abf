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
