// Loading many rows into tables that already have indexes.
import type { Db } from "./client";

/**
 * Runs `load` with the non-unique indexes of `tables` dropped, then builds each once: much faster
 * than keeping a dozen indexes in step with every insert of a large load. The indexes are recreated
 * from the very SQL stored in sqlite_master, so the schema ends as it began; unique indexes stay,
 * so they keep refusing duplicates during the load. Run it inside the caller's transaction: if
 * anything fails, the drops roll back with the rows. The triggers that keep derived state read
 * participants by id only, so none needs a dropped index meanwhile.
 */
export function withSecondaryIndexesDropped<T>(db: Db, tables: readonly string[], load: () => T): T {
  const sqlite = db.$client;
  const indexes = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN (${tables.map(() => "?").join(", ")})`,
    )
    .all(...tables) as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
  const result = load();
  for (const index of indexes) sqlite.exec(index.sql);
  return result;
}
