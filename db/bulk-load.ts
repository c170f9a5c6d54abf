// Loading many rows into tables that already have indexes.
import type { Db } from "./client";

/**
 * Drops the non-unique indexes of `tables` and returns what builds them again: after a large load,
 * building each once is much faster than keeping a dozen indexes in step with every insert. They
 * are recreated from the very SQL stored in sqlite_master, so the schema ends as it began; unique
 * indexes stay, so they keep refusing duplicates during the load. Call both inside the caller's
 * transaction: if anything fails, the drops roll back with the rows. The triggers that keep derived
 * state read participants by id only, so none needs a dropped index meanwhile.
 */
export function dropSecondaryIndexes(db: Db, tables: readonly string[]): () => void {
  const sqlite = db.$client;
  const indexes = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN (${tables.map(() => "?").join(", ")})`,
    )
    .all(...tables) as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
  return () => {
    for (const index of indexes) sqlite.exec(index.sql);
  };
}
