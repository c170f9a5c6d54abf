// The journey rules in force, and the machine built from them.
import { eq, max } from "drizzle-orm";
import { perDatabase, type Db } from "../../../db/client";
import { journeyRules } from "../../../db/schema";
import { createJourneyMachine, type JourneyMachine } from "../../../machines/journey";
import { DEFAULT_JOURNEY_RULES, parseJourneyRules, type JourneyRules } from "../../../machines/journey.rules";

export type RulesInForce = { version: number; rules: JourneyRules; machine: JourneyMachine };

// Rules versions are immutable rows: the machine built for a database's version is cached for good,
// so a move reads only the newest version number (a statement prepared once per database handle).
const machinesOf = perDatabase(() => new Map<number, RulesInForce>());
const newestVersion = perDatabase((db) => db.select({ version: max(journeyRules.version) }).from(journeyRules).prepare());

function cached(db: Db, version: number, read: () => unknown): RulesInForce {
  const byVersion = machinesOf(db);
  let entry = byVersion.get(version);
  if (!entry) {
    const rules = parseJourneyRules(read());
    entry = { version, rules, machine: createJourneyMachine(rules) };
    byVersion.set(version, entry);
  }
  return entry;
}

const readRules = (db: Db, version: number) => () => db.select().from(journeyRules).where(eq(journeyRules.version, version)).get()?.rules;

/** The newest rules version; the defaults are written as version 1 on first use. */
export function currentRules(db: Db): RulesInForce {
  let newest = newestVersion(db).get()?.version;
  if (newest == null) {
    db.insert(journeyRules)
      .values({ version: 1, rules: DEFAULT_JOURNEY_RULES, createdAt: Date.now() })
      .onConflictDoNothing()
      .run();
    newest = 1;
  }
  return cached(db, newest, readRules(db, newest));
}

/** The rules of one version (replaying a log applies each event under the rules it was made with). */
export function rulesVersion(db: Db, version: number): RulesInForce {
  return cached(db, version, () => {
    const rules = readRules(db, version)();
    if (rules === undefined) throw new Error(`journey rules version ${version} not found`);
    return rules;
  });
}

/** Stores a new rules version; it is in force for every move from now on. */
export function saveRules(db: Db, rules: JourneyRules, actorUserId: number | null, at = Date.now()): number {
  const parsed = parseJourneyRules(rules);
  const version = currentRules(db).version + 1;
  db.insert(journeyRules).values({ version, rules: parsed, createdBy: actorUserId, createdAt: at }).run();
  return version;
}
