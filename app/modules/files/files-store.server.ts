// The process's file store, from the settings (a bucket when PAS_FILES_S3_BUCKET is set, else the
// disk: db/file-store-open.ts). When it is first opened, temp files
// of uploads that never finished (a crash, a closed connection) are swept, and, in the background,
// stored bytes that no row names (a crash between a commit of rows and the removal of their bytes).
import { getDb } from "../../../db/client";
import { HOUR_MS } from "../../../machines/time";
import { sweepUnreferenced } from "./files.server";
import type { FileStore } from "../../../db/file-store";
import { openFileStore } from "../../../db/file-store-open";

const swept = new Set<FileStore>();

export function getFileStore(): FileStore {
  const store = openFileStore();
  if (!swept.has(store)) {
    swept.add(store);
    // An hour: longer than any upload takes, so a file still arriving in another worker is left alone.
    store.sweepTemp(HOUR_MS);
    sweepUnreferenced(getDb(), store, HOUR_MS).catch((error: unknown) => console.error("Sweeping unreferenced files failed:", error));
  }
  return store;
}
