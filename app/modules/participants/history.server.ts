// A participant's history: the transition log, newest first, with who did it and what was recorded.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { stageEvidence, transitionLog, users, type Role } from "../../../db/schema";
import { isStageId, type StageId } from "../../../machines/stages";

/** Evidence details shown in the history. Anything else stored in details stays on the server. */
const SHOWN_DETAILS = ["topic", "type", "number", "channel", "period", "turnover", "lender", "product", "amount", "note", "statement"] as const;
export type EvidenceDetails = Partial<Record<(typeof SHOWN_DETAILS)[number], string | number>>;

export type HistoryEntry = {
  id: number;
  at: number;
  eventType: string;
  stage: StageId | null;
  reason: string | null;
  actor: { name: string; role: Role } | null;
  evidence: { kind: string; occurredOn: string; details: EvidenceDetails } | null;
};

function shownDetails(raw: unknown): EvidenceDetails {
  const details: EvidenceDetails = {};
  if (!raw || typeof raw !== "object") return details;
  for (const key of SHOWN_DETAILS) {
    const value = (raw as Record<string, unknown>)[key];
    if (typeof value === "string" || typeof value === "number") details[key] = value;
  }
  return details;
}

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
      row.evidenceKind && row.evidenceOn
        ? { kind: row.evidenceKind, occurredOn: row.evidenceOn, details: shownDetails(row.evidenceDetails) }
        : null,
  }));
}
