// "Who else serves this person": the same person (same NIK, matched by its keyed HMAC) registered
// with another agency. Only a summary crosses the agency line (agency, mentor, P1–P7 states, status);
// business name, phone, figures and history stay with that agency. A link to the other record is
// offered only when the viewer may open it anyway (scope.server.ts).
import { aliasedTable, and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agencies, participants, users } from "../../../db/schema";
import type { ParticipantStatus, StageState } from "../../../machines/stages";
import { isParticipantInScope, type Viewer } from "./scope.server";

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
      p1: participants.p1State,
      p2: participants.p2State,
      p3: participants.p3State,
      p4: participants.p4State,
      p5: participants.p5State,
      p6: participants.p6State,
      p7: participants.p7State,
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
    stages: [row.p1, row.p2, row.p3, row.p4, row.p5, row.p6, row.p7],
    linkId: isParticipantInScope(db, viewer, row.id) ? row.id : null,
  }));
}
