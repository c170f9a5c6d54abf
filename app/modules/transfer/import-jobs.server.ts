// Large registration imports run in the background: the page stores the upload on disk and queues a
// job; the server's one runner process (app/server/import-runner.ts, beside the timers) claims it
// with one atomic UPDATE, so exactly one process works on it even when several serve, and checks or
// imports the file in a worker thread with its own database connection. No request waits on it and
// the upload is never held in memory: the thread reads the file from disk a chunk at a time.
import { and, desc, eq, sql } from "drizzle-orm";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Db } from "../../../db/client";
import { databasePath } from "../../../db/client";
import { importJobs } from "../../../db/schema";
import type { ImportProblem, ImportReport } from "./import-format";

/** Files up to this size are checked or imported within the request (about 2,000 rows: tens of ms). */
export const INLINE_IMPORT_BYTES = 256 * 1024;

/** How many problems a job keeps for its downloadable list (the report counts them all). */
export const JOB_PROBLEMS_KEPT = 10_000;

/** Where uploads wait for their job: beside the database, never under the web root. */
export function importUploadDir(): string {
  const dir = process.env.PAS_IMPORT_DIR ?? join(dirname(databasePath()), "imports");
  mkdirSync(dir, { recursive: true });
  return dir;
}

export type QueuedImport = { userId: number; agencyId: number; fileName: string; filePath: string; fileBytes: number; dryRun: boolean };

export function queueImport(db: Db, job: QueuedImport, at = Date.now()): number {
  return db
    .insert(importJobs)
    .values({ ...job, status: "queued", createdAt: at })
    .returning({ id: importJobs.id })
    .get().id;
}

export type ImportJobView = {
  id: number;
  fileName: string;
  dryRun: boolean;
  status: "queued" | "running" | "done" | "failed";
  /** 0–100: the share of the file checked so far. */
  percent: number;
  report: ImportReport | null;
  createdAt: number;
};

/** One of the user's own jobs (another's is not found), as the page shows it. */
export function importJobOf(db: Db, userId: number, id: number): (ImportJobView & { problems: ImportProblem[] }) | undefined {
  const row = db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, id), eq(importJobs.userId, userId)))
    .get();
  if (!row) return undefined;
  return {
    id: row.id,
    fileName: row.fileName,
    dryRun: row.dryRun,
    status: row.status,
    percent: row.fileBytes ? Math.min(100, Math.floor((row.bytesRead / row.fileBytes) * 100)) : 100,
    report: (row.report as ImportReport | null) ?? null,
    problems: (row.problems as ImportProblem[] | null) ?? [],
    createdAt: row.createdAt,
  };
}

/** The user's latest job, if it is still waiting or running (the page shows its progress). */
export function unfinishedImportOf(db: Db, userId: number): number | undefined {
  return db
    .select({ id: importJobs.id })
    .from(importJobs)
    .where(and(eq(importJobs.userId, userId), sql`${importJobs.status} IN ('queued', 'running')`))
    .orderBy(desc(importJobs.id))
    .limit(1)
    .get()?.id;
}

/**
 * Takes the oldest queued job for `claimant`, or none. One statement: two processes asking at once
 * cannot both get it (SQLite runs it under its write lock).
 */
export function claimImportJob(db: Db, claimant: string, at = Date.now()): { id: number } | undefined {
  return db.$client
    .prepare(
      `UPDATE import_jobs SET status = 'running', claimed_by = ?, heartbeat_at = ?
        WHERE id = (SELECT id FROM import_jobs WHERE status = 'queued' ORDER BY id LIMIT 1) AND status = 'queued'
        RETURNING id`,
    )
    .get(claimant, at) as { id: number } | undefined;
}

/** Jobs left running by a runner that is gone (the process died): queued again, from the start. */
export function requeueOrphanedImports(db: Db, liveClaimant: string): number {
  return db.$client
    .prepare(`UPDATE import_jobs SET status = 'queued', claimed_by = NULL, bytes_read = 0 WHERE status = 'running' AND claimed_by IS NOT ?`)
    .run(liveClaimant).changes;
}

export function recordImportProgress(db: Db, id: number, bytesRead: number, at = Date.now()): void {
  db.update(importJobs).set({ bytesRead, heartbeatAt: at }).where(eq(importJobs.id, id)).run();
}

export function finishImportJob(db: Db, id: number, outcome: { report: ImportReport; problems: ImportProblem[] } | { failed: true }, at = Date.now()): void {
  const set =
    "failed" in outcome
      ? { status: "failed" as const, finishedAt: at }
      : { status: "done" as const, report: outcome.report, problems: outcome.problems.slice(0, JOB_PROBLEMS_KEPT), finishedAt: at };
  db.update(importJobs).set(set).where(eq(importJobs.id, id)).run();
}

export function importJobFile(db: Db, id: number) {
  return db.select().from(importJobs).where(eq(importJobs.id, id)).get();
}
