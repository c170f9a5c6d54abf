// "Who else serves this person": the same person (same NIK, matched by its keyed HMAC) registered
// with another agency. Only a summary crosses the agency line (agency, mentor, P1–P7 states, status);
// business name, phone, figures and history stay with that agency. A link to the other record is
// offered only when the viewer may open it anyway (access/scope.server.ts).
import { aliasedTable, and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agencies, participants, users } from "../../../db/schema";
import type { ParticipantStatus, StageState } from "../../../machines/stages";
import { isParticipantInScope, type Viewer } from "../access/scope.server";
import { stageStateColumns, stageStatesOf } from "../journey/stage-columns.server";

export type OtherAgencyRecord = {
  agencyName: string;
  mentorName: string | null;
  status: ParticipantStatus;
  stages: StageState[];
  /** The other record's id, only when the viewer may open it. */
  linkId: number | null;
};

export function otherAgencyRecords(db: Db, viewer: Viewer, participantId: number): OtherAgencyRecord[] {
  const self = db
    .select({ nikHmac: participants.nikHmac, agencyId: participants.agencyId })
    .from(participants)
    .where(eq(participants.id, participantId))
    .get();
  if (!self) return [];
  const mentor = aliasedTable(users, "mentor");
  const rows = db
    .select({
      id: participants.id,
      agencyName: agencies.name,
      mentorName: mentor.name,
      status: participants.status,
      ...stageStateColumns,
    })
    .from(participants)
    .innerJoin(agencies, eq(agencies.id, participants.agencyId))
    .leftJoin(mentor, eq(mentor.id, participants.mentorId))
    .where(and(eq(participants.nikHmac, self.nikHmac), ne(participants.agencyId, self.agencyId)))
    .orderBy(asc(agencies.name), asc(participants.id))
    .all();
  return rows.map((row) => ({
    agencyName: row.agencyName,
    mentorName: row.mentorName,
    status: row.status,
    stages: stageStatesOf(row),
    linkId: isParticipantInScope(db, viewer, row.id) ? row.id : null,
  }));
}
