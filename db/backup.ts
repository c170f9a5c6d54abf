// Online backup: `npm run backup [-- <file>]`. VACUUM INTO reads one consistent snapshot inside a
// single read transaction, so the server keeps writing meanwhile (WAL). The copy is then checked:
// integrity_check for the file's structure, foreign_key_check because integrity_check skips it.
// The attached files go beside it ("<file>-files", the store's own layout): every file the copied
// database names, each checked by its SHA-256. Stored files never change (content-addressed), so
// a file the snapshot names is whole whenever it is copied, and one added after the snapshot is
// simply not named by it.
import Database from "better-sqlite3";
import { copyFileSync, createReadStream, existsSync, linkSync, mkdirSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { databasePath } from "./client";
import { filesDir, fileStore } from "./file-store";

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

/** Every hash the database's live file rows name (files and thumbnails). */
function referencedHashes(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    const hasFiles = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'files'").get();
    if (!hasFiles) return [];
    const rows = db.prepare("SELECT sha256 AS a, thumb_sha256 AS b FROM files WHERE withdrawn_at IS NULL").all() as { a: string; b: string | null }[];
    return [...new Set(rows.flatMap((row) => (row.b ? [row.a, row.b] : [row.a])))];
  } finally {
    db.close();
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * The restore check for files: every file the database names exists in the store beside it, with
 * its hash. Run on a backup (or on a live store before trusting it).
 */
export async function checkFiles(database: string, storeDir: string): Promise<FilesCheck> {
  const store = fileStore(storeDir);
  const check: FilesCheck = { referenced: 0, bytes: 0, missing: [], mismatched: [] };
  for (const hash of referencedHashes(database)) {
    check.referenced++;
    if (!store.has(hash)) {
      check.missing.push(hash);
      continue;
    }
    check.bytes += store.size(hash);
    if ((await sha256Of(store.pathOf(hash))) !== hash) check.mismatched.push(hash);
  }
  return check;
}

/** The files a database names, copied from its store into the backup's (hard links when the disk allows). */
function copyFiles(database: string, fromDir: string, toDir: string): void {
  const from = fileStore(fromDir);
  const to = fileStore(toDir);
  for (const hash of referencedHashes(database)) {
    if (!from.has(hash) || to.has(hash)) continue;
    const target = to.pathOf(hash);
    mkdirSync(dirname(target), { recursive: true });
    try {
      // Stored files are never written again: a link is as good as a copy, and costs no space.
      linkSync(from.pathOf(hash), target);
    } catch {
      copyFileSync(from.pathOf(hash), target);
    }
  }
}

export async function backupWithFiles(source: string, target: string, storeDir = filesDir()): Promise<BackupResult> {
  const result = backupDatabase(source, target);
  copyFiles(target, storeDir, `${target}-files`);
  return { ...result, files: await checkFiles(target, `${target}-files`) };
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
  console.log(`Files in ${result.path}-files: ${files.referenced} named, ${(files.bytes / 1e6).toFixed(1)} MB, missing ${files.missing.length}, hash mismatches ${files.mismatched.length}.`);
  if (!ok) process.exit(1);
}
