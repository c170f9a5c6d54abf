// The process's file store, from the settings (config.server.ts). Temp files of uploads that never
// finished (a crash, a closed connection) are swept once, when the store is first opened.
import { HOUR_MS } from "../../../machines/time";
import { filesConfig } from "./config.server";
import { fileStore, type FileStore } from "../../../db/file-store";

const swept = new Set<string>();

export function getFileStore(): FileStore {
  const { dir } = filesConfig();
  const store = fileStore(dir);
  if (!swept.has(dir)) {
    swept.add(dir);
    // An hour: longer than any upload takes, so a file still arriving in another worker is left alone.
    store.sweepTemp(HOUR_MS);
  }
  return store;
}
