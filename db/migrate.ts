// Applies the committed drizzle-kit migrations, then the triggers generated from the stall rule
// (app/modules/journey/stall-sql.server.ts). Runs before the server listens and in every test database.
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import type { Db } from "./client";
import { installDerivedSql } from "../app/modules/journey/stall-sql.server";

export const MIGRATIONS_FOLDER = join(dirname(fileURLToPath(import.meta.url)), "migrations");

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  installDerivedSql(db);
}
