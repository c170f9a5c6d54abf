// Where the bytes of files live, by their SHA-256: content-addressed, so the same photo attached twice
// is stored once, and a file can never change under its name. Behind a small interface so that
// another store (S3-compatible, docs/decisions) can take the disk's place without touching callers.
//
// The disk store writes every incoming file under tmp/ first and renames it into place only once
// it is complete and accepted (a rename within one file system is atomic): a crash or an aborted
// upload leaves a temp file, never a half-written stored one. Temp files older than an hour are
// swept when the server starts.
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import type { Readable } from "node:stream";

export interface FileStore {
  /** A fresh temp path to write an incoming file to (it is not stored until `commit`). */
  tempPath(): string;
  /** Moves a complete temp file into place under its hash (a no-op but the temp's removal when already stored). */
  commit(tempPath: string, sha256: string): void;
  has(sha256: string): boolean;
  size(sha256: string): number;
  read(sha256: string): Readable;
  /** Removes stored bytes (the caller has checked that no row names them any more). */
  remove(sha256: string): void;
  /** Every stored hash (for the backup's check and copy). */
  list(): string[];
  /** The stored file's path on disk, for the backup's copy. */
  pathOf(sha256: string): string;
  /** Removes temp files older than `olderThanMs`; returns how many. */
  sweepTemp(olderThanMs: number, now?: number): number;
}

const HASH = /^[0-9a-f]{64}$/;

function assertHash(sha256: string): void {
  // The hash becomes a path: anything else (a "../", a slash) must never reach the file system.
  if (!HASH.test(sha256)) throw new Error("not a sha-256 hex digest");
}

export class DiskStore implements FileStore {
  private readonly tmp: string;

  constructor(private readonly dir: string) {
    this.tmp = join(dir, "tmp");
    mkdirSync(this.tmp, { recursive: true });
  }

  tempPath(): string {
    return join(this.tmp, `${randomUUID()}.part`);
  }

  pathOf(sha256: string): string {
    assertHash(sha256);
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  commit(tempPath: string, sha256: string): void {
    const target = this.pathOf(sha256);
    if (existsSync(target)) {
      rmSync(tempPath, { force: true });
      return;
    }
    mkdirSync(join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4)), { recursive: true });
    renameSync(tempPath, target);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  size(sha256: string): number {
    return statSync(this.pathOf(sha256)).size;
  }

  read(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  remove(sha256: string): void {
    rmSync(this.pathOf(sha256), { force: true });
  }

  list(): string[] {
    const hashes: string[] = [];
    for (const a of safeReaddir(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of safeReaddir(join(this.dir, a))) {
        for (const name of safeReaddir(join(this.dir, a, b))) if (HASH.test(name)) hashes.push(name);
      }
    }
    return hashes;
  }

  sweepTemp(olderThanMs: number, now = Date.now()): number {
    let removed = 0;
    for (const name of safeReaddir(this.tmp)) {
      const path = join(this.tmp, name);
      try {
        if (now - statSync(path).mtimeMs > olderThanMs) {
          rmSync(path, { force: true });
          removed++;
        }
      } catch {
        // Taken by a commit meanwhile: nothing to sweep.
      }
    }
    return removed;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

const stores = new Map<string, FileStore>();

/** The store for a directory, made once per process. */
export function fileStore(dir: string): FileStore {
  let store = stores.get(dir);
  if (!store) {
    store = new DiskStore(dir);
    stores.set(dir, store);
  }
  return store;
}

/**
 * Where the store lives: PAS_FILES_DIR, else data/files beside the default database, else
 * "<database>-files" beside a database named by DATABASE_PATH, so that two databases never share a
 * store (a withdrawal in one would remove bytes the other still names). Outside public/: the static
 * handler never serves it.
 */
export function filesDir(): string {
  if (process.env.PAS_FILES_DIR) return resolve(process.env.PAS_FILES_DIR);
  if (process.env.DATABASE_PATH) return resolve(`${process.env.DATABASE_PATH}-files`);
  return resolve("data/files");
}
