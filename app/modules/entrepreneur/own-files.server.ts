// The person's own data (own-data.server.ts) and their evidence files: what files are held about a
// participant (names and kinds; the download lists them, it does not carry the bytes), and erasing them.
import type { Db } from "../../../db/client";
import { getFileStore } from "../files/files-store.server";
import { eraseParticipantFiles, listParticipantFiles, removeUnreferenced } from "../files/files.server";

export type OwnFileSummary = { id: number; name: string; purpose: string; size: number; addedAt: number };

/** The files held about a participant (not withdrawn). */
export function ownFiles(db: Db, participantId: number): OwnFileSummary[] {
  return listParticipantFiles(db, getFileStore(), participantId).map(({ id, name, purpose, size, addedAt }) => ({ id, name, purpose, size, addedAt }));
}

/**
 * Erases a participant's file rows; called inside the erasure's transaction. Returns how many and the
 * hashes they named, for `removeErasedBytes` once that transaction has committed.
 */
export function eraseOwnFiles(db: Db, participantId: number): { count: number; hashes: string[] } {
  return eraseParticipantFiles(db, participantId);
}

/** After the erasure's commit: the bytes no other row names go (a crash before leaves them to the sweep). */
export async function removeErasedBytes(db: Db, hashes: readonly string[]): Promise<void> {
  await removeUnreferenced(db, getFileStore(), hashes);
}
