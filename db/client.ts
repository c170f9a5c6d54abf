// Opening the database: one handle per process, with the pragmas every connection needs.
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The embedded default: a file under data/. Override with DATABASE_PATH. */
export function databasePath(): string {
  return resolve(process.env.DATABASE_PATH ?? "data/pas-tracker.sqlite");
}

export function openDatabase(path: string = databasePath()): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // WAL: readers never block the writer. synchronous=FULL: a move acknowledged to a user survives
  // power loss, not only a process crash (see docs/decisions/0002-durability.md).
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return drizzle(sqlite, { schema }) as Db;
}

// Kept on globalThis so that dev-server reloads reuse the handle instead of opening another.
const globalForDb = globalThis as unknown as { __pasDb?: Db };

/** The process's one database handle. */
export function getDb(): Db {
  globalForDb.__pasDb ??= openDatabase();
  return globalForDb.__pasDb;
}

/** Closes the process's handle, if it opened one (the last connection to close checkpoints the WAL). */
export function closeDb(): void {
  globalForDb.__pasDb?.$client.close();
  globalForDb.__pasDb = undefined;
}

/**
 * A value built once per database handle and dropped with it: prepared statements (bound to their
 * connection) and caches of what a database holds (tests open many databases in one process).
 */
export function perDatabase<T>(build: (db: Db) => T): (db: Db) => T {
  const values = new WeakMap<Db, T>();
  return (db) => {
    let value = values.get(db);
    if (value === undefined) values.set(db, (value = build(db)));
    return value;
  };
}
