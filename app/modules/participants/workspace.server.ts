// What the participant page shows about the work around a participant, beside the journey: the
// current stall note, the handoffs, and who else serves the same person.
import type { Db } from "../../../db/client";
import { handoffHistory, type HandoffEntry } from "./handoffs.server";
import { otherAgencyRecords, type OtherAgencyRecord } from "./other-agencies.server";
import type { Viewer } from "../access/scope.server";
import { currentStallNote, type CurrentStallNote } from "../stall-notes/stall-notes.server";

export type ParticipantWorkspace = {
  stallNote: CurrentStallNote | null;
  handoffs: HandoffEntry[];
  otherAgencies: OtherAgencyRecord[];
};

/** The caller has checked scope (requireParticipantInScope). */
export function participantWorkspace(db: Db, viewer: Viewer, participantId: number): ParticipantWorkspace {
  return {
    stallNote: currentStallNote(db, participantId),
    handoffs: handoffHistory(db, participantId),
    otherAgencies: otherAgencyRecords(db, viewer, participantId),
  };
}
