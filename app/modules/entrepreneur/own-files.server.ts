// The person's own data (own-data.server.ts) and their evidence files: what files are held about a
// participant (names and kinds; the download lists them, it does not carry the bytes), and erasing them.
import type { Db } from "../../../db/client";
import { getFileStore } from "../files/files-store.server";
import { eraseParticipantFiles, listParticipantFiles } from "../files/files.server";

export type OwnFileSummary = { id: number; name: string; purpose: string; size: number; addedAt: number };

/** The files held about a participant (not withdrawn). */
export function ownFiles(db: Db, participantId: number): OwnFileSummary[] {
  return listParticipantFiles(db, getFileStore(), participantId).map(({ id, name, purpose, size, addedAt }) => ({ id, name, purpose, size, addedAt }));
}

/**
 * Erases a participant's files (rows and bytes); returns how many. Called inside the erasure's
 * transaction: the rows go with it; bytes no other row names are removed at once.
 */
export function eraseOwnFiles(db: Db, participantId: number): number {
  return eraseParticipantFiles(db, getFileStore(), participantId);
}
