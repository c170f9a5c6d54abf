// One background import, in a worker thread of the runner process (import-runner.ts), on its own
// database connection: the server's event loop never waits on it. The file is read from disk a
// chunk at a time. A real import first checks the whole file (with progress, nothing written), then
// imports it in one transaction; a file with a problem is reported and nothing of it is written.
import { closeSync, openSync, readSync, rmSync } from "node:fs";
import { workerData } from "node:worker_threads";
import { eq } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { users } from "../../db/schema";
import { finishImportJob, importJobFile, recordImportProgress } from "../modules/transfer/import-jobs.server";
import { importRegistrations } from "../modules/transfer/import.server";

const CHUNK_BYTES = 1024 * 1024;
const PROGRESS_EVERY_MS = 250;

const { jobId, dbPath } = workerData as { jobId: number; dbPath: string };
const db = openDatabase(dbPath);
const job = importJobFile(db, jobId);

/** The file as text, chunk by chunk (UTF-8 split across chunks decoded whole; a leading BOM dropped). */
function* chunks(path: string, onBytes?: (bytes: number) => void): Generator<string> {
  const fd = openSync(path, "r");
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const decoder = new TextDecoder("utf-8");
  let total = 0;
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      total += read;
      onBytes?.(total);
      yield decoder.decode(buffer.subarray(0, read), { stream: true });
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  } finally {
    closeSync(fd);
  }
}

if (job) {
  try {
    const user = db.select({ cityId: users.cityId }).from(users).where(eq(users.id, job.userId)).get();
    const importer = { id: job.userId, cityId: user?.cityId ?? null };
    let last = 0;
    const progress = (bytes: number) => {
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      recordImportProgress(db, jobId, bytes, now);
    };
    const input = { fileName: job.fileName, agencyId: job.agencyId };
    let outcome = importRegistrations(db, importer, { ...input, dryRun: true, read: () => chunks(job.filePath, progress) });
    recordImportProgress(db, jobId, job.fileBytes);
    if (!job.dryRun && outcome.report.problemCount === 0) {
      outcome = importRegistrations(db, importer, { ...input, dryRun: false, read: () => chunks(job.filePath) });
    }
    finishImportJob(db, jobId, { report: { ...outcome.report, dryRun: job.dryRun }, problems: outcome.allProblems });
  } catch (error) {
    // The error's name only: its message may quote a row of the file (personal data).
    console.error(`import ${jobId} failed: ${(error as Error)?.name ?? "error"}`);
    finishImportJob(db, jobId, { failed: true });
  } finally {
    rmSync(job.filePath, { force: true });
    db.$client.close();
  }
}
