// Where the bytes of files live, by their SHA-256: content-addressed, so the same photo attached twice
// is stored once, and a file can never change under its name. Behind a small interface that two
// stores implement: the local disk (here) and an S3-compatible bucket (file-store-s3.ts), chosen by
// the environment (file-store-choice.ts). Every operation that moves stored bytes is asynchronous,
// so none may run inside a better-sqlite3 transaction: rows are written first, bytes moved after.
//
// Incoming files are written under a local tmp/ first (both stores: uploads are checked and
// re-encoded on this machine) and put into the store only once complete and accepted: a crash or an
// aborted upload leaves a temp file, never a half-written stored one. Temp files older than an hour
// are swept.
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import type { Readable } from "node:stream";

/** One stored object as listed: its hash, size and when it was stored. */
export type StoredObject = { sha256: string; size: number; storedAt: number };

export interface FileStore {
  /** Which store this is (the backup copies a disk store and only checks a bucket). */
  readonly kind: "disk" | "s3";
  /** A fresh local temp path to write an incoming file to (it is not stored until `commit`). */
  tempPath(): string;
  /** The local directory of temp paths (only files there are ever committed from a pending sign-up). */
  tempDir(): string;
  /** Puts a complete temp file in the store under its hash and removes the temp (a stored hash is never overwritten). */
  commit(tempPath: string, sha256: string): Promise<void>;
  /** The stored size in bytes, or null when nothing is stored under the hash. */
  size(sha256: string): Promise<number | null>;
  has(sha256: string): Promise<boolean>;
  /** The stored bytes as a stream with their size, or null when nothing is stored under the hash. */
  read(sha256: string): Promise<{ body: Readable; size: number } | null>;
  /** Removes stored bytes (the caller has checked that no row names them any more). */
  remove(sha256: string): Promise<void>;
  /** Every stored object (for the backup's check and the sweep of bytes no row names). */
  list(): Promise<StoredObject[]>;
  /** Removes temp files older than `olderThanMs`; returns how many. */
  sweepTemp(olderThanMs: number, now?: number): number;
}

const HASH = /^[0-9a-f]{64}$/;

export function assertHash(sha256: string): void {
  // The hash becomes a path or a key: anything else (a "../", a slash) must never reach the store.
  if (!HASH.test(sha256)) throw new Error("not a sha-256 hex digest");
}

export function isHash(name: string): boolean {
  return HASH.test(name);
}

/** Local temp files of uploads, shared by both stores. */
export class TempArea {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  path(): string {
    return join(this.dir, `${randomUUID()}.part`);
  }

  sweep(olderThanMs: number, now = Date.now()): number {
    let removed = 0;
    for (const name of safeReaddir(this.dir)) {
      const path = join(this.dir, name);
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

export class DiskStore implements FileStore {
  readonly kind = "disk" as const;
  private readonly temp: TempArea;

  constructor(private readonly dir: string) {
    this.temp = new TempArea(join(dir, "tmp"));
  }

  tempPath(): string {
    return this.temp.path();
  }

  tempDir(): string {
    return this.temp.dir;
  }

  /** The stored file's path on disk (disk store only: the backup links it). */
  pathOf(sha256: string): string {
    assertHash(sha256);
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async commit(tempPath: string, sha256: string): Promise<void> {
    const target = this.pathOf(sha256);
    if (existsSync(target)) {
      rmSync(tempPath, { force: true });
      return;
    }
    mkdirSync(join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4)), { recursive: true });
    // A rename within one file system is atomic: the stored name appears whole or not at all.
    renameSync(tempPath, target);
  }

  async size(sha256: string): Promise<number | null> {
    try {
      return statSync(this.pathOf(sha256)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.size(sha256)) !== null;
  }

  async read(sha256: string): Promise<{ body: Readable; size: number } | null> {
    const size = await this.size(sha256);
    return size === null ? null : { body: createReadStream(this.pathOf(sha256)), size };
  }

  async remove(sha256: string): Promise<void> {
    rmSync(this.pathOf(sha256), { force: true });
  }

  async list(): Promise<StoredObject[]> {
    const objects: StoredObject[] = [];
    for (const a of safeReaddir(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of safeReaddir(join(this.dir, a))) {
        for (const name of safeReaddir(join(this.dir, a, b))) {
          if (!HASH.test(name)) continue;
          try {
            const stat = statSync(join(this.dir, a, b, name));
            objects.push({ sha256: name, size: stat.size, storedAt: stat.mtimeMs });
          } catch {
            // Removed meanwhile.
          }
        }
      }
    }
    return objects;
  }

  sweepTemp(olderThanMs: number, now = Date.now()): number {
    return this.temp.sweep(olderThanMs, now);
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

const stores = new Map<string, DiskStore>();

/** The disk store for a directory, made once per process. */
export function fileStore(dir: string): DiskStore {
  let store = stores.get(dir);
  if (!store) {
    store = new DiskStore(dir);
    stores.set(dir, store);
  }
  return store;
}

/**
 * Where the disk store lives (and, with a bucket, where uploads' temp files go): PAS_FILES_DIR, else
 * data/files beside the default database, else "<database>-files" beside a database named by
 * DATABASE_PATH, so that two databases never share a store (a withdrawal in one would remove bytes
 * the other still names). Outside public/: the static handler never serves it.
 */
export function filesDir(): string {
  if (process.env.PAS_FILES_DIR) return resolve(process.env.PAS_FILES_DIR);
  if (process.env.DATABASE_PATH) return resolve(`${process.env.DATABASE_PATH}-files`);
  return resolve("data/files");
}
