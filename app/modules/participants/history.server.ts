// A participant's history: the transition log, newest first, with who did it and what was recorded.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { stageEvidence, transitionLog, users, type Role } from "../../../db/schema";
import { isStageId, type StageId } from "../../../machines/stages";
import { shownDetails, type EvidenceDetails } from "./evidence-details";

export type { EvidenceDetails };

export type HistoryEntry = {
  id: number;
  at: number;
  eventType: string;
  stage: StageId | null;
  reason: string | null;
  actor: { name: string; role: Role } | null;
  evidence: { id: number; kind: string; occurredOn: string; details: EvidenceDetails } | null;
};

export const HISTORY_LIMIT = 100;

export function getHistory(db: Db, participantId: number, limit = HISTORY_LIMIT): HistoryEntry[] {
  const rows = db
    .select({
      id: transitionLog.id,
      at: transitionLog.at,
      eventType: transitionLog.eventType,
      stage: transitionLog.stage,
      reason: transitionLog.reason,
      actorName: users.name,
      actorRole: users.role,
      evidenceId: stageEvidence.id,
      evidenceKind: stageEvidence.kind,
      evidenceOn: stageEvidence.occurredOn,
      evidenceDetails: stageEvidence.details,
    })
    .from(transitionLog)
    .leftJoin(users, eq(users.id, transitionLog.actorUserId))
    .leftJoin(stageEvidence, eq(stageEvidence.id, transitionLog.evidenceId))
    .where(eq(transitionLog.participantId, participantId))
    .orderBy(desc(transitionLog.version))
    .limit(limit)
    .all();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    eventType: row.eventType,
    stage: isStageId(row.stage) ? row.stage : null,
    reason: row.reason,
    actor: row.actorName && row.actorRole ? { name: row.actorName, role: row.actorRole } : null,
    evidence:
      row.evidenceId !== null && row.evidenceKind && row.evidenceOn
        ? { id: row.evidenceId, kind: row.evidenceKind, occurredOn: row.evidenceOn, details: shownDetails(row.evidenceDetails) }
        : null,
  }));
}
