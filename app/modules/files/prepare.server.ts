// From an uploaded file to what is stored. Images (JPEG, PNG, WebP) are decoded and re-encoded as
// JPEG by sharp: the re-encoding keeps no metadata (EXIF, GPS, camera serials), turns the picture
// upright first (EXIF orientation), caps its longest side, and drops anything appended after the
// image data (a polyglot's script). Each image gets a thumbnail. A PDF is kept byte for byte, and is
// only ever served as a download. Anything else, whatever its name, is refused.
import { closeSync, openSync, readSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import sharp from "sharp";
import type { StoredFileType } from "../../../machines/vocabulary";
import type { FilesConfig } from "./config.server";
import { sniffType } from "./sniff";
import type { FileStore } from "../../../db/file-store";
import { discardUpload, type StagedFile } from "./upload.server";

// Decoding is the memory-hungry part: no cache of decoded images between requests, and a ceiling on
// pixels (a "decompression bomb" of a small file that decodes to gigabytes is refused, not decoded).
sharp.cache(false);
const MAX_INPUT_PIXELS = 50_000_000;

export type FileProblem = "empty" | "unsupported" | "heic" | "unreadable";

export class FileRefused extends Error {
  constructor(
    readonly code: FileProblem,
    /** The name the person gave the file, to say which one. */
    readonly fileName: string,
  ) {
    super(code);
    this.name = "FileRefused";
  }
}

export type Blob_ = { tempPath: string; sha256: string; size: number };

export type PreparedFile = {
  name: string;
  type: StoredFileType;
  main: Blob_;
  thumb: Blob_ | null;
  width: number | null;
  height: number | null;
};

function writeBlob(store: FileStore, bytes: Buffer): Blob_ {
  const tempPath = store.tempPath();
  writeFileSync(tempPath, bytes, { flag: "wx" });
  return { tempPath, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.byteLength };
}

/** Whether a PDF ends as one does ("%%EOF" in its last kilobyte): a truncated upload is refused. */
function pdfLooksWhole(path: string): boolean {
  const size = statSync(path).size;
  const length = Math.min(size, 1024);
  const tail = Buffer.alloc(length);
  const fd = openSync(path, "r");
  try {
    readSync(fd, tail, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  return tail.includes("%%EOF");
}

async function prepareOne(store: FileStore, config: FilesConfig, file: StagedFile, made: Blob_[]): Promise<PreparedFile> {
  if (file.bytes === 0) throw new FileRefused("empty", file.name);
  const type = sniffType(file.head);
  if (type === null) throw new FileRefused("unsupported", file.name);
  // The prebuilt libvips that sharp ships decodes HEIF only with AV1 (AVIF), not the HEVC a phone's
  // HEIC photo uses: say so, rather than fail later. With JavaScript the browser converts first.
  if (type === "heic") throw new FileRefused("heic", file.name);
  if (type === "pdf") {
    if (!pdfLooksWhole(file.tempPath)) throw new FileRefused("unreadable", file.name);
    return { name: file.name, type: "application/pdf", main: { tempPath: file.tempPath, sha256: file.sha256, size: file.bytes }, thumb: null, width: null, height: null };
  }
  try {
    const input = () => sharp(file.tempPath, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" }).rotate();
    const { data, info } = await input()
      .resize({ width: config.imageMaxPx, height: config.imageMaxPx, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    const main = writeBlob(store, data);
    made.push(main);
    const thumbBytes = await input()
      .resize({ width: config.thumbPx, height: config.thumbPx, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 70 })
      .toBuffer();
    const thumb = writeBlob(store, thumbBytes);
    made.push(thumb);
    // The upload itself is not kept: only what was re-encoded from it.
    rmSync(file.tempPath, { force: true });
    return { name: file.name, type: "image/jpeg", main, thumb, width: info.width, height: info.height };
  } catch {
    throw new FileRefused("unreadable", file.name);
  }
}

/**
 * Checks and re-encodes every file of an upload, one after another (one decoded image in memory at
 * a time). All or nothing: on the first refusal every temp file of the upload is removed.
 */
export async function prepareFiles(store: FileStore, config: FilesConfig, files: readonly StagedFile[]): Promise<PreparedFile[]> {
  const made: Blob_[] = [];
  const prepared: PreparedFile[] = [];
  try {
    for (const file of files) prepared.push(await prepareOne(store, config, file, made));
    return prepared;
  } catch (error) {
    discardUpload(files);
    for (const blob of made) rmSync(blob.tempPath, { force: true });
    throw error;
  }
}

/**
 * Puts prepared files into the store under their hashes, before their rows are written (never inside
 * a transaction). If one fails, the temp files not yet stored are removed and the error rethrown.
 */
export async function commitPrepared(store: FileStore, prepared: readonly PreparedFile[]): Promise<void> {
  try {
    for (const file of prepared) {
      await store.commit(file.main.tempPath, file.main.sha256);
      if (file.thumb) await store.commit(file.thumb.tempPath, file.thumb.sha256);
    }
  } catch (error) {
    discardPrepared(prepared);
    throw error;
  }
}

/** Removes prepared files that will not be kept (their rows were refused). */
export function discardPrepared(prepared: readonly PreparedFile[]): void {
  for (const file of prepared) {
    rmSync(file.main.tempPath, { force: true });
    if (file.thumb) rmSync(file.thumb.tempPath, { force: true });
  }
}
