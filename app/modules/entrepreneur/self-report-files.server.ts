// The entrepreneur's financial report with its photos or documents (a photo of the bookkeeping page,
// a bank statement): one multipart post from /saya. The files belong to the report (its pending
// evidence row), so the mentor sees them when reviewing it and, once accepted, under the P6 evidence.
// All or nothing: a refused file stores no report, a refused report keeps no file.
import { parseWithZod } from "@conform-to/zod";
import type { Db } from "../../../db/client";
import type { FileStore } from "../../../db/file-store";
import type { AttachRefusal } from "../files/attach.server";
import type { FilesConfig } from "../files/config.server";
import { insertFiles, removeUnreferenced } from "../files/files.server";
import { commitPrepared, FileRefused, prepareFiles, type PreparedFile } from "../files/prepare.server";
import { discardUpload, readUpload, UploadRefused, type Upload } from "../files/upload.server";
import { selfReportSchema } from "./self-report";
import { submitSelfReport, type SelfReportResult } from "./self-report.server";

export type SelfReportUploadResult =
  | Extract<SelfReportResult, { ok: true }>
  | (Extract<SelfReportResult, { ok: false }> & { upload?: undefined })
  | { ok: false; status: 400 | 413; result?: Extract<SelfReportResult, { ok: false }>["result"]; refusal: null; upload: AttachRefusal };

/** Reads the post as it streams (files to temp files of the store, within the limits). */
export async function readReportUpload(request: Request, store: FileStore, config: FilesConfig): Promise<Upload | { refused: AttachRefusal; status: 400 | 413 }> {
  try {
    return await readUpload(request, store, config);
  } catch (error) {
    if (!(error instanceof UploadRefused)) throw error;
    const tooLarge = error.code === "file-too-large" || error.code === "request-too-large";
    return { refused: { code: error.code, limit: error.limit }, status: tooLarge ? 413 : 400 };
  }
}

/**
 * Checks the report's fields first (no image is decoded for a form that is refused anyway), then every
 * file (type by its bytes, images re-encoded without EXIF), then stores the bytes and, in one
 * transaction, the report and its files' rows.
 */
export async function submitSelfReportWithFiles(
  db: Db,
  store: FileStore,
  config: FilesConfig,
  input: { upload: Upload; userId: number; now?: number },
): Promise<SelfReportUploadResult> {
  const { upload, userId } = input;
  const submission = parseWithZod(upload.fields, { schema: selfReportSchema });
  if (submission.status !== "success") {
    discardUpload(upload.files);
    return { ok: false, status: 400, result: submission.reply(), refusal: null };
  }
  let prepared: PreparedFile[];
  try {
    prepared = await prepareFiles(store, config, upload.files);
  } catch (error) {
    if (!(error instanceof FileRefused)) throw error;
    return { ok: false, status: 400, result: submission.reply(), refusal: null, upload: { code: error.code, name: error.fileName } };
  }
  // Bytes first, rows second (as attach.server.ts): a crash between leaves bytes no row names.
  await commitPrepared(store, prepared);
  const hashes = prepared.flatMap((file) => [file.main.sha256, file.thumb?.sha256 ?? null]);
  let outcome: SelfReportResult;
  try {
    outcome = submitSelfReport(db, userId, upload.fields, input.now, (tx, stored) => {
      if (prepared.length) insertFiles(tx, { ...stored, purpose: "evidence" }, prepared, userId, input.now);
    });
  } catch (error) {
    await removeUnreferenced(db, store, hashes);
    throw error;
  }
  if (!outcome.ok) await removeUnreferenced(db, store, hashes);
  return outcome;
}
