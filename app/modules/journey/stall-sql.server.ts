// The SQL that keeps the stall rule's derived state in the database, generated from stalled.ts.
//
// What is kept, and by which generated trigger (every writer keeps it right without knowing about
// it: moves, registration, import, the seed, the generator, a hand-run fix):
//   participants.stalled_since, dormant_since   the onsets of stalled.ts (stallOnset, dormancyOnset)
//   district_tallies, cohort_tallies, mentor_tallies
//                                               how many people stand where, as of stall_clock.at
//                                               (TALLIES below says what each column counts)
//   stall_weeks                                 stall episodes ended by something recorded
// The triggers are installed by installDerivedSql (db/migrate.ts runs it after the migrations), so a
// change of the rule here reaches every database at its next start; a test holds the database's
// triggers equal to derivedTriggers().
//
// Only SQLite's trigger dialect is here; the rest of the app reads the kept columns with plain SQL.
import type { Db } from "../../../db/client";
import { STAGES, stageNumber } from "../../../machines/stages";
import { DAY_MS, JAKARTA_OFFSET_MS } from "../../../machines/time";
import {
  DEFAULT_STALL_SETTINGS,
  NEW_STALL_DAYS,
  STALL_SETTING_KEYS,
  openStates,
} from "./stalled";

/** Every generated trigger's name starts with this, so an install can find and replace them all. */
export const DERIVED_PREFIX = "derived_";

const NEVER = "9007199254740991";
const CLOCK = "(SELECT at FROM stall_clock WHERE id = 1)";
// In a trigger, the clock is read once per statement by joining its one row (a scalar subquery is
// read again at every mention, and the counts mention it dozens of times).
const CLOCK_ROW = "stall_clock clk WHERE clk.id = 1";
const AT_CLOCK = "clk.at";
const NEW_MS = NEW_STALL_DAYS * DAY_MS;

const setting = (key: keyof typeof STALL_SETTING_KEYS) =>
  `coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = '${STALL_SETTING_KEYS[key]}'), ${DEFAULT_STALL_SETTINGS[key]})`;
const stageLimit = (stage: string) =>
  `coalesce((SELECT time_limit_days FROM stage_settings WHERE stage = '${stage}'), ${DEFAULT_STALL_SETTINGS.stageLimitDays})`;
const isOpen = (r: string, n: number) => `${r}.p${n}_state = '${openStates(STAGES[n - 1]!)}'`;

/** stallOnset (stalled.ts) over the row `r`. */
export function onsetSql(r: string): string {
  const stages = STAGES.map((stage) => {
    const n = stageNumber(stage);
    return `CASE WHEN ${isOpen(r, n)} AND ${r}.p${n}_entered_at IS NOT NULL THEN ${r}.p${n}_entered_at + ${stageLimit(stage)} * ${DAY_MS} ELSE ${NEVER} END`;
  });
  return `CASE WHEN ${r}.status = 'active' THEN min(${r}.last_activity_at + ${setting("inactivityDays")} * ${DAY_MS},\n      ${stages.join(",\n      ")}) END`;
}

/** dormancyOnset (stalled.ts) over the row `r`. */
export function dormancySql(r: string): string {
  return `CASE WHEN ${r}.status = 'active' THEN ${r}.last_activity_at + ${setting("dormantDays")} * ${DAY_MS} END`;
}

/** weekOf (stalled.ts) of the moment `at`. */
export function weekSql(at: string): string {
  return `((${at} + ${JAKARTA_OFFSET_MS}) / ${DAY_MS} + 3) / 7`;
}

// ─── How a participant counts at a moment ────────────────────────────────────
// Each is 0 or 1 for the row `r` read at the moment `c` (the tallies' clock, or a reader's now).
const dormantAt = (r: string, c: string) => `coalesce(${r}.status = 'active' AND ${r}.dormant_since < ${c}, 0)`;
const activeAt = (r: string, c: string) => `(${r}.status = 'active' AND NOT ${dormantAt(r, c)})`;
const stalledAt = (r: string, c: string) => `coalesce(${activeAt(r, c)} AND ${r}.stalled_since < ${c}, 0)`;
const newAt = (r: string, c: string) => `(${stalledAt(r, c)} AND ${r}.stalled_since >= ${c} - ${NEW_MS})`;
/** The status, with "dormant" for those dormant at `c`. */
const phaseAt = (r: string, c: string) => `CASE WHEN ${dormantAt(r, c)} THEN 'dormant' ELSE ${r}.status END`;

type Expr = (r: string, c: string) => string;
type Tally = {
  table: string;
  /** The row's key: column and the expression placing a participant in it. */
  key: [string, Expr][];
  /** Participants counted at all (no row for those without a cohort or a mentor). */
  where?: (r: string) => string;
  counts: [string, Expr][];
};

const reached: [string, Expr][] = [1, 2, 3, 4, 5, 6, 7].map((n) => [`reached_p${n}`, (r) => `(${r}.furthest_stage >= ${n})`]);
const placed: [string, Expr][] = [
  ["district_id", (r) => `${r}.district_id`],
  ["agency_id", (r) => `${r}.agency_id`],
];
const placedCounts: [string, Expr][] = [
  ["people", () => "1"],
  ["active", activeAt],
  ...reached,
  ["stalled", stalledAt],
  ["stalled_new", newAt],
  ["dormant", dormantAt],
];

/** The people tallies (db/schema.ts), each column with what it counts. */
export const TALLIES: Tally[] = [
  {
    table: "district_tallies",
    key: [...placed, ["status", phaseAt]],
    counts: [
      ["people", () => "1"],
      ...reached,
      ["stalled", stalledAt],
      ...[1, 2, 3, 4, 5, 6, 7].map((n): [string, Expr] => [`stalled_p${n}`, (r, c) => `(${stalledAt(r, c)} AND ${isOpen(r, n)})`]),
      ["stalled_new", newAt],
      ...[1, 2, 3, 4, 5, 6, 7].map((n): [string, Expr] => [`stalled_new_p${n}`, (r, c) => `(${newAt(r, c)} AND ${isOpen(r, n)})`]),
    ],
  },
  { table: "cohort_tallies", key: [["cohort_id", (r) => `${r}.cohort_id`], ...placed], where: (r) => `${r}.cohort_id IS NOT NULL`, counts: placedCounts },
  { table: "mentor_tallies", key: [["mentor_id", (r) => `${r}.mentor_id`], ...placed], where: (r) => `${r}.mentor_id IS NOT NULL`, counts: placedCounts },
];

const keyColumns = (t: Tally) => t.key.map(([column]) => column);
const upsert = (t: Tally) =>
  `ON CONFLICT (${keyColumns(t).join(", ")}) DO UPDATE SET ${t.counts.map(([column]) => `${column} = ${column} + excluded.${column}`).join(", ")}`;

/** Adds (sign 1) or takes away (-1) the one participant `r` (NEW or OLD in a trigger) as of the clock. */
function addRow(t: Tally, r: string, sign: 1 | -1): string {
  const minus = sign < 0 ? "-" : "";
  return `INSERT INTO ${t.table} (${[...keyColumns(t), ...t.counts.map(([c]) => c)].join(", ")})
  SELECT ${[...t.key.map(([, e]) => e(r, AT_CLOCK)), ...t.counts.map(([, e]) => `${minus}(${e(r, AT_CLOCK)})`)].join(", ")}
  FROM ${CLOCK_ROW} AND ${t.where?.(r) ?? "1"}
  ${upsert(t)};`;
}

/**
 * One SELECT of key columns and counts: the participants of `from` (a FROM clause naming them
 * `participants`, with its WHERE) counted at `c`, times `sign`, grouped by the tally's key.
 */
function tallySelect(t: Tally, from: string, c: string, sign = ""): string {
  const r = "participants";
  return `SELECT ${[...t.key.map(([column, e]) => `${e(r, c)} AS ${column}`), ...t.counts.map(([column, e]) => `${sign}sum(${e(r, c)}) AS ${column}`)].join(", ")}
    FROM ${from}${t.where ? ` AND ${t.where(r)}` : ""}
    GROUP BY ${t.key.map(([, e]) => e(r, c)).join(", ")}`;
}

/** The participants of `from` counted at `to` minus counted at `at`, by the tally's key. */
export function tallyDelta(t: Tally, from: string, at: string, to: string): string {
  return `SELECT ${keyColumns(t).join(", ")}, ${t.counts.map(([column]) => `sum(${column}) AS ${column}`).join(", ")}
  FROM (${tallySelect(t, from, to)} UNION ALL ${tallySelect(t, from, at, "-")})
  WHERE 1 GROUP BY ${keyColumns(t).join(", ")}`;
}

/**
 * The participants whose counts can differ between the moments `a` and `b` (a ≤ b): an onset, a
 * stall turning old ("new" ends after NEW_STALL_DAYS) or dormancy between them. A WHERE condition
 * on participants (indexes participants_status_list and participants_status_dormant).
 */
export function crossingCondition(a: string, b: string): string {
  return `status = 'active' AND (
      (stalled_since >= ${a} AND stalled_since < ${b})
      OR (stalled_since >= ${a} - ${NEW_MS} AND stalled_since < ${b} - ${NEW_MS})
      OR (dormant_since >= ${a} AND dormant_since < ${b}))`;
}

/** The tallies' rows for every participant, counted at the clock (for a rebuild). */
function recount(t: Tally): string {
  return `INSERT INTO ${t.table} (${[...keyColumns(t), ...t.counts.map(([c]) => c)].join(", ")})
  ${tallySelect(t, "participants WHERE 1", CLOCK)}`;
}

// ─── Triggers ────────────────────────────────────────────────────────────────

const ONSET_COLUMNS = [
  "status",
  "last_activity_at",
  ...STAGES.map((s) => `p${stageNumber(s)}_state`),
  ...STAGES.map((s) => `p${stageNumber(s)}_entered_at`),
];
/** The kept onsets (written by the onset trigger). */
const ONSETS = ["stalled_since", "dormant_since"];
/** Every column a tally's key or count reads. */
const TALLY_COLUMNS = [
  "status",
  "furthest_stage",
  "district_id",
  "agency_id",
  "cohort_id",
  "mentor_id",
  ...STAGES.map((s) => `p${stageNumber(s)}_state`),
  ...ONSETS,
];

/** Every participant active at the moment, their onsets written again (fires the tally triggers). */
const REFRESH_ACTIVE = "UPDATE participants SET last_activity_at = last_activity_at WHERE status = 'active';";

/**
 * A stall episode under way when something was recorded (last_activity_at moved on to NEW's) and
 * over after it: counted as resolved in that week and as opened in the week of its onset. Episodes
 * still under way are read from participants.stalled_since (dashboard/trend.server.ts); one that
 * turns dormant is neither. Runs after the onsets are written, so the row read back is the new one.
 */
const EPISODE_ENDED = `NEW.last_activity_at > OLD.last_activity_at AND OLD.status = 'active'
      AND OLD.stalled_since < NEW.last_activity_at AND NOT coalesce(OLD.dormant_since < NEW.last_activity_at, 0)
      AND NOT coalesce((SELECT status = 'active' AND stalled_since < NEW.last_activity_at FROM participants WHERE id = NEW.id), 0)`;
const episodeCount = (week: string, column: "opened" | "resolved") => `INSERT INTO stall_weeks (district_id, agency_id, cohort_id, week, ${column})
    SELECT OLD.district_id, OLD.agency_id, coalesce(OLD.cohort_id, 0), ${weekSql(week)}, 1
    WHERE ${EPISODE_ENDED}
    ON CONFLICT (district_id, agency_id, cohort_id, week) DO UPDATE SET ${column} = ${column} + 1;`;
const EPISODE_END = `${episodeCount("OLD.stalled_since", "opened")}
  ${episodeCount("NEW.last_activity_at", "resolved")}`;

type Trigger = { name: string; sql: string };

/** The generated triggers, in the order they are created. */
export function derivedTriggers(): Trigger[] {
  return [...onsetTriggers(), ...tallyTriggers()];
}

/** The triggers that keep the onsets (and the stall episodes they end). */
function onsetTriggers(): Trigger[] {
  const p = DERIVED_PREFIX;
  const triggers: Trigger[] = [
    {
      // The onsets follow every write of a column the rule reads.
      name: `${p}participants_onsets`,
      sql: `CREATE TRIGGER ${p}participants_onsets AFTER UPDATE OF ${ONSET_COLUMNS.join(", ")} ON participants
BEGIN
  UPDATE participants SET stalled_since = ${onsetSql("NEW")},
    dormant_since = ${dormancySql("NEW")}
  WHERE id = NEW.id;
  ${EPISODE_END}
END`,
    },
    {
      name: `${p}participants_onsets_insert`,
      sql: `CREATE TRIGGER ${p}participants_onsets_insert AFTER INSERT ON participants
BEGIN
  -- Writing last_activity_at onto itself fires ${p}participants_onsets, which holds the rule.
  UPDATE participants SET last_activity_at = last_activity_at WHERE id = NEW.id;
END`,
    },
  ];
  for (const [table, when] of [
    ["stage_settings", null],
    ["settings", `IN ('${STALL_SETTING_KEYS.inactivityDays}', '${STALL_SETTING_KEYS.dormantDays}')`],
  ] as const) {
    for (const op of ["INSERT", "UPDATE", "DELETE"] as const) {
      const row = op === "DELETE" ? "OLD" : "NEW";
      const condition = when === null ? "" : op === "UPDATE" ? `WHEN NEW.key ${when} OR OLD.key ${when} ` : `WHEN ${row}.key ${when} `;
      triggers.push({
        name: `${p}${table}_${op.toLowerCase()}`,
        sql: `CREATE TRIGGER ${p}${table}_${op.toLowerCase()} AFTER ${op} ON ${table} ${condition}
BEGIN
  ${REFRESH_ACTIVE}
END`,
      });
    }
  }
  return triggers;
}

/** The triggers that keep the people tallies. */
function tallyTriggers(): Trigger[] {
  const p = DERIVED_PREFIX;
  // What a count can read: the columns below, and the onsets only through these three verdicts at
  // the clock. Unchanged, no count can change (the most frequent write, something recorded for a
  // participant who is not stalled, moves an onset and nothing else).
  const verdicts = [stalledAt, newAt, dormantAt].map((e) => `(${e("OLD", AT_CLOCK)}) IS NOT (${e("NEW", AT_CLOCK)})`);
  const columns = TALLY_COLUMNS.filter((c) => !ONSETS.includes(c)).map((c) => `OLD.${c} IS NOT NEW.${c}`);
  return [
    {
      name: `${p}tallies_insert`,
      sql: `CREATE TRIGGER ${p}tallies_insert AFTER INSERT ON participants
BEGIN
  ${TALLIES.map((t) => addRow(t, "NEW", 1)).join("\n  ")}
END`,
    },
    {
      // Out of the old rows, into the new ones, whenever anything counted differs. Counts are added
      // with upserts, so the order in which SQLite fires this and the onset trigger does not matter.
      name: `${p}tallies_update`,
      sql: `CREATE TRIGGER ${p}tallies_update AFTER UPDATE OF ${TALLY_COLUMNS.join(", ")} ON participants
WHEN ${columns.join(" OR ")}
  OR EXISTS (SELECT 1 FROM ${CLOCK_ROW} AND (${verdicts.join("\n    OR ")}))
BEGIN
  ${TALLIES.map((t) => `${addRow(t, "OLD", -1)}\n  ${addRow(t, "NEW", 1)}`).join("\n  ")}
END`,
    },
    {
      name: `${p}tallies_delete`,
      sql: `CREATE TRIGGER ${p}tallies_delete AFTER DELETE ON participants
BEGIN
  ${TALLIES.map((t) => addRow(t, "OLD", -1)).join("\n  ")}
END`,
    },
    {
      // Moving the clock: those whose counts differ between the old and the new moment move rows.
      name: `${p}stall_clock_move`,
      sql: `CREATE TRIGGER ${p}stall_clock_move AFTER UPDATE OF at ON stall_clock
BEGIN
  ${TALLIES.map(
    (t) => `INSERT INTO ${t.table} (${[...keyColumns(t), ...t.counts.map(([c]) => c)].join(", ")})
  ${tallyDelta(t, `participants WHERE ${crossingCondition("min(OLD.at, NEW.at)", "max(OLD.at, NEW.at)")}`, "OLD.at", "NEW.at")}
  ${upsert(t)};`,
  ).join("\n  ")}
END`,
    },
  ];
}

/** Statements that count the tallies afresh from the participants, at the clock. */
export function recountTallies(): string[] {
  return TALLIES.flatMap((t) => [`DELETE FROM ${t.table}`, recount(t)]);
}

/**
 * Installs the generated triggers where the database's differ (a new database, or a rule changed
 * here), then writes every onset and counts the tallies again under the new rule, in one
 * transaction. Does nothing when they already match, so a start costs one read of sqlite_master.
 */
export function installDerivedSql(db: Db): { installed: boolean } {
  const sqlite = db.$client;
  const wanted = derivedTriggers();
  const present = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, ?) = ?")
    .all(DERIVED_PREFIX.length, DERIVED_PREFIX) as { name: string; sql: string }[];
  const same =
    present.length === wanted.length && wanted.every((w) => present.some((p) => p.name === w.name && p.sql === w.sql));
  if (same) return { installed: false };
  sqlite.transaction(() => {
    for (const { name } of present) sqlite.exec(`DROP TRIGGER ${name}`);
    // Onsets first, without the tally triggers (a rebuild counts once, at the end).
    for (const w of onsetTriggers()) sqlite.exec(w.sql);
    sqlite.exec("UPDATE participants SET last_activity_at = last_activity_at");
    sqlite.exec("UPDATE participants SET stalled_since = NULL, dormant_since = NULL WHERE status <> 'active'");
    for (const statement of recountTallies()) sqlite.exec(statement);
    for (const w of tallyTriggers()) sqlite.exec(w.sql);
  })();
  return { installed: true };
}
