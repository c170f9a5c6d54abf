// The seam between the person's own data (own-data.server.ts) and the evidence files: what files are
// held about a participant, and erasing them. The files module (modules/files) provides both
// (listParticipantFiles, eraseParticipantFiles); until it is part of the build these hold none.
import type { Db } from "../../../db/client";

export type OwnFileSummary = { id: number; name: string; purpose: string; size: number; addedAt: number };

/** The files held about a participant (names and kinds, not the bytes). */
export function ownFiles(_db: Db, _participantId: number): OwnFileSummary[] {
  return [];
}

/** Erases a participant's files (rows and bytes); returns how many. Called inside the erasure's transaction. */
export function eraseOwnFiles(_db: Db, _participantId: number): number {
  return 0;
}
