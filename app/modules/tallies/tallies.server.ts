// The coordinator's figures about people: sums over the tallies the database keeps per district,
// cohort and mentor (db/schema.ts; the triggers and what each column counts are generated in
// journey/stall-sql.server.ts), restricted to the viewer's scope. Districts, agencies and mentors are
// a few hundred rows, summed here; cohorts are thousands, so they are summed, ranked and cut in SQL
// (cohortFigures) and only the rows shown are read. They follow every write at once, so the
// overview, the cohort list and the participant list always agree.
//
// Whether someone is stalled, new-stalled or dormant depends on the moment of reading. The tallies
// count as of stall_clock.at; a reader adds what changed for the few participants whose onsets lie
// between that moment and its own (tallyDelta over crossingCondition: indexed ranges). Readers never
// write: the server moves the clock forward now and then (clock.server.ts).
import { and, eq, getTableName, gt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { cohorts, cohortTallies, districtTallies, mentorTallies, stallClock } from "../../../db/schema";
import { PHASES, STAGES, type Phase } from "../../../machines/stages";
import { crossingCondition, tallyDelta, TALLIES } from "../journey/stall-sql.server";
import { participantScope, placementScope, type Viewer } from "../access/scope.server";
import { allCompiled, getCompiled } from "../../../db/compiled-statements";


export type Sum = {
  count: number;
  /** Active and not dormant. */
  active: number;
  stalled: number;
  /** Stalled within the last NEW_STALL_DAYS (journey/stalled.ts). */
  stalledNew: number;
  dormant: number;
  /** Per stage P1…P7: participants whose furthest stage done or waived is that one or beyond. */
  reached: number[];
  /** Per stage P1…P7: stalled participants with that stage open (kept for districts and the total). */
  stalledOpen: number[];
  /** Per stage P1…P7: new-stalled participants with that stage open (districts and the total). */
  stalledNewOpen: number[];
};

export type Summary = {
  all: Sum;
  byDistrict: Map<number, Sum>;
  byAgency: Map<number, Sum>;
  byMentor: Map<number, Sum>;
  /** Per stage P1…P7: participants who reached it, by their phase now. */
  funnel: Record<Phase, number>[];
  graduated: number;
};

const zeros = () => [0, 0, 0, 0, 0, 0, 0];
const emptySum = (): Sum => ({ count: 0, active: 0, stalled: 0, stalledNew: 0, dormant: 0, reached: zeros(), stalledOpen: zeros(), stalledNewOpen: zeros() });

function sumOf(sums: Map<number, Sum>, key: number): Sum {
  let sum = sums.get(key);
  if (!sum) sums.set(key, (sum = emptySum()));
  return sum;
}

type Row = Record<string, number | string>;
/** The seven per-stage columns of a row (reached_p1…p7, …), their names built once. */
const stageKeys = (prefix: string) => STAGES.map((_, i) => `${prefix}${i + 1}`);
const REACHED = stageKeys("reached_p");
const STALLED_OPEN = stageKeys("stalled_p");
const STALLED_NEW_OPEN = stageKeys("stalled_new_p");
const perStage = (row: Row, keys: string[]) => keys.map((key) => Number(row[key] ?? 0));

function add(sum: Sum, row: { people: number; active: number; stalled: number; stalledNew: number; dormant: number; reached: number[]; stalledOpen?: number[]; stalledNewOpen?: number[] }) {
  sum.count += row.people;
  sum.active += row.active;
  sum.stalled += row.stalled;
  sum.stalledNew += row.stalledNew;
  sum.dormant += row.dormant;
  row.reached.forEach((v, i) => (sum.reached[i]! += v));
  row.stalledOpen?.forEach((v, i) => (sum.stalledOpen[i]! += v));
  row.stalledNewOpen?.forEach((v, i) => (sum.stalledNewOpen[i]! += v));
}

/** The moment the tallies count at. */
export function readClock(db: Db): number {
  const at = db.select({ at: stallClock.at }).from(stallClock).where(eq(stallClock.id, 1)).get()?.at;
  if (at === undefined) throw new Error("stall_clock has no row: run the migrations");
  return at;
}

const tally = (table: string) => TALLIES.find((t) => t.table === table)!;

/**
 * A tally table's rows in scope as of `now`, as a subquery: the kept rows plus, when the clock is not
 * `now`, what changed between the clock and `now` for those crossing an onset.
 */
function tallyRows(db: Db, viewer: Viewer, table: typeof districtTallies | typeof mentorTallies, scope: SQL, clock: number, now: number): SQL {
  const columns = sql.raw([...tally(getTableName(table)).key.map(([c]) => c), ...tally(getTableName(table)).counts.map(([c]) => c)].join(", "));
  const kept = sql`SELECT ${columns} FROM ${table} WHERE ${and(scope, gt(table.people, 0))}`;
  if (clock === now) return kept;
  return sql`${kept} UNION ALL SELECT ${columns} FROM (
    WITH crossing AS (SELECT * FROM participants WHERE ${CROSSING} AND ${participantScope(db, viewer)})
    ${sql.raw(tallyDelta(tally(getTableName(table)), "crossing AS participants WHERE 1", "@clock", "@now"))})`;
}

/**
 * Those crossing an onset between the clock and now. The moments are named parameters, bound by
 * moments(): the statement's text does not change with them, so it is compiled once (statements.server.ts).
 */
const CROSSING = sql.raw(crossingCondition("@lo", "@hi"));

/** The named parameters of tallyRows and cohortFigures. */
export function moments(clock: number, now: number): { clock: number; now: number; lo: number; hi: number } {
  return { clock, now, lo: Math.min(clock, now), hi: Math.max(clock, now) };
}

/** Sums of a district tally's counts, with the active and the dormant told apart by phase. */
const DISTRICT_SUMS = sql.raw(
  [
    "sum(people) AS people",
    "sum(CASE WHEN status = 'active' THEN people ELSE 0 END) AS active",
    "sum(CASE WHEN status = 'dormant' THEN people ELSE 0 END) AS dormant",
    ...["stalled", "stalled_new", ...REACHED, ...STALLED_OPEN, ...STALLED_NEW_OPEN].map((c) => `sum(${c}) AS ${c}`),
  ].join(", "),
);
const MENTOR_SUMS = sql.raw(["people", "active", "stalled", "stalled_new", "dormant", ...REACHED].map((c) => `sum(${c}) AS ${c}`).join(", "));

/** A summed row as add() takes it. */
const summed = (row: Row) => ({
  people: Number(row.people),
  active: Number(row.active),
  dormant: Number(row.dormant),
  stalled: Number(row.stalled),
  stalledNew: Number(row.stalled_new),
  reached: perStage(row, REACHED),
  stalledOpen: perStage(row, STALLED_OPEN),
  stalledNewOpen: perStage(row, STALLED_NEW_OPEN),
});

/**
 * How many participants the viewer's scope holds at `now`: all, active (not dormant), stalled and
 * dormant, from the district tallies alone (a list with no filter but its status reads these).
 * Null for viewers whose scope is not a placement (entrepreneurs, partner staff).
 */
export function scopeCounts(db: Db, viewer: Viewer, now: number): { total: number; active: number; stalled: number; dormant: number } | null {
  const scope = placementScope(db, viewer, districtTallies);
  if (scope === null) return null;
  const clock = readClock(db);
  const row = getCompiled<Row>(db, sql`SELECT ${DISTRICT_SUMS} FROM (${tallyRows(db, viewer, districtTallies, scope, clock, now)})`, moments(clock, now));
  return { total: Number(row?.people ?? 0), active: Number(row?.active ?? 0), stalled: Number(row?.stalled ?? 0), dormant: Number(row?.dormant ?? 0) };
}

/** The viewer's figures at `now`. Only mentors and coordinators have figures; others see none. */
export function readSummary(db: Db, viewer: Viewer, now: number = Date.now(), options: { byMentor?: boolean } = {}): Summary {
  const funnel = STAGES.map(() => Object.fromEntries(PHASES.map((s) => [s, 0])) as Record<Phase, number>);
  const summary: Summary = {
    all: emptySum(),
    byDistrict: new Map(),
    byAgency: new Map(),
    byMentor: new Map(),
    funnel,
    graduated: 0,
  };
  const districtScope = placementScope(db, viewer, districtTallies);
  const mentorScope = placementScope(db, viewer, mentorTallies);
  if (districtScope === null || mentorScope === null) return summary;
  const clock = readClock(db);

  // Rows whose people have all left stay behind with zeros: they are not read. SQLite sums the rows
  // per district, per agency and per phase in one pass over them (a province has hundreds).
  const districtRows = allCompiled<Row & { dim: "district" | "agency" | "phase"; key: number | Phase }>(
    db,
    sql`
    WITH r AS MATERIALIZED (${tallyRows(db, viewer, districtTallies, districtScope, clock, now)})
    SELECT 'district' AS dim, district_id AS key, ${DISTRICT_SUMS} FROM r GROUP BY district_id
    UNION ALL SELECT 'agency', agency_id, ${DISTRICT_SUMS} FROM r GROUP BY agency_id
    UNION ALL SELECT 'phase', status, ${DISTRICT_SUMS} FROM r GROUP BY status`,
    moments(clock, now),
  );
  for (const row of districtRows) {
    const sum = summed(row);
    if (row.dim === "district") add(sumOf(summary.byDistrict, Number(row.key)), sum);
    else if (row.dim === "agency") add(sumOf(summary.byAgency, Number(row.key)), sum);
    else {
      const phase = row.key as Phase;
      add(summary.all, sum);
      sum.reached.forEach((v, i) => (funnel[i]![phase] += v));
      if (phase === "graduated") summary.graduated += sum.people;
    }
  }
  // The mentor tallies are a second read, for the pages that show mentors (byMentor stays empty without it).
  if (options.byMentor === false) return summary;
  const mentorRows = allCompiled<Row>(
    db,
    sql`SELECT mentor_id, ${MENTOR_SUMS} FROM (${tallyRows(db, viewer, mentorTallies, mentorScope, clock, now)}) GROUP BY mentor_id`,
    moments(clock, now),
  );
  for (const row of mentorRows) {
    const { stalledOpen: _o, stalledNewOpen: _n, ...sum } = summed(row);
    add(sumOf(summary.byMentor, Number(row.mentor_id)), sum);
  }
  return summary;
}

/**
 * Per cohort with members in the viewer's scope, a subquery to select from (alias it `f`): id,
 * members, active (not dormant), stalled and stalled_new (at `now`), dormant, share (stalled / active,
 * 0 without active members) and reached_p1…reached_p7; with the named parameters to run it with
 * (allCompiled). `cohorts`, a condition on `cohorts` (open ones, say), leaves the others' tally rows
 * unread: the province has thousands of cohorts and summing them all was most of the ranking's time.
 * Null when the viewer has no cohort figures (neither mentor nor coordinator).
 */
export function cohortFigures(db: Db, viewer: Viewer, now: number, options: { cohorts?: SQL } = {}): { figures: SQL; moments: ReturnType<typeof moments> } | null {
  const tallyScope = placementScope(db, viewer, cohortTallies);
  if (tallyScope === null) return null;
  const clock = readClock(db);
  const counted = ["people", "active", "stalled", "stalled_new", "dormant", ...STAGES.map((_, i) => `reached_p${i + 1}`)];
  const only = options.cohorts ? sql` AND cohort_id IN (SELECT ${cohorts.id} FROM ${cohorts} WHERE ${options.cohorts})` : sql``;
  const kept = sql`SELECT cohort_id, ${sql.raw(counted.join(", "))} FROM ${cohortTallies} WHERE ${tallyScope} AND people > 0${only}`;
  // Those whose onsets lie between the clock and now, counted at now minus at the clock.
  const rows =
    clock === now
      ? kept
      : sql`${kept} UNION ALL SELECT cohort_id, ${sql.raw(counted.join(", "))} FROM (
          WITH crossing AS (SELECT * FROM participants WHERE ${CROSSING} AND ${participantScope(db, viewer)})
          ${sql.raw(tallyDelta(tally(getTableName(cohortTallies)), "crossing AS participants WHERE 1", "@clock", "@now"))})`;
  const reached = sql.raw(STAGES.map((_, i) => `sum(reached_p${i + 1}) AS reached_p${i + 1}`).join(", "));
  return {
    figures: sql`(SELECT cohort_id AS id, sum(people) AS members, sum(active) AS active, sum(stalled) AS stalled,
      sum(stalled_new) AS stalled_new, sum(dormant) AS dormant,
      CASE WHEN sum(active) = 0 THEN 0.0 ELSE sum(stalled) * 1.0 / sum(active) END AS share, ${reached}
    FROM (${rows}) GROUP BY cohort_id HAVING sum(people) > 0)`,
    moments: moments(clock, now),
  };
}

/**
 * ORDER BY for cohortFigures `f`, what changed first: new stalls (NEW_STALL_DAYS), then the share of
 * active members stalled, then the stalled count. As byStalledShare (overview.server.ts).
 */
export const MOST_STALLED_FIRST = sql.raw("f.stalled_new DESC, f.share DESC, f.stalled DESC, f.id");
