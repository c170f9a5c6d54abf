// The files attached to evidence and to the P1 documents: who may see them, attaching, withdrawing,
// and the person's own data (listing and erasing a participant's files, for the own-data download
// and erasure). The bytes are in the file store (db/file-store.ts); a row names them by hash.
import { and, eq, isNull, or } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { files, stageEvidence } from "../../../db/schema";
import type { FilePurpose, StoredFileType } from "../../../machines/vocabulary";
import { isParticipantInScope, type Viewer } from "../access/scope.server";
import { recordAudit } from "../users/audit.server";
import type { PreparedFile } from "./prepare.server";
import { isIdentityPurpose, type ShownFile } from "./shown";
import type { FileStore } from "../../../db/file-store";


export type FileRow = {
  id: number;
  participantId: number;
  evidenceId: number | null;
  purpose: FilePurpose;
  sha256: string;
  thumbSha256: string | null;
  type: StoredFileType;
  name: string;
  size: number;
  addedBy: number | null;
  addedAt: number;
  withdrawnAt: number | null;
};

const fileColumns = {
  id: files.id,
  participantId: files.participantId,
  evidenceId: files.evidenceId,
  purpose: files.purpose,
  sha256: files.sha256,
  thumbSha256: files.thumbSha256,
  type: files.type,
  name: files.name,
  size: files.size,
  addedBy: files.addedBy,
  addedAt: files.addedAt,
  withdrawnAt: files.withdrawnAt,
};

export function getFile(db: Db, fileId: number): FileRow | undefined {
  return db.select(fileColumns).from(files).where(eq(files.id, fileId)).get();
}

/** Identity documents: full size only to a mentor who verifies P1 and to province coordinators. */
export function isIdentityDocument(purpose: FilePurpose): boolean {
  return isIdentityPurpose(purpose);
}

/**
 * Who may see an identity document at full size (and its thumbnail: a KTP's thumbnail shows the
 * NIK as well): the mentors who may verify the participant's P1 (in scope) and province coordinators.
 */
function mayReadIdentity(viewer: Viewer): boolean {
  return viewer.role === "mentor" || (viewer.role === "coordinator" && viewer.cityId == null);
}

export type FileAccess = "none" | "thumbnail" | "full";

/**
 * What a viewer may see of a file: nothing (404, as for a participant out of scope), or the file.
 * Exactly those who may see the participant's evidence (access/scope.server.ts: mentors of their
 * agency in their districts, coordinators of their city or the province, the entrepreneur their own,
 * partner staff the participants referred to them); identity documents further narrowed.
 * A withdrawn file is seen by no one.
 */
export function fileAccess(db: Db, viewer: Viewer, file: FileRow): FileAccess {
  if (file.withdrawnAt !== null) return "none";
  if (!isParticipantInScope(db, viewer, file.participantId)) return "none";
  if (isIdentityDocument(file.purpose) && !mayReadIdentity(viewer)) return "none";
  return "full";
}

/** A full-size view of an identity document is logged like a full-NIK read (who, which, when). */
export function logIdentityView(db: Db, viewer: Viewer, file: FileRow, at = Date.now()): void {
  if (!isIdentityDocument(file.purpose)) return;
  recordAudit(db, { actorUserId: viewer.id, action: "view-identity-document", subject: `file:${file.id}`, detail: { participantId: file.participantId, purpose: file.purpose } }, at);
}

export type AttachTarget = { participantId: number; evidenceId: number | null; purpose: FilePurpose };

/** Whether evidence `evidenceId` belongs to the participant (and counts or waits for review). */
export function evidenceOfParticipant(db: Db, participantId: number, evidenceId: number): boolean {
  const row = db
    .select({ id: stageEvidence.id })
    .from(stageEvidence)
    .where(and(eq(stageEvidence.id, evidenceId), eq(stageEvidence.participantId, participantId), or(eq(stageEvidence.status, "recorded"), eq(stageEvidence.status, "pending"))))
    .get();
  return row !== undefined;
}

/** Writes the rows of prepared files (their bytes are already in the store). Returns their ids. */
export function insertFiles(db: Db, target: AttachTarget, prepared: readonly PreparedFile[], actorUserId: number, at = Date.now()): number[] {
  return db.transaction((tx) =>
    prepared.map(
      (file) =>
        tx
          .insert(files)
          .values({
            participantId: target.participantId,
            evidenceId: target.evidenceId,
            purpose: target.purpose,
            sha256: file.main.sha256,
            thumbSha256: file.thumb?.sha256 ?? null,
            type: file.type,
            name: file.name,
            size: file.main.size,
            width: file.width,
            height: file.height,
            addedBy: actorUserId,
            addedAt: at,
          })
          .returning({ id: files.id })
          .get().id,
    ),
  );
}

/** Whether any row that is not withdrawn still names these bytes (as a file or as a thumbnail). */
function isReferenced(db: Db, sha256: string): boolean {
  const row = db
    .select({ id: files.id })
    .from(files)
    .where(and(isNull(files.withdrawnAt), or(eq(files.sha256, sha256), eq(files.thumbSha256, sha256))))
    .get();
  return row !== undefined;
}

/**
 * Removes stored bytes no live row names any more. Never inside a transaction (the bytes move after
 * the rows are committed): a crash between leaves bytes no row names, which sweepUnreferenced removes.
 */
export async function removeUnreferenced(db: Db, store: FileStore, hashes: readonly (string | null)[]): Promise<void> {
  for (const hash of new Set(hashes)) if (hash && !isReferenced(db, hash)) await store.remove(hash);
}

/**
 * Removes stored bytes that no row names (not even a withdrawn one's: those were removed at withdrawal),
 * left by a crash between a commit of rows and the removal of bytes, or between storing an upload's
 * bytes and writing its rows. Only objects older than `olderThanMs`: an upload's bytes are stored a
 * moment before its rows are written. Returns how many were removed.
 */
export async function sweepUnreferenced(db: Db, store: FileStore, olderThanMs: number, now = Date.now()): Promise<number> {
  let removed = 0;
  for (const object of await store.list()) {
    if (now - object.storedAt <= olderThanMs || isReferenced(db, object.sha256)) continue;
    await store.remove(object.sha256);
    removed++;
  }
  return removed;
}

export type WithdrawRefusal = "not-found" | "not-yours" | "withdrawn";

/**
 * A mistaken upload withdrawn by whoever added it: the row stays (the log keeps that a file existed:
 * who added it, when, its size and type, never its content), the bytes go unless another row names
 * the same hash. Logged in the audit log.
 */
export async function withdrawFile(db: Db, store: FileStore, viewer: Viewer, fileId: number, at = Date.now()): Promise<WithdrawRefusal | null> {
  const file = getFile(db, fileId);
  if (!file || fileAccess(db, viewer, file) === "none") return file?.withdrawnAt ? "withdrawn" : "not-found";
  if (file.addedBy !== viewer.id) return "not-yours";
  db.transaction((tx) => {
    tx.update(files).set({ withdrawnAt: at, withdrawnBy: viewer.id }).where(eq(files.id, fileId)).run();
    recordAudit(tx as unknown as Db, { actorUserId: viewer.id, action: "withdraw-file", subject: `file:${fileId}`, detail: { participantId: file.participantId, evidenceId: file.evidenceId, purpose: file.purpose, type: file.type, size: file.size } }, at);
  });
  await removeUnreferenced(db, store, [file.sha256, file.thumbSha256]);
  return null;
}

/** A participant's files not withdrawn, oldest first: what the page and the own-data download start from. */
function heldFiles(db: Db, participantId: number) {
  return db
    .select(fileColumns)
    .from(files)
    .where(and(eq(files.participantId, participantId), isNull(files.withdrawnAt)))
    .orderBy(files.id)
    .all();
}

/** A participant's files the viewer may see, for the page (oldest first within each record). */
export function listShownFiles(db: Db, viewer: Viewer, participantId: number): ShownFile[] {
  if (!isParticipantInScope(db, viewer, participantId)) return [];
  const identity = mayReadIdentity(viewer);
  return heldFiles(db, participantId)
    .filter((file) => identity || !isIdentityDocument(file.purpose))
    .map((file) => ({
      id: file.id,
      evidenceId: file.evidenceId,
      purpose: file.purpose,
      type: file.type,
      name: file.name,
      size: file.size,
      hasThumb: file.thumbSha256 !== null,
      mine: file.addedBy === viewer.id,
    }));
}

// ─── The person's own data (the own-data download and erasure call these) ────────────────────────

export type OwnFile = { id: number; purpose: FilePurpose; evidenceId: number | null; type: StoredFileType; name: string; size: number; addedAt: number; read: () => Promise<NodeJS.ReadableStream | null> };

/** Every file held about a participant (not withdrawn), with a way to read its bytes. */
export function listParticipantFiles(db: Db, store: FileStore, participantId: number): OwnFile[] {
  return heldFiles(db, participantId).map((file) => ({
    id: file.id,
    purpose: file.purpose,
    evidenceId: file.evidenceId,
    type: file.type,
    name: file.name,
    size: file.size,
    addedAt: file.addedAt,
    read: async () => (await store.read(file.sha256))?.body ?? null,
  }));
}

/**
 * Erases a participant's file rows (an erasure keeps no name of theirs); call inside the erasure's own
 * transaction. Returns how many rows went and the hashes they named: once the transaction has
 * committed, `removeUnreferenced` removes the bytes no other participant's row names.
 */
export function eraseParticipantFiles(db: Db, participantId: number): { count: number; hashes: string[] } {
  const rows = db.select({ sha256: files.sha256, thumb: files.thumbSha256 }).from(files).where(eq(files.participantId, participantId)).all();
  db.delete(files).where(eq(files.participantId, participantId)).run();
  return { count: rows.length, hashes: rows.flatMap((row) => (row.thumb ? [row.sha256, row.thumb] : [row.sha256])) };
}

// ─── Backup ───────────────────────────────────────────────────────────────────

/** Every hash a live row names, with its expected size where known (the main file's). */
export function referencedHashes(db: Db): { sha256: string; size: number | null }[] {
  const rows = db
    .select({ sha256: files.sha256, size: files.size, thumb: files.thumbSha256 })
    .from(files)
    .where(isNull(files.withdrawnAt))
    .all();
  const seen = new Map<string, number | null>();
  for (const row of rows) {
    seen.set(row.sha256, row.size);
    if (row.thumb && !seen.has(row.thumb)) seen.set(row.thumb, null);
  }
  return [...seen].map(([sha256, size]) => ({ sha256, size }));
}
