// "The same work done by the raw SQL alone": run one of our functions once while recording every
// statement it sends to SQLite (text, parameters, raw mode, method), then replay exactly those
// statements, prepared once, straight through better-sqlite3. The ratio of the two timings is what
// our code adds on top of SQLite: drizzle's query building and row mapping, our own logic.
// Only for reads: replaying a write would not be the same work.
import type Database from "better-sqlite3";

type Call = { sql: string; method: "all" | "get" | "run" | "iterate"; raw: boolean; params: unknown[] };

export function recordStatements(client: Database.Database, fn: () => unknown): Call[] {
  const calls: Call[] = [];
  const originalPrepare = client.prepare.bind(client);
  (client as { prepare: unknown }).prepare = (source: string) => {
    const statement = originalPrepare(source);
    let raw = false;
    return new Proxy(statement, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property === "raw") {
          return (toggle = true) => {
            raw = toggle;
            target.raw(toggle);
            return receiver;
          };
        }
        if (property === "all" || property === "get" || property === "run" || property === "iterate") {
          return (...params: unknown[]) => {
            calls.push({ sql: source, method: property, raw, params });
            return (value as (...args: unknown[]) => unknown).apply(target, params);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  };
  try {
    fn();
  } finally {
    (client as { prepare: unknown }).prepare = originalPrepare;
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

