// Reading a multipart upload as it streams in: every file part goes straight to a temp file of the
// store (hashed and counted on the way), so a request never sits in memory whole, and the limits
// (per file, per request, number of files) are checked while reading. A refused upload leaves
// nothing: its temp files are removed before the refusal is answered.
import { createWriteStream, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import type { FilesConfig } from "./config.server";
import type { FileStore } from "../../../db/file-store";

export type StagedFile = {
  tempPath: string;
  /** The name the browser sent, for people to recognise it: never used as a path or a type. */
  name: string;
  bytes: number;
  sha256: string;
  /** The first bytes, to decide the type by (sniff.ts). */
  head: Uint8Array;
  /** The form field it came in (e.g. "files"). */
  field: string;
};

export type UploadRefusalCode = "file-too-large" | "request-too-large" | "too-many-files" | "not-multipart";

export class UploadRefused extends Error {
  constructor(
    readonly code: UploadRefusalCode,
    readonly limit?: number,
  ) {
    super(code);
    this.name = "UploadRefused";
  }
}

/** A text field longer than this is not one of our forms' fields. */
const MAX_FIELD_BYTES = 16 * 1024;
const HEAD_BYTES = 32;

export type Upload = { fields: FormData; files: StagedFile[] };

/** Removes the temp files of an upload that is not kept. */
export function discardUpload(files: readonly StagedFile[]): void {
  for (const file of files) rmSync(file.tempPath, { force: true });
}

export async function readUpload(request: Request, store: FileStore, config: FilesConfig): Promise<Upload> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) throw new UploadRefused("not-multipart");
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > config.requestMaxBytes) throw new UploadRefused("request-too-large", config.requestMaxBytes);

  const files: StagedFile[] = [];
  let total = 0;
  const count = (bytes: number) => {
    total += bytes;
    if (total > config.requestMaxBytes) throw new UploadRefused("request-too-large", config.requestMaxBytes);
  };

  let parts = 0;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (++parts > config.maxParts) throw new UploadRefused("too-many-files", config.maxFiles);
    if (filename === undefined) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        count(chunk.byteLength);
        size += chunk.byteLength;
        if (size > MAX_FIELD_BYTES) throw new UploadRefused("request-too-large", config.requestMaxBytes);
        chunks.push(chunk);
      }
      return Buffer.concat(chunks).toString("utf8");
    }
    // An empty file input (nothing chosen) still sends a part, with no name and no bytes.
    if (filename === "") {
      for await (const chunk of data) count(chunk.byteLength);
      return undefined;
    }
    if (files.length >= config.maxFiles) throw new UploadRefused("too-many-files", config.maxFiles);
    const tempPath = store.tempPath();
    const staged: StagedFile = { tempPath, name: filename.slice(0, 120), bytes: 0, sha256: "", head: new Uint8Array(), field: name };
    files.push(staged);
    const hash = createHash("sha256");
    const out = createWriteStream(tempPath, { flags: "wx" });
    const heads: Uint8Array[] = [];
    let headBytes = 0;
    try {
      for await (const chunk of data) {
        count(chunk.byteLength);
        staged.bytes += chunk.byteLength;
        if (staged.bytes > config.fileMaxBytes) throw new UploadRefused("file-too-large", config.fileMaxBytes);
        if (headBytes < HEAD_BYTES) {
          heads.push(chunk.subarray(0, HEAD_BYTES - headBytes));
          headBytes += Math.min(chunk.byteLength, HEAD_BYTES - headBytes);
        }
        hash.update(chunk);
        if (!out.write(chunk)) await once(out, "drain");
      }
    } finally {
      out.end();
      await once(out, "close");
    }
    staged.sha256 = hash.digest("hex");
    staged.head = Buffer.concat(heads);
    return undefined;
  };

  try {
    const fields = await unstable_parseMultipartFormData(request, handler);
    return { fields, files };
  } catch (error) {
    discardUpload(files);
    if (error instanceof UploadRefused) throw error;
    // A broken multipart body: the client's fault, said as a refusal of the upload.
    throw new UploadRefused("not-multipart");
  }
}
