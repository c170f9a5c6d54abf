// The background import runner: started in the one process that runs the timers (main.ts tells
// each worker whether it does), it claims queued import jobs one at a time and runs each in a worker
// thread (import-thread.ts). The thread has its own heap limit, so a huge file cannot take the
// server's memory, and its own connection, so the server keeps answering while it reads.
import { hostname } from "node:os";
import { Worker } from "node:worker_threads";
import { databasePath, getDb } from "../../db/client";
import { claimImportJob, finishImportJob, requeueOrphanedImports } from "../modules/transfer/import-jobs.server";

const POLL_MS = 500;
/** The thread's heap: room for a 50 MB file's NIK hashes and problems, and a bound on the server's memory. */
const THREAD_HEAP_MB = 256;

export function startImportRunner(): void {
  const db = getDb();
  const claimant = `${hostname()}:${process.pid}`;
  // This is the only runner: a job left running was another (dead) process's, and starts again.
  requeueOrphanedImports(db, claimant);
  let busy = false;
  const poll = () => {
    // While a thread works no claim is tried: its import may hold the write lock for seconds, and a
    // claim waiting on it would stall this process's requests.
    if (busy) return;
    let job: { id: number } | undefined;
    try {
      job = claimImportJob(db, claimant);
    } catch {
      return; // the database is busy: the next poll tries again
    }
    if (!job) return;
    busy = true;
    const { id } = job;
    const thread = new Worker(new URL("./import-thread.mjs", import.meta.url), {
      workerData: { jobId: id, dbPath: databasePath() },
      resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
    });
    thread.once("error", (error) => {
      console.error(`import ${id}: its thread stopped: ${error.name}`, error);
      try {
        finishImportJob(db, id, { failed: true });
      } catch {
        // marked failed by nobody: the next start of the runner queues it again
      }
    });
    thread.once("exit", () => {
      busy = false;
      setImmediate(poll);
    });
  };
  setInterval(poll, POLL_MS).unref();
}
