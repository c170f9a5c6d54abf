// Attaching files from an upload form: read the upload as it streams (upload.server.ts), decide the
// record it documents, check and re-encode every file (prepare.server.ts), then store the bytes and
// write the rows. All or nothing: one refused file refuses the upload, and nothing is stored.
import type { Db } from "../../../db/client";
import { FILE_PURPOSES, type FilePurpose } from "../../../machines/vocabulary";
import type { Viewer } from "../access/scope.server";
import type { FilesConfig } from "./config.server";
import { evidenceOfParticipant, insertFiles, removeUnreferenced, type AttachTarget } from "./files.server";
import { commitPrepared, FileRefused, prepareFiles } from "./prepare.server";
import type { FileStore } from "../../../db/file-store";
import { discardUpload, readUpload, UploadRefused } from "./upload.server";

export type AttachRefusal = {
  code: UploadRefused["code"] | FileRefused["code"] | "none" | "target";
  /** The file it is about, by the name the person gave it. */
  name?: string;
  /** The limit passed, in bytes or files. */
  limit?: number;
};

export type AttachOutcome =
  | { ok: true; fileIds: number[]; returnTo: string | null }
  | { ok: false; status: 400 | 413; refusal: AttachRefusal };

function positiveId(value: FormDataEntryValue | null): number | null {
  return typeof value === "string" && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : null;
}

/** The record the files document: a piece of the participant's evidence, or one of their P1 documents. */
function targetOf(db: Db, participantId: number, fields: FormData): AttachTarget | null {
  const evidenceId = positiveId(fields.get("evidenceId"));
  if (evidenceId !== null) {
    return evidenceOfParticipant(db, participantId, evidenceId) ? { participantId, evidenceId, purpose: "evidence" } : null;
  }
  const purpose = fields.get("purpose");
  if (typeof purpose === "string" && purpose !== "evidence" && (FILE_PURPOSES as readonly string[]).includes(purpose)) {
    return { participantId, evidenceId: null, purpose: purpose as FilePurpose };
  }
  return null;
}

export async function attachFromRequest(
  db: Db,
  store: FileStore,
  config: FilesConfig,
  input: { request: Request; viewer: Viewer; participantId: number },
): Promise<AttachOutcome> {
  let upload;
  try {
    upload = await readUpload(input.request, store, config);
  } catch (error) {
    if (!(error instanceof UploadRefused)) throw error;
    const tooLarge = error.code === "file-too-large" || error.code === "request-too-large";
    return { ok: false, status: tooLarge ? 413 : 400, refusal: { code: error.code, limit: error.limit } };
  }
  const returnTo = typeof upload.fields.get("returnTo") === "string" ? String(upload.fields.get("returnTo")) : null;
  const target = targetOf(db, input.participantId, upload.fields);
  if (!target) {
    discardUpload(upload.files);
    return { ok: false, status: 400, refusal: { code: "target" } };
  }
  if (upload.files.length === 0) return { ok: false, status: 400, refusal: { code: "none" } };

  let prepared;
  try {
    prepared = await prepareFiles(store, config, upload.files);
  } catch (error) {
    if (!(error instanceof FileRefused)) throw error;
    return { ok: false, status: 400, refusal: { code: error.code, name: error.fileName } };
  }
  // Bytes first, rows second: a crash between leaves stored bytes no row names (harmless, and
  // found by the backup's check), never a row naming bytes that are not there.
  await commitPrepared(store, prepared);
  try {
    const fileIds = insertFiles(db, target, prepared, input.viewer.id);
    return { ok: true, fileIds, returnTo };
  } catch (error) {
    await removeUnreferenced(db, store, prepared.flatMap((file) => [file.main.sha256, file.thumb?.sha256 ?? null]));
    throw error;
  }
}
