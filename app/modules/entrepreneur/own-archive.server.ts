// "Data saya" as one ZIP: the record as JSON and as a readable page, and every file held about the
// person with its bytes (their report photos, the evidence their mentor attached, their P1 documents:
// a KTP is their own, so it is in). Streamed: one file's chunk at a time goes through the archive as
// the browser reads it, so a person with many photos never sits in the server's memory whole.
import { Zip, ZipDeflate, ZipPassThrough, type ZipInputFile } from "fflate";
import type { Db } from "../../../db/client";
import type { FileStore } from "../../../db/file-store";
import { listParticipantFiles, type OwnFile } from "../files/files.server";
import { recordAudit } from "../users/audit.server";
import { ownData, ownParticipantId, renderOwnData } from "./own-data.server";

/** A name safe in any unzip tool: the file's id first (unique), then its given name's plain letters. */
export function archivePath(file: Pick<OwnFile, "id" | "name" | "type">): string {
  const base = file.name.normalize("NFKD").replace(/\.[^.]*$/, "").replace(/[^\w\- ]+/g, "_").slice(0, 80) || "berkas";
  // The stored type decides the extension: an image is stored re-encoded as JPEG whatever it was called.
  return `berkas/${file.id}-${base}${file.type === "application/pdf" ? ".pdf" : ".jpg"}`;
}

type Entry = { path: string; text?: string; read?: () => Promise<NodeJS.ReadableStream | null> };

/** Produces the archive step by step: each step pushes one chunk of one entry (or ends the archive). */
async function* build(zip: Zip, entries: readonly Entry[]): AsyncGenerator<void> {
  for (const entry of entries) {
    // Photos and PDFs are compressed already: stored as they are; the JSON and the page deflated.
    const file: ZipInputFile & { push: (chunk: Uint8Array, final?: boolean) => void } = entry.text !== undefined ? new ZipDeflate(entry.path, { level: 6 }) : new ZipPassThrough(entry.path);
    zip.add(file);
    if (entry.text !== undefined) {
      file.push(new TextEncoder().encode(entry.text), true);
      yield;
      continue;
    }
    // Bytes gone from the store (a backup's check reports it) leave an empty entry, not a broken archive.
    const stream = await entry.read!();
    for await (const chunk of stream ?? []) {
      file.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : new Uint8Array(chunk as Buffer), false);
      yield;
    }
    file.push(new Uint8Array(0), true);
    yield;
  }
  zip.end();
}

function archiveStream(entries: readonly Entry[]): ReadableStream<Uint8Array> {
  const queue: Uint8Array[] = [];
  let finished = false;
  let failure: unknown = null;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else {
      queue.push(chunk);
      if (final) finished = true;
    }
  });
  const steps = build(zip, entries);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (queue.length === 0 && !finished && failure === null) {
        if ((await steps.next()).done) break;
      }
      if (failure !== null) return controller.error(failure);
      while (queue.length) controller.enqueue(queue.shift()!);
      if (finished) controller.close();
    },
    async cancel() {
      await steps.return(undefined);
    },
  });
}

/**
 * The signed-in entrepreneur's archive (logged like the other downloads), or undefined without a
 * record. Files withdrawn by whoever added them are not held any more, so not in it.
 */
export function ownDataArchive(db: Db, store: FileStore, userId: number, t: (key: string) => string, at = Date.now()): { body: ReadableStream<Uint8Array>; fileName: string; contentType: string } | undefined {
  const data = ownData(db, userId, { fullNik: true });
  const participantId = ownParticipantId(db, userId);
  if (!data || participantId === undefined) return undefined;
  const files = listParticipantFiles(db, store, participantId);
  recordAudit(db, { actorUserId: userId, action: "own-data.download", subject: `participant:${participantId}`, detail: { format: "zip", files: files.length } }, at);
  // The record names each file by its place in the archive.
  const paths = new Map(files.map((file) => [file.id, archivePath(file)]));
  const listed = { ...data, files: data.files.map((file) => ({ ...file, path: paths.get(file.id) ?? null })) };
  const json = renderOwnData(listed, "json", t, at);
  const html = renderOwnData(listed, "html", t, at);
  const entries: Entry[] = [
    { path: json.fileName, text: json.body },
    { path: html.fileName, text: html.body },
    ...files.map((file) => ({ path: paths.get(file.id)!, read: file.read })),
  ];
  return { body: archiveStream(entries), fileName: json.fileName.replace(/\.json$/, ".zip"), contentType: "application/zip" };
}
