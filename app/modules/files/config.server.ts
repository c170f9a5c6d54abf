// The file store's settings, all from the environment (README, "Evidence files"). Read on every call
// so that a test can start a server with its own limits.
import { filesDir } from "../../../db/file-store";
import { uploadMaxBytes, uploadRequestMaxBytes } from "../http/body-limits.server";
import type { UploadLimits } from "./shown";

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a whole number > 0, not "${raw}"`);
  return value;
}

export type FilesConfig = {
  /** Where the bytes live: outside public/, never served by the static handler. */
  dir: string;
  /** One file's limit, in bytes, checked while it streams in. */
  fileMaxBytes: number;
  /** One request's limit (every file and field together), checked while it streams in. */
  requestMaxBytes: number;
  /** Parts (files and fields) one request may carry: many empty parts are cheap to send, slow to parse. */
  maxParts: number;
  /** Files one request may carry. */
  maxFiles: number;
  /** An image's longest side after re-encoding. */
  imageMaxPx: number;
  /** A thumbnail's longest side. */
  thumbPx: number;
};

export function filesConfig(): FilesConfig {
  return {
    dir: filesDir(),
    // The server refuses a larger request before reading it (http/body-limits.server.ts); these
    // are checked again while the body streams in, because a declared length can lie.
    fileMaxBytes: uploadMaxBytes(),
    requestMaxBytes: uploadRequestMaxBytes(),
    maxParts: 32,
    maxFiles: positive("PAS_UPLOAD_MAX_FILES", 20),
    imageMaxPx: positive("PAS_IMAGE_MAX_PX", 2048),
    thumbPx: 320,
  };
}

/** The limits a form states (and the browser's downscaling uses). */
export function uploadLimits(): UploadLimits {
  const config = filesConfig();
  return { fileMaxBytes: config.fileMaxBytes, maxFiles: config.maxFiles, imageMaxPx: config.imageMaxPx };
}
