// Online backup: `npm run backup [-- <file>]`. VACUUM INTO reads one consistent snapshot inside a
// single read transaction, so the server keeps writing meanwhile (WAL). The copy is then checked:
// integrity_check for the file's structure, foreign_key_check because integrity_check skips it.
import Database from "better-sqlite3";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { databasePath } from "./client";

export type BackupResult = { path: string; integrity: string; foreignKeyProblems: number; bytes: number };

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

export function backupDatabase(source: string, target: string): BackupResult {
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
  const result = backupDatabase(databasePath(), target);
  const ok = result.integrity === "ok" && result.foreignKeyProblems === 0;
  console.log(`Backup written to ${result.path} (${(result.bytes / 1e6).toFixed(1)} MB): integrity_check ${result.integrity}, foreign key problems ${result.foreignKeyProblems}.`);
  if (!ok) process.exit(1);
}
