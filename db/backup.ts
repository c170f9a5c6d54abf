// Online backup: `npm run backup [-- <file>]`. VACUUM INTO reads one consistent snapshot inside a
// single read transaction, so the server keeps writing meanwhile (WAL). The copy is then checked:
// integrity_check for the file's structure, foreign_key_check because integrity_check skips it.
// The attached files go beside it ("<file>-files", the store's own layout): every file the copied
// database names, each checked by its SHA-256. Stored files never change (content-addressed), so
// a file the snapshot names is whole whenever it is copied, and one added after the snapshot is
// simply not named by it.
import Database from "better-sqlite3";
import { copyFileSync, existsSync, linkSync, mkdirSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { databasePath } from "./client";
import { DiskStore, fileStore, type FileStore } from "./file-store";
import { openFileStore } from "./file-store-open";
import { S3Store } from "./file-store-s3";

export type FilesCheck = { referenced: number; bytes: number; missing: string[]; mismatched: string[] };
export type BackupResult = { path: string; integrity: string; foreignKeyProblems: number; bytes: number; files: FilesCheck };

export function checkDatabaseFile(path: string): { integrity: string; foreignKeyProblems: number } {
  const copy = new Database(path, { readonly: true });
  try {
    const integrity = (copy.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
    const foreignKeyProblems = (copy.pragma("foreign_key_check") as unknown[]).length;
    return { integrity, foreignKeyProblems };
  } finally {
    copy.close();
  }
}

/** Every hash the database's live file rows name (files and thumbnails), with the main file's size. */
function referencedHashes(path: string): { sha256: string; size: number | null }[] {
  const db = new Database(path, { readonly: true });
  try {
    const hasFiles = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'files'").get();
    if (!hasFiles) return [];
    const rows = db.prepare("SELECT sha256 AS a, size, thumb_sha256 AS b FROM files WHERE withdrawn_at IS NULL").all() as { a: string; size: number; b: string | null }[];
    const seen = new Map<string, number | null>();
    for (const row of rows) {
      seen.set(row.a, row.size);
      if (row.b && !seen.has(row.b)) seen.set(row.b, null);
    }
    return [...seen].map(([sha256, size]) => ({ sha256, size }));
  } finally {
    db.close();
  }
}

async function sha256Of(store: FileStore, sha256: string): Promise<string | null> {
  const stored = await store.read(sha256);
  if (!stored) return null;
  const hash = createHash("sha256");
  for await (const chunk of stored.body) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * The restore check for files: every file the database names exists in the store with its size (the
 * row's, for a main file) and its hash. Run on a backup (or on a live store before trusting it). With a
 * bucket the hash is checked only when `hashes` is set: it reads every object back over the network.
 */
export async function checkFiles(database: string, storeOrDir: string | FileStore, options: { hashes?: boolean } = {}): Promise<FilesCheck> {
  const store = typeof storeOrDir === "string" ? fileStore(storeOrDir) : storeOrDir;
  const hashes = options.hashes ?? store.kind === "disk";
  const check: FilesCheck = { referenced: 0, bytes: 0, missing: [], mismatched: [] };
  for (const { sha256, size } of referencedHashes(database)) {
    check.referenced++;
    const stored = await store.size(sha256);
    if (stored === null) {
      check.missing.push(sha256);
      continue;
    }
    check.bytes += stored;
    if ((size !== null && stored !== size) || (hashes && (await sha256Of(store, sha256)) !== sha256)) check.mismatched.push(sha256);
  }
  return check;
}

/** The files a database names, copied from its store into the backup's (hard links when the disk allows). */
function copyFiles(database: string, from: DiskStore, toDir: string): void {
  const to = fileStore(toDir);
  for (const { sha256 } of referencedHashes(database)) {
    if (!existsSync(from.pathOf(sha256)) || existsSync(to.pathOf(sha256))) continue;
    const target = to.pathOf(sha256);
    mkdirSync(dirname(target), { recursive: true });
    try {
      // Stored files are never written again: a link is as good as a copy, and costs no space.
      linkSync(from.pathOf(sha256), target);
    } catch {
      copyFileSync(from.pathOf(sha256), target);
    }
  }
}

export type FilesBackup = FilesCheck & {
  /** Where the copies are ("<file>-files"), or null when the store is a bucket (backed up by its own means). */
  copiedTo: string | null;
};

/**
 * The database copy and its files. A disk store's named files are copied beside the copy and checked
 * there. A bucket is not copied (its versioning and replication back it up: README, "Evidence files"):
 * the check then runs against the bucket itself, so the copy is known to name only objects that exist.
 */
export async function backupWithFiles(source: string, target: string, store: string | FileStore = openFileStore()): Promise<BackupResult & { files: FilesBackup }> {
  const from = typeof store === "string" ? fileStore(store) : store;
  const result = backupDatabase(source, target);
  if (!(from instanceof DiskStore)) return { ...result, files: { ...(await checkFiles(target, from)), copiedTo: null } };
  const copiedTo = `${target}-files`;
  copyFiles(target, from, copiedTo);
  return { ...result, files: { ...(await checkFiles(target, copiedTo)), copiedTo } };
}

export function backupDatabase(source: string, target: string): Omit<BackupResult, "files"> {
  if (!existsSync(source)) throw new Error(`No database at ${source} (set DATABASE_PATH)`);
  if (existsSync(target)) throw new Error(`${target} exists already: choose another name`);
  mkdirSync(dirname(target), { recursive: true });
  const db = new Database(source, { readonly: true });
  try {
    db.pragma("busy_timeout = 5000");
    db.prepare("VACUUM INTO ?").run(target);
  } finally {
    db.close();
  }
  return { path: target, ...checkDatabaseFile(target), bytes: statSync(target).size };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const target = resolve(process.argv[2] ?? `data/backups/pas-tracker-${stamp}.sqlite`);
  const result = await backupWithFiles(databasePath(), target);
  const { files } = result;
  const ok = result.integrity === "ok" && result.foreignKeyProblems === 0 && files.missing.length === 0 && files.mismatched.length === 0;
  console.log(`Backup written to ${result.path} (${(result.bytes / 1e6).toFixed(1)} MB): integrity_check ${result.integrity}, foreign key problems ${result.foreignKeyProblems}.`);
  const summary = `${files.referenced} named, ${(files.bytes / 1e6).toFixed(1)} MB, missing ${files.missing.length}, size or hash mismatches ${files.mismatched.length}`;
  if (files.copiedTo) console.log(`Files in ${files.copiedTo}: ${summary}.`);
  else {
    const store = openFileStore();
    const bucket = store instanceof S3Store ? store.bucket : "";
    console.log(`Files in the bucket ${bucket} (checked there, by size; not copied): ${summary}.`);
    console.log(
      `The bucket is backed up by its own means: turn on its versioning and replicate it to a bucket elsewhere (or copy it with the provider's tools, e.g. "aws s3 sync s3://${bucket}/files/ <backup>/files/"). Objects are never overwritten, so a copy taken after this database copy holds every file it names.`,
    );
  }
  if (!ok) process.exit(1);
}
