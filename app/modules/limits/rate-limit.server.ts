// Rate limits, counted in the database so that every server process counts against the same limit
// (the server runs one process per core, decision 0009). A fixed window per key: the first hit opens
// it, each hit adds one in a single UPSERT (atomic across processes), and a hit past the limit is
// refused with the seconds until the window closes (sent as Retry-After).
import { data } from "@remix-run/node";
import type { Db } from "../../../db/client";
import { DAY_MS } from "../../../machines/time";
import { limitRule, type LimitName } from "./rules";

export type LimitOutcome = { ok: true } | { ok: false; retryAfterSeconds: number };

const statements = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  const sqlite = db.$client;
  return {
    // A window older than its length starts again at this hit; otherwise the hit is added to it.
    hit: sqlite.prepare<[{ key: string; now: number; windowMs: number }], { windowStart: number; count: number }>(
      `INSERT INTO rate_limits (key, window_start, count) VALUES (@key, @now, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN window_start <= @now - @windowMs THEN 1 ELSE count + 1 END,
         window_start = CASE WHEN window_start <= @now - @windowMs THEN @now ELSE window_start END
       RETURNING window_start AS windowStart, count`,
    ),
    undo: sqlite.prepare<[string]>("UPDATE rate_limits SET count = count - 1 WHERE key = ? AND count > 0"),
    prune: sqlite.prepare<[number]>("DELETE FROM rate_limits WHERE window_start < ?"),
  };
}

function statementsOf(db: Db) {
  let found = statements.get(db);
  if (!found) statements.set(db, (found = prepare(db)));
  return found;
}

/** Counts one hit on `name` for `subject` (an address, an email …) and says whether it is within the limit. */
export function hit(db: Db, name: LimitName, subject: string, now = Date.now()): LimitOutcome {
  const rule = limitRule(name);
  const key = `${name}:${subject}`;
  const { hit: upsert, prune } = statementsOf(db);
  const row = upsert.get({ key, now, windowMs: rule.windowMs })!;
  // A new window: keys of addresses long gone are forgotten (no window is longer than a day).
  if (row.count === 1 && row.windowStart === now) prune.run(now - DAY_MS);
  if (row.count <= rule.limit) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((row.windowStart + rule.windowMs - now) / 1000)) };
}

/** Takes back a hit that turned out not to count (a successful sign-in is not a failure). */
export function unhit(db: Db, name: LimitName, subject: string): void {
  statementsOf(db).undo.run(`${name}:${subject}`);
}

/** Counts one hit on each limit in turn; the first refusal wins (later ones are not counted). */
export function hitAll(db: Db, hits: readonly (readonly [LimitName, string])[], now = Date.now()): LimitOutcome {
  for (const [name, subject] of hits) {
    const outcome = hit(db, name, subject, now);
    if (!outcome.ok) return outcome;
  }
  return { ok: true };
}

/**
 * The network address the request came from, as the server saw it (app/server passes it in the load
 * context; behind a proxy, PAS_TRUST_PROXY says whose X-Forwarded-For to believe). "unknown" when
 * called outside the server (one shared bucket rather than none).
 */
export function clientAddress(context: unknown): string {
  const address = (context as { clientAddress?: unknown } | undefined)?.clientAddress;
  return typeof address === "string" && address !== "" ? address : "unknown";
}

/** The 429 answer of an action: its page data (the form shows the message) and Retry-After. */
export function tooManyRequests<T>(body: T, retryAfterSeconds: number) {
  return data(body, { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } });
}

/** The limit every form posted without a session counts against (per address). */
export function limitAnonymousPost(db: Db, context: unknown, now = Date.now()): LimitOutcome {
  return hit(db, "ANONYMOUS_POSTS_PER_ADDRESS", clientAddress(context), now);
}

/**
 * For a route's `headers` export: a page's answer carries only the headers that export returns, so a
 * refused action's Retry-After is passed on from here.
 */
export function retryAfterHeaders({ actionHeaders }: { actionHeaders: Headers }): Headers {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
}
