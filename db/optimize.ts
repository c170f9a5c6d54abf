// Keeping SQLite's statistics current (https://sqlite.org/pragma.html#pragma_optimize): the planner
// picks indexes by them, and a database that never saw ANALYZE can plan a query thousands of times
// slower. Bulk writers run ANALYZE themselves; the server runs this on start and every few hours.
import type { Db } from "./client";

/** Rows ANALYZE samples per index: enough for the planner, bounded on a large database. */
const ANALYSIS_LIMIT = 1000;

/**
 * `first`: on opening, check every table (0x10000) and analyze those whose statistics are missing
 * or stale (0x02); afterwards the plain form, which looks at the tables this connection queried.
 */
export function optimizeDatabase(db: Db, options: { first: boolean }): void {
  const sqlite = db.$client;
  sqlite.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
  sqlite.pragma(options.first ? "optimize = 0x10002" : "optimize");
}

/** ANALYZE after a bulk load, sampling as optimize does (bounded time on a large database). */
export function analyzeDatabase(db: Db): void {
  db.$client.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
  db.$client.exec("ANALYZE");
}
