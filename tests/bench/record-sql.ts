// "The same work done by the raw SQL alone": run one of our functions once while recording every
// statement it sends to SQLite (text, parameters, raw mode, method), then replay exactly those
// statements, prepared once, straight through better-sqlite3. The ratio of the two timings is what
// our code adds on top of SQLite: drizzle's query building and row mapping, our own logic.
// Only for reads: replaying a write would not be the same work.
import type Database from "better-sqlite3";

type Call = { sql: string; method: "all" | "get" | "run" | "iterate"; raw: boolean; params: unknown[] };

export function recordStatements(client: Database.Database, fn: () => unknown): Call[] {
  const calls: Call[] = [];
  // Every execution is recorded at the statement's prototype, not at prepare(): the app keeps some
  // statements compiled per handle (dashboard/statements.server.ts, the Hari ini count, sessions), and
  // a warm handle runs them without preparing them again.
  const prototype = Object.getPrototypeOf(client.prepare("SELECT 1")) as Record<string, (...args: unknown[]) => unknown>;
  const originals = Object.fromEntries(["raw", "all", "get", "run", "iterate"].map((name) => [name, prototype[name]!]));
  const rawOf = new WeakMap<object, boolean>();
  prototype.raw = function (this: object, toggle = true) {
    rawOf.set(this, toggle as boolean);
    return originals.raw!.call(this, toggle);
  };
  for (const method of ["all", "get", "run", "iterate"] as const) {
    prototype[method] = function (this: { source: string; database: unknown }, ...params: unknown[]) {
      if (this.database === client) calls.push({ sql: this.source, method, raw: rawOf.get(this) ?? false, params });
      return originals[method]!.apply(this, params);
    };
  }
  try {
    fn();
  } finally {
    Object.assign(prototype, originals);
  }
  if (calls.some((c) => c.method === "run")) throw new Error("recordStatements is for reads: a write was recorded");
  return calls;
}

/** A function that runs the recorded statements, prepared once, with better-sqlite3 alone. */
export function rawReplay(client: Database.Database, calls: readonly Call[]): () => number {
  const prepared = calls.map((call) => {
    const statement = client.prepare(call.sql);
    if (statement.reader) statement.raw(call.raw);
    return { statement, call };
  });
  return () => {
    let rows = 0;
    for (const { statement, call } of prepared) {
      if (call.method === "iterate") {
        for (const _ of statement.iterate(...call.params)) rows++;
      } else if (call.method === "all") {
        rows += (statement.all(...call.params) as unknown[]).length;
      } else {
        statement.get(...call.params);
        rows++;
      }
    }
    return rows;
  };
}

