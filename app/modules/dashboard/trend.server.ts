// Whether stalls are getting better: stall episodes opened and resolved per week (weeks start on
// Monday, Jakarta time: journey/stalled.ts weekOf), for the viewer's scope.
//
//   opened(w)   = stall_weeks.opened(w)  (episodes already ended, counted in the week of their onset)
//               + participants whose stall is still under way with its onset in w and before now
//                 (active with stalled_since < now, the dormant among them too: their stall did open)
//   resolved(w) = stall_weeks.resolved(w)
//
// Both parts are index ranges: stall_weeks by week (stall_weeks_week), participants by status and
// onset (participants_status_list), or by cohort (participants_cohort_status) for a cohort's trend.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { participants, stallWeeks } from "../../../db/schema";
import { STALL_AGE_BANDS, stallAgeRange, weekOf, weekStart, type StallAgeBand } from "../journey/stalled";
import { weekSql } from "../journey/stall-sql.server";
import { participantScope, placementScope, type Viewer } from "../access/scope.server";

/** The chart's weeks, the current one included. */
export const TREND_WEEKS = 12;
/** A direction ("↑ 5 new, 2 resolved") is read over this many weeks, the current one included. */
export const DIRECTION_WEEKS = 4;

export type TrendWeek = { week: number; start: number; opened: number; resolved: number };
export type Direction = { opened: number; resolved: number };

type Grouping = "all" | "district" | "cohort";
type EpisodeRow = { key: number; week: number; opened: number; resolved: number };

/**
 * Opened and resolved per week from `fromWeek` to the week of `now`, grouped by district or cohort
 * (key 0 for "all"). `cohortIds` narrows to those cohorts. Null when the viewer has no such figures.
 */
function episodes(db: Db, viewer: Viewer, now: number, fromWeek: number, by: Grouping, cohortIds?: number[], underWay = true): EpisodeRow[] | null {
  const weeksScope = placementScope(db, viewer, stallWeeks);
  if (weeksScope === null) return null;
  if (cohortIds && cohortIds.length === 0) return [];
  const toWeek = weekOf(now);
  const keyOf = (table: "w" | "p"): SQL =>
    by === "district" ? sql.raw(table === "w" ? "district_id" : "participants.district_id") : by === "cohort" ? sql.raw(table === "w" ? "cohort_id" : "participants.cohort_id") : sql.raw("0");
  const ids = cohortIds ? sql.join(cohortIds.map((id) => sql`${id}`), sql`, `) : null;
  const weeksCohorts = ids ? sql`AND ${stallWeeks.cohortId} IN (${ids})` : sql``;
  const peopleCohorts = ids ? sql`AND participants.cohort_id IN (${ids})` : sql``;
  return db.all<EpisodeRow>(sql`
    SELECT key, week, sum(opened) AS opened, sum(resolved) AS resolved FROM (
      SELECT ${keyOf("w")} AS key, ${stallWeeks.week} AS week, ${stallWeeks.opened} AS opened, ${stallWeeks.resolved} AS resolved
      FROM ${stallWeeks}
      WHERE ${stallWeeks.week} BETWEEN ${fromWeek} AND ${toWeek} AND ${weeksScope} ${weeksCohorts}
      ${underWay ? sql`UNION ALL
      SELECT ${keyOf("p")} AS key, ${sql.raw(weekSql("participants.stalled_since"))} AS week, 1 AS opened, 0 AS resolved
      FROM ${participants}
      WHERE participants.status = 'active' AND participants.stalled_since >= ${weekStart(fromWeek)} AND participants.stalled_since < ${now}
        AND ${participantScope(db, viewer)} ${peopleCohorts}` : sql``}
    ) GROUP BY key, week`);
}

/** The last TREND_WEEKS weeks (oldest first), each with what `rows` (of any key) hold for it. */
function trendWeeks(rows: EpisodeRow[], now: number): TrendWeek[] {
  const first = weekOf(now) - TREND_WEEKS + 1;
  const weeks = Array.from({ length: TREND_WEEKS }, (_, i) => ({ week: first + i, start: weekStart(first + i), opened: 0, resolved: 0 }));
  for (const row of rows) {
    const week = weeks[row.week - first];
    if (!week) continue;
    week.opened += row.opened;
    week.resolved += row.resolved;
  }
  return weeks;
}

/** Stalls opened and resolved in each of the last TREND_WEEKS weeks (oldest first), in scope or for one cohort. */
export function readTrend(db: Db, viewer: Viewer, { now = Date.now(), cohortId }: { now?: number; cohortId?: number } = {}): TrendWeek[] {
  const first = weekOf(now) - TREND_WEEKS + 1;
  return trendWeeks(episodes(db, viewer, now, first, "all", cohortId === undefined ? undefined : [cohortId]) ?? [], now);
}

/**
 * The onsets of the stalls in scope from the trend's first week (or the oldest age band's start, if
 * earlier) until now: per district, week and the stall's age band now ("dormant" for those since
 * turned dormant, whose stall did open). One pass serves the overview's trend and its age bands.
 */
export type RecentOnsets = { from: number; rows: { district: number; week: number; band: StallAgeBand | "dormant"; n: number }[] };

export function recentOnsets(db: Db, viewer: Viewer, now: number): RecentOnsets {
  const bands = STALL_AGE_BANDS.filter((band) => band !== "older").map((band) => ({ band, ...stallAgeRange(band, now) }));
  const from = Math.min(weekStart(weekOf(now) - TREND_WEEKS + 1), ...bands.map((b) => b.from!));
  const cases = sql.join(bands.map((b) => sql`WHEN stalled_since >= ${b.from} THEN ${b.band}`), sql` `);
  const rows = db.all<RecentOnsets["rows"][number]>(sql`
    SELECT district_id AS district, ${sql.raw(weekSql("stalled_since"))} AS week,
      CASE WHEN dormant_since < ${now} THEN 'dormant' ${cases} ELSE 'older' END AS band, count(*) AS n
    FROM ${participants}
    WHERE status = 'active' AND stalled_since >= ${from} AND stalled_since < ${now} AND ${participantScope(db, viewer)}
    GROUP BY district, week, band`);
  return { from, rows };
}

/**
 * The scope's trend and each district's direction: the ended episodes of stall_weeks, and those under
 * way from `onsets` (recentOnsets).
 */
export function readScopeTrend(db: Db, viewer: Viewer, now: number, onsets: RecentOnsets): { trend: TrendWeek[]; districts: Map<number, Direction> } {
  const first = weekOf(now) - TREND_WEEKS + 1;
  const underWay = onsets.rows.filter((r) => r.week >= first).map((r) => ({ key: r.district, week: r.week, opened: r.n, resolved: 0 }));
  const rows = [...(episodes(db, viewer, now, first, "district", undefined, false) ?? []), ...underWay];
  const recent = weekOf(now) - DIRECTION_WEEKS + 1;
  return { trend: trendWeeks(rows, now), districts: directions(rows.filter((r) => r.week >= recent)) };
}

/** How many of the stalled (`stalled`, at now) are in each age band, from `onsets` (recentOnsets). */
export function ageBandsOf(onsets: RecentOnsets, stalled: number): { band: StallAgeBand; count: number }[] {
  const counts = new Map<StallAgeBand, number>();
  for (const r of onsets.rows) if (r.band !== "dormant" && r.band !== "older") counts.set(r.band, (counts.get(r.band) ?? 0) + r.n);
  const recent = [...counts.values()].reduce((total, n) => total + n, 0);
  return STALL_AGE_BANDS.map((band) => ({ band, count: band === "older" ? stalled - recent : (counts.get(band) ?? 0) }));
}

function directions(rows: EpisodeRow[] | null): Map<number, Direction> {
  const result = new Map<number, Direction>();
  for (const row of rows ?? []) {
    const d = result.get(row.key) ?? { opened: 0, resolved: 0 };
    d.opened += row.opened;
    d.resolved += row.resolved;
    result.set(row.key, d);
  }
  return result;
}

/**
 * Stalls opened per district in scope in the weeks from `from` to `to` (both moments' weeks): the
 * episodes since ended and those still under way whose onset came before `to`.
 */
export function stallsOpenedByDistrict(db: Db, viewer: Viewer, from: number, to: number): Map<number, number> {
  const opened = new Map<number, number>();
  for (const row of episodes(db, viewer, to, weekOf(from), "district") ?? []) opened.set(row.key, (opened.get(row.key) ?? 0) + row.opened);
  return opened;
}

/** For the given cohorts: stalls opened and resolved over the last DIRECTION_WEEKS weeks (in scope). */
export function cohortDirections(db: Db, viewer: Viewer, cohortIds: number[], now: number): Map<number, Direction> {
  return directions(episodes(db, viewer, now, weekOf(now) - DIRECTION_WEEKS + 1, "cohort", cohortIds));
}
