// The journey rules in force, and the machine built from them.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { journeyRules } from "../../../db/schema";
import { createJourneyMachine, type JourneyMachine } from "../../../machines/journey";
import { DEFAULT_JOURNEY_RULES, parseJourneyRules, type JourneyRules } from "../../../machines/journey.rules";

export type RulesInForce = { version: number; rules: JourneyRules; machine: JourneyMachine };

// Rules versions are immutable rows: a machine built for the same rules can be cached for good.
const machines = new Map<string, RulesInForce>();

function build(version: number, raw: unknown): RulesInForce {
  const key = `${version}:${JSON.stringify(raw)}`;
  let entry = machines.get(key);
  if (!entry) {
    const rules = parseJourneyRules(raw);
    entry = { version, rules, machine: createJourneyMachine(rules) };
    machines.set(key, entry);
  }
  return entry;
}

/** The newest rules version; the defaults are written as version 1 on first use. */
export function currentRules(db: Db): RulesInForce {
  let row = db.select().from(journeyRules).orderBy(desc(journeyRules.version)).limit(1).get();
  if (!row) {
    db.insert(journeyRules)
      .values({ version: 1, rules: DEFAULT_JOURNEY_RULES, createdAt: Date.now() })
      .onConflictDoNothing()
      .run();
    row = db.select().from(journeyRules).orderBy(desc(journeyRules.version)).limit(1).get()!;
  }
  return build(row.version, row.rules);
}

/** The rules of one version (replaying a log applies each event under the rules it was made with). */
export function rulesVersion(db: Db, version: number): RulesInForce {
  const row = db.select().from(journeyRules).where(eq(journeyRules.version, version)).get();
  if (!row) throw new Error(`journey rules version ${version} not found`);
  return build(row.version, row.rules);
}

/** Stores a new rules version; it is in force for every move from now on. */
export function saveRules(db: Db, rules: JourneyRules, actorUserId: number | null, at = Date.now()): number {
  const parsed = parseJourneyRules(rules);
  const version = currentRules(db).version + 1;
  db.insert(journeyRules).values({ version, rules: parsed, createdBy: actorUserId, createdAt: at }).run();
  return version;
}
