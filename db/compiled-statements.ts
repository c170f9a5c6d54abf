// Compiled statements kept per database handle, for the large reads a page makes on every request.
// The tallies' reads spell out, per tally, what changed between the stall clock and now (several
// kilobytes of SQL); compiling one cost SQLite more than running it (2 of 3 ms for a mentor's list
// counts at 300,000 participants). Their text depends only on the shape of the viewer's scope: the
// moments are named parameters (@clock, @now …) and every other value is bound, so the same few texts
// come back and each is compiled once per handle.
import type { Statement } from "better-sqlite3";
import type { SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

const dialect = new SQLiteSyncDialect();

/** More texts than any page makes: a runaway (a value written into the text) empties the cache instead of growing it. */
const MAX_TEXTS = 200;

const compiled = new WeakMap<Db, Map<string, Statement>>();

type Named = Record<string, number | string>;

function statementOf(db: Db, query: SQL): { statement: Statement; params: unknown[] } {
  const { sql: text, params } = dialect.sqlToQuery(query);
  let texts = compiled.get(db);
  if (!texts) compiled.set(db, (texts = new Map()));
  let statement = texts.get(text);
  if (!statement) {
    if (texts.size >= MAX_TEXTS) texts.clear();
    texts.set(text, (statement = db.$client.prepare(text)));
  }
  return { statement, params };
}

/** All rows of `query`, its `?` parameters bound in order and `named` by name (@name in the text). */
export function allCompiled<T>(db: Db, query: SQL, named: Named = {}): T[] {
  const { statement, params } = statementOf(db, query);
  return statement.all(...params, named) as T[];
}

/** The first row of `query`, or undefined (as allCompiled). */
export function getCompiled<T>(db: Db, query: SQL, named: Named = {}): T | undefined {
  const { statement, params } = statementOf(db, query);
  return statement.get(...params, named) as T | undefined;
}
