// The coordinator's figures about people: sums over the tallies the database keeps per district,
// cohort and mentor (db/schema.ts, migration 0006), restricted to the viewer's scope. Districts,
// agencies and mentors are a few hundred rows, summed here; cohorts are thousands, so they are
// summed, ranked and cut in SQL (cohortFigures) and only the rows shown are read. They follow
// every write at once, so the overview, the cohort list and the participant list always agree.
//
// Whether someone is stalled depends on the moment of reading (participants.stalled_since < now).
// The tallies count the stalled as of stall_clock.at; the reader adds the few whose onset lies
// between that moment and its own (one indexed range on participants_status_list). The clock is
// moved forward now and then (CLOCK_STEP_MS) so that range stays small.
import { and, eq, gt, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { cohortTallies, districtTallies, mentorTallies, participants, stallClock } from "../../../db/schema";
import { STAGES, STATUSES, type ParticipantStatus } from "../../../machines/stages";
import { stageStateColumns, stageStatesOf } from "../participants/stage-columns.server";
import { openStates } from "../journey/stalled";
import { participantScope, placementScope, type Viewer } from "../participants/scope.server";

/** How far behind the present the tallies' clock may fall before a reader moves it. */
export const CLOCK_STEP_MS = 60 * 60 * 1000;

export type Sum = {
  count: number;
  active: number;
  stalled: number;
  /** The earliest stall onset among the stalled (ms), null when none is stalled. */
  since: number | null;
  /** Per stage P1…P7: participants whose furthest stage done or waived is that one or beyond. */
  reached: number[];
  /** Per stage P1…P7: stalled participants with that stage open (kept for districts and the total). */
  stalledOpen: number[];
};

export type Summary = {
  all: Sum;
  byDistrict: Map<number, Sum>;
  byAgency: Map<number, Sum>;
  byMentor: Map<number, Sum>;
  /** Per stage P1…P7: participants who reached it, by their status now. */
  funnel: Record<ParticipantStatus, number>[];
  graduated: number;
};

const emptySum = (): Sum => ({ count: 0, active: 0, stalled: 0, since: null, reached: [0, 0, 0, 0, 0, 0, 0], stalledOpen: [0, 0, 0, 0, 0, 0, 0] });

function sumOf(sums: Map<number, Sum>, key: number): Sum {
  let sum = sums.get(key);
  if (!sum) sums.set(key, (sum = emptySum()));
  return sum;
}

type Reached = Record<`reachedP${1 | 2 | 3 | 4 | 5 | 6 | 7}`, number>;
const reachedOf = (row: Reached) => [row.reachedP1, row.reachedP2, row.reachedP3, row.reachedP4, row.reachedP5, row.reachedP6, row.reachedP7];

function add(sum: Sum, row: { people: number; active: number; stalled: number; earliestOnset: number | null; reached: number[]; stalledOpen?: number[] }) {
  sum.count += row.people;
  sum.active += row.active;
  sum.stalled += row.stalled;
  if (row.earliestOnset !== null && (sum.since === null || row.earliestOnset < sum.since)) sum.since = row.earliestOnset;
  row.reached.forEach((v, i) => (sum.reached[i]! += v));
  row.stalledOpen?.forEach((v, i) => (sum.stalledOpen[i]! += v));
}

/**
 * Moves the tallies' clock to the present when it has fallen behind by more than a step (never past
 * the real present, so a reader asking about a later moment does not drag it there). Returns the clock.
 */
function currentClock(db: Db, now: number): number {
  const at = db.select({ at: stallClock.at }).from(stallClock).where(eq(stallClock.id, 1)).get()?.at;
  if (at === undefined) throw new Error("stall_clock has no row: run the migrations");
  const target = Math.min(now, Date.now());
  if (target - at <= CLOCK_STEP_MS) return at;
  try {
    db.update(stallClock).set({ at: target }).where(and(eq(stallClock.id, 1), lt(stallClock.at, target))).run();
    return target;
  } catch (error) {
    // Another connection holds the write lock (a long import): read with the old clock this time.
    if ((error as { code?: string }).code === "SQLITE_BUSY") return at;
    throw error;
  }
}

/** The viewer's figures at `now`. Only mentors and coordinators have figures; others see none. */
export function readSummary(db: Db, viewer: Viewer, now: number = Date.now()): Summary {
  const funnel = STAGES.map(() => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ParticipantStatus, number>);
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
  const clock = currentClock(db, now);

  // Rows whose people have all left stay behind with zeros: they are not read.
  for (const row of db.select().from(districtTallies).where(and(districtScope, gt(districtTallies.people, 0))).all()) {
    const isActive = row.status === "active";
    const reached = reachedOf(row);
    const stalledOpen = [row.stalledP1, row.stalledP2, row.stalledP3, row.stalledP4, row.stalledP5, row.stalledP6, row.stalledP7];
    const tally = { people: row.people, active: isActive ? row.people : 0, stalled: row.stalled, earliestOnset: row.earliestOnset, reached, stalledOpen };
    add(summary.all, tally);
    add(sumOf(summary.byDistrict, row.districtId), tally);
    add(sumOf(summary.byAgency, row.agencyId), tally);
    const status = row.status as ParticipantStatus;
    reached.forEach((v, i) => (funnel[i]![status] += v));
    if (status === "graduated") summary.graduated += row.people;
  }
  for (const row of db.select().from(mentorTallies).where(and(mentorScope, gt(mentorTallies.people, 0))).all()) {
    add(sumOf(summary.byMentor, row.mentorId), { ...row, earliestOnset: null, reached: reachedOf(row) });
  }
  if (clock !== now) addCrossings(db, viewer, summary, clock, now);

  // The earliest onset is kept over everyone active; it is a stall only once it has passed.
  for (const sum of [summary.all, ...summary.byDistrict.values(), ...summary.byAgency.values()]) {
    if (sum.since !== null && sum.since >= now) sum.since = null;
  }
  return summary;
}

/**
 * The participants whose onset lies between the clock and `now`: stalled now but not counted as such
 * by the tallies (clock before now), or counted but not yet stalled at `now` (clock after now).
 */
function addCrossings(db: Db, viewer: Viewer, summary: Summary, clock: number, now: number) {
  const sign = now > clock ? 1 : -1;
  const crossing = db
    .select({
      districtId: participants.districtId,
      agencyId: participants.agencyId,
      mentorId: participants.mentorId,
      ...stageStateColumns,
    })
    .from(participants)
    .where(
      and(
        eq(participants.status, "active"),
        gte(participants.stalledSince, Math.min(clock, now)),
        lt(participants.stalledSince, Math.max(clock, now)),
        participantScope(db, viewer),
      ),
    )
    .all();
  for (const p of crossing) {
    const states = stageStatesOf(p);
    const open = STAGES.map((stage, i) => (states[i] === openStates(stage) ? sign : 0));
    for (const sum of [summary.all, sumOf(summary.byDistrict, p.districtId), sumOf(summary.byAgency, p.agencyId)]) {
      sum.stalled += sign;
      open.forEach((v, i) => (sum.stalledOpen[i]! += v));
    }
    if (p.mentorId !== null) sumOf(summary.byMentor, p.mentorId).stalled += sign;
  }
}

/**
 * Per cohort with members in the viewer's scope, a subquery to select from (alias it `f`): id,
 * members, active, stalled (at `now`), since (the earliest onset when someone is stalled, else
 * null), share (stalled / active, 0 without active members) and reached_p1…reached_p7.
 * Null when the viewer has no cohort figures (neither mentor nor coordinator).
 */
export function cohortFigures(db: Db, viewer: Viewer, now: number): SQL | null {
  const tallyScope = placementScope(db, viewer, cohortTallies);
  if (tallyScope === null) return null;
  const clock = currentClock(db, now);
  const sign = now > clock ? 1 : -1;
  const reached = sql.raw([1, 2, 3, 4, 5, 6, 7].map((n) => `sum(reached_p${n}) AS reached_p${n}`).join(", "));
  const reachedOut = sql.raw([1, 2, 3, 4, 5, 6, 7].map((n) => `reached_p${n}`).join(", "));
  // Those whose onset lies between the clock and now, per tally row (see addCrossings).
  const crossing = sql`SELECT cohort_id, district_id, agency_id, count(*) AS n FROM ${participants}
    WHERE status = 'active' AND stalled_since >= ${Math.min(clock, now)} AND stalled_since < ${Math.max(clock, now)}
      AND cohort_id IS NOT NULL AND ${participantScope(db, viewer)}
    GROUP BY cohort_id, district_id, agency_id`;
  return sql`(SELECT id, members, active, stalled, CASE WHEN onset < ${now} THEN onset END AS since,
      CASE WHEN active = 0 THEN 0.0 ELSE stalled * 1.0 / active END AS share, ${reachedOut}
    FROM (SELECT cohort_id AS id, sum(people) AS members, sum(active) AS active,
        sum(stalled + ${sign} * coalesce(c.n, 0)) AS stalled, min(earliest_onset) AS onset, ${reached}
      FROM ${cohortTallies} LEFT JOIN (${crossing}) c USING (cohort_id, district_id, agency_id)
      WHERE ${tallyScope} AND people > 0 GROUP BY cohort_id))`;
}

/** ORDER BY for cohortFigures `f`, most stalled first: as byStalledShare (overview.server.ts). */
export const MOST_STALLED_FIRST = sql.raw("f.share DESC, f.since IS NULL, f.since, f.stalled DESC, f.id");
