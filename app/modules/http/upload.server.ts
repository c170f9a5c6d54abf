// Reading a multipart upload in a route declared in UPLOAD_ROUTES (body-limits.server.ts), as it
// arrives: the one file field goes to disk chunk by chunk, the other fields are small text. The server
// has already held the body to the route's size; this holds it to the route's number of parts and
// turns every way a body can be unreadable into one refusal the page can put in words, never a 500.
// Boundaries are found with Buffer.indexOf, a chunk at a time, so a 40 MB upload never holds the event
// loop (Remix's parser held it 1.5 s for 40 MB, and 26 s for a body of 200,000 empty parts).
import { randomUUID } from "node:crypto";
import { createWriteStream, rmSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import { uploadRouteOf } from "./body-limits.server";

export class UploadRefused extends Error {
  constructor(readonly reason: "tooLarge" | "tooManyParts" | "unreadable") {
    super(`upload refused: ${reason}`);
  }
}

export type UploadedFile = {
  /** Where the bytes are; the caller removes the file when done with it. */
  path: string;
  /** The name it was sent under (from the browser: never trusted as a path). */
  name: string;
  size: number;
};

export type Upload = { fields: Map<string, string>; file: UploadedFile | undefined };

export type UploadOptions = {
  /** The one field whose content is a file to keep. Any other file part is refused. */
  fileField: string;
  directory: string;
  maxFileBytes: number;
  /** A text field longer than this is refused. */
  maxFieldBytes?: number;
};

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");
const MAX_HEADER_BYTES = 8 * 1024;

function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

type PartHeaders = { name: string; filename: string | undefined };

function partHeaders(raw: string): PartHeaders {
  const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(raw)?.[1];
  if (disposition === undefined) throw new UploadRefused("unreadable");
  const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
  const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) throw new UploadRefused("unreadable");
  return { name, filename };
}

/** The upload's text fields and its file; throws UploadRefused when it is not one this route takes. */
export async function readUpload(request: Request, options: UploadOptions): Promise<Upload> {
  const route = uploadRouteOf(new URL(request.url).pathname);
  const boundary = boundaryOf(request.headers.get("Content-Type") ?? "");
  const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
  if (!route || !type.startsWith("multipart/form-data") || !boundary || !request.body) throw new UploadRefused("unreadable");
  const maxField = options.maxFieldBytes ?? 4096;
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const fields = new Map<string, string>();
  let file: UploadedFile | undefined;
  let out: WriteStream | undefined;
  let parts = 0;

  // The body is read as "\r\n" + body, so the first delimiter looks like every other one.
  let pending: Buffer = Buffer.from(CRLF);
  type State = "preamble" | "afterDelimiter" | "headers" | "body" | "done";
  // Changed inside consume(): widened so the reading loop does not take it for "preamble" forever.
  let state = "preamble" as State;
  let current: { headers: PartHeaders; text: Buffer[]; textBytes: number } | undefined;

  const write = async (data: Buffer) => {
    if (!current || data.length === 0) return;
    if (current.headers.filename !== undefined && file && out) {
      file.size += data.length;
      if (file.size > options.maxFileBytes) throw new UploadRefused("tooLarge");
      if (!out.write(data)) await new Promise<void>((resolve) => out!.once("drain", resolve));
      return;
    }
    current.textBytes += data.length;
    if (current.textBytes > maxField) throw new UploadRefused("unreadable");
    current.text.push(data);
  };
  const endPart = async () => {
    if (!current) return;
    if (current.headers.filename !== undefined) {
      if (out) await new Promise<void>((resolve, reject) => out!.end((error?: Error | null) => (error ? reject(error) : resolve())));
      out = undefined;
    } else {
      fields.set(current.headers.name, Buffer.concat(current.text).toString("utf8"));
    }
    current = undefined;
  };
  const startPart = (headers: PartHeaders) => {
    if (++parts > route.maxParts) throw new UploadRefused("tooManyParts");
    if (headers.filename !== undefined) {
      // One file, in the declared field; a second file or a file elsewhere is not a form of ours.
      if (headers.name !== options.fileField || file) throw new UploadRefused("unreadable");
      const path = join(options.directory, `${randomUUID()}.upload`);
      file = { path, name: headers.filename, size: 0 };
      out = createWriteStream(path, { flags: "wx" });
    }
    current = { headers, text: [], textBytes: 0 };
  };

  const consume = async (): Promise<void> => {
    for (;;) {
      if (state === "preamble" || state === "body") {
        const at = pending.indexOf(delimiter);
        if (at === -1) {
          // Keep what could be the start of a delimiter; the rest is the part's (or the preamble's).
          const keep = Math.min(pending.length, delimiter.length - 1);
          if (state === "body") await write(pending.subarray(0, pending.length - keep));
          pending = pending.subarray(pending.length - keep);
          return;
        }
        if (state === "body") {
          await write(pending.subarray(0, at));
          await endPart();
        }
        pending = pending.subarray(at + delimiter.length);
        state = "afterDelimiter";
      }
      if (state === "afterDelimiter") {
        if (pending.length < 2) return;
        const next = pending.subarray(0, 2).toString("latin1");
        if (next === "--") {
          state = "done";
          return;
        }
        if (next !== "\r\n") throw new UploadRefused("unreadable");
        pending = pending.subarray(2);
        state = "headers";
      }
      if (state === "headers") {
        const end = pending.indexOf(HEADER_END);
        if (end === -1) {
          if (pending.length > MAX_HEADER_BYTES) throw new UploadRefused("unreadable");
          return;
        }
        startPart(partHeaders(pending.subarray(0, end).toString("utf8")));
        // The part's content begins right away and ends at the next delimiter (which starts with CRLF).
        pending = pending.subarray(end + HEADER_END.length);
        state = "body";
      }
      if (state === "done") return;
    }
  };

  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (state === "done") continue; // the epilogue is ignored
      pending = pending.length ? Buffer.concat([pending, value]) : Buffer.from(value);
      await consume();
    }
    if (state !== "done") throw new UploadRefused("unreadable");
    return { fields, file };
  } catch (error) {
    out?.destroy();
    if (file) rmSync(file.path, { force: true });
    // The rest is read and dropped (the server has held it to the route's size): a body cut off
    // mid-send makes most clients lose the answer too.
    try {
      while (!(await reader.read()).done);
    } catch {
      // the client went away
    }
    if (error instanceof UploadRefused) throw error;
    throw new UploadRefused("unreadable");
  }
}
