// The documents a person may attach while registering themselves (/daftar): a photo of their KTP and
// their business plan, both optional. They are checked and re-encoded at once (type by the bytes,
// EXIF gone), but the person does not exist yet: the prepared files wait in the store's temp area,
// named in the pending sign-up, until the code from the phone is typed (signup.server.ts). Then they
// become the new participant's P1 documents, as if their mentor had uploaded them (the KTP with the
// KTP's rules: no thumbnail, full view only to the verifying mentor and province coordinators, each
// view logged). A sign-up never confirmed leaves only temp files, swept after an hour.
import { existsSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import type { Db } from "../../../db/client";
import type { FileStore } from "../../../db/file-store";
import { HOUR_MS } from "../../../machines/time";
import type { FilePurpose } from "../../../machines/vocabulary";
import type { AttachRefusal } from "../files/attach.server";
import { filesConfig, type FilesConfig } from "../files/config.server";
import { insertFiles } from "../files/files.server";
import { commitPrepared, FileRefused, prepareFiles, type PreparedFile } from "../files/prepare.server";
import { discardUpload, readUpload, UploadRefused, type Upload } from "../files/upload.server";

/** The form's file inputs and the document each one is. */
export const SIGNUP_DOCUMENTS = { ktpFile: "ktp", businessPlanFile: "business_plan" } as const satisfies Record<string, FilePurpose>;

export type SignupDocument = PreparedFile & { purpose: FilePurpose };

/** The registration form has some twenty fields and at most one file per document. */
export function signupFilesConfig(): FilesConfig {
  return { ...filesConfig(), maxParts: 48, maxFiles: Object.keys(SIGNUP_DOCUMENTS).length };
}

export type DocumentsRefused = { refused: AttachRefusal; status: 400 | 413 };

export async function readSignupUpload(request: Request, store: FileStore): Promise<Upload | DocumentsRefused> {
  // Documents of sign-ups never confirmed (their code long expired) go now, not only at the next start.
  store.sweepTemp(HOUR_MS);
  try {
    return await readUpload(request, store, signupFilesConfig());
  } catch (error) {
    if (!(error instanceof UploadRefused)) throw error;
    const tooLarge = error.code === "file-too-large" || error.code === "request-too-large";
    return { refused: { code: error.code, limit: error.limit }, status: tooLarge ? 413 : 400 };
  }
}

/** Checks and re-encodes the chosen documents (none is fine). All or nothing, like every upload. */
export async function prepareSignupDocuments(store: FileStore, upload: Upload): Promise<SignupDocument[] | DocumentsRefused> {
  const purposes = upload.files.map((file) => (SIGNUP_DOCUMENTS as Record<string, FilePurpose>)[file.field]);
  const fields = upload.files.map((file) => file.field);
  // A file from an input the form does not have, or two for one document: only a script sends that.
  if (purposes.some((purpose) => purpose === undefined) || new Set(fields).size !== fields.length) {
    discardUpload(upload.files);
    return { refused: { code: "target" }, status: 400 };
  }
  try {
    const prepared = await prepareFiles(store, signupFilesConfig(), upload.files);
    return prepared.map((file, i) => ({ ...file, purpose: purposes[i]! }));
  } catch (error) {
    if (!(error instanceof FileRefused)) throw error;
    return { refused: { code: error.code, name: error.fileName }, status: 400 };
  }
}

const tempFilesOf = (documents: readonly SignupDocument[]) => documents.flatMap((doc) => [doc.main.tempPath, doc.thumb?.tempPath ?? null]).filter((path): path is string => path !== null);

/** Removes documents that will not be kept (a refused sign-up, a duplicate). */
export function discardSignupDocuments(documents: readonly SignupDocument[]): void {
  for (const path of tempFilesOf(documents)) rmSync(path, { force: true });
}

/**
 * Makes the waiting documents the new participant's (added by their own account). Paths come from
 * the pending sign-up we stored; still, only files in this store's temp area are ever moved. A
 * document whose temp file is gone (swept: the code was typed after more than an hour) is left out.
 */
export async function attachSignupDocuments(db: Db, store: FileStore, documents: readonly SignupDocument[], owner: { participantId: number; userId: number }, at = Date.now()): Promise<number> {
  const tempDir = store.tempDir();
  const whole = documents.filter((doc) => tempFilesOf([doc]).every((path) => dirname(path) === tempDir && existsSync(path)));
  discardSignupDocuments(documents.filter((doc) => !whole.includes(doc)));
  for (const doc of whole) {
    await commitPrepared(store, [doc]);
    insertFiles(db, { participantId: owner.participantId, evidenceId: null, purpose: doc.purpose }, [doc], owner.userId, at);
  }
  return whole.length;
}
