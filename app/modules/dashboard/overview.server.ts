// The coordinator's overview: where people are stuck and why. Figures about people are sums over the
// tallies (tallies/tallies.server.ts); journey events per month and time in stage come from the counters kept
// with every move (journey/journey-writer.server.ts). Every figure is for the viewer's scope only.
import { and, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { agencies, cohorts, participants, stageDurations, stageMonthCounts, stallNotes, users } from "../../../db/schema";
import { WAITS_ON, type WaitsOn } from "../../../machines/vocabulary";
import { STAGES, type StageId } from "../../../machines/stages";
import type { StallAgeBand } from "../journey/stalled";
import { loadStallSettings, stalledCondition } from "../journey/stalled.server";
import { jakartaDate } from "../i18n/jakarta";
import { districtOptionsInScope, participantScope, type Viewer } from "../access/scope.server";
import { monthOf } from "../journey/counters";
import { CONVERSION_ROW_LIMIT, type ConversionBy } from "./options";
import { openCohortCondition } from "../cohorts/lifecycle.server";
import { cohortFigures, MOST_STALLED_FIRST, readSummary, type Sum, type Summary } from "../tallies/tallies.server";
import type { Phase } from "../../../machines/stages";
import { allCompiled } from "../../../db/compiled-statements";
import { ageBandsOf, cohortDirections, DIRECTION_WEEKS, readScopeTrend, recentOnsets, type Direction, type TrendWeek } from "./trend.server";

export const TOP_COHORTS = 10;
export const TOP_MENTORS = 15;

export type ConversionRow = { id: number; name: string; registrants: number; reached: number[] };
export type StallRow = { id: number; name: string; active: number; stalled: number; share: number; /** Stalled within the last NEW_STALL_DAYS. */ stalledNew: number };
export type MentorLoad = { id: number; name: string; participants: number; active: number; stalled: number };

export type Overview = {
  asOf: number;
  threshold: number;
  /** Active (not dormant), stalled (of the active), stalled within NEW_STALL_DAYS, dormant, graduated. */
  totals: { registrants: number; active: number; stalled: number; stalledNew: number; dormant: number; graduated: number; reached: number[] };
  /** Per stage P1…P7: participants who reached it (done or waived), by their phase now (a status, or dormant). */
  funnel: Record<Phase, number>[];
  conversion: { by: ConversionBy; rows: ConversionRow[]; total: number };
  /** Districts in scope with participants, most stalled first. */
  districts: (StallRow & { stalledOpen: number[]; stalledNewOpen: number[]; direction: Direction })[];
  /** Districts in scope without any participant (left out of the map). */
  districtsEmpty: number;
  /** Open cohorts only, most new stalls first (MOST_STALLED_FIRST). */
  cohorts: (StallRow & { flagged: boolean; direction: Direction })[];
  cohortsFlagged: number;
  mentors: MentorLoad[];
  mentorsTotal: number;
  /** Stalled participants with each stage open, P1…P7 (the heat map's column totals). */
  stalledByStage: number[];
  /** The same for stalls within NEW_STALL_DAYS. */
  stalledNewByStage: number[];
  /** The stalled by the age of their stall (stalled.ts STALL_AGE_BANDS). */
  ageBands: { band: StallAgeBand; count: number }[];
  /** Stalls opened and resolved per week, the last TREND_WEEKS weeks. */
  trend: TrendWeek[];
  waitsOn: { waitsOn: WaitsOn; count: number }[];
  /** Stalled participants whose current note's follow-up date is before today (Jakarta). */
  overdueFollowUps: number;
  medians: { stage: StageId; completions: number; medianWeek: number | null }[];
  monthly: { months: string[]; stages: { stage: StageId; entered: number[]; completed: number[] }[] };
};

const share = (stalled: number, active: number) => (active === 0 ? 0 : stalled / active);

/** What changed first: by new stalls, then by the share of active members stalled (as MOST_STALLED_FIRST). */
export function byStalledShare(a: StallRow, b: StallRow): number {
  return b.stalledNew - a.stalledNew || b.share - a.share || b.stalled - a.stalled || a.id - b.id;
}

function stallRow(id: number, name: string, sum: Sum): StallRow {
  return { id, name, active: sum.active, stalled: sum.stalled, share: share(sum.stalled, sum.active), stalledNew: sum.stalledNew };
}

function namesOf(db: Db, table: typeof agencies | typeof users, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, ids)).all();
  return new Map(rows.map((r) => [r.id, r.name]));
}

function conversion(db: Db, viewer: Viewer, summary: Summary, by: ConversionBy, districtNames: Map<number, string>, now: number): Overview["conversion"] {
  if (by === "cohort") return cohortConversion(db, viewer, now);
  const byKey = { district: summary.byDistrict, agency: summary.byAgency, mentor: summary.byMentor }[by];
  const sums = [...byKey].sort(([ia, a], [ib, b]) => b.count - a.count || ia - ib);
  const shown = by === "mentor" ? sums.slice(0, CONVERSION_ROW_LIMIT) : sums;
  const ids = shown.map(([id]) => id);
  const names = by === "district" ? districtNames : namesOf(db, { agency: agencies, mentor: users }[by], ids);
  const rows = shown.map(([id, sum]) => ({ id, name: names.get(id) ?? String(id), registrants: sum.count, reached: sum.reached }));
  if (by === "district" || by === "agency") rows.sort((a, b) => a.name.localeCompare(b.name));
  return { by, rows, total: sums.length };
}

/** The largest cohorts (CONVERSION_ROW_LIMIT), cut in SQL from the thousands. */
function cohortConversion(db: Db, viewer: Viewer, now: number): Overview["conversion"] {
  const cohortSums = cohortFigures(db, viewer, now);
  const rows = cohortSums
    ? allCompiled<{ id: number; name: string; members: number; total: number } & Record<`reached_p${number}`, number>>(
        db,
        sql`
        SELECT f.id, c.name, f.members, ${sql.raw(STAGES.map((_, i) => `f.reached_p${i + 1}`).join(", "))}, count(*) OVER () AS total
        FROM ${cohortSums.figures} f JOIN ${cohorts} c ON c.id = f.id
        ORDER BY f.members DESC, f.id LIMIT ${CONVERSION_ROW_LIMIT}`,
        cohortSums.moments,
      )
    : [];
  return {
    by: "cohort",
    rows: rows.map((r) => ({ id: r.id, name: r.name, registrants: r.members, reached: STAGES.map((_, i) => r[`reached_p${i + 1}`]!) })),
    total: rows[0]?.total ?? 0,
  };
}

/** The most stalled cohorts with active members (TOP_COHORTS), and how many are over the threshold. */
function mostStalledCohorts(db: Db, viewer: Viewer, now: number, threshold: number): { rows: StallRow[]; flagged: number } {
  // Cohort lifecycle: a closed cohort is never ranked (cohorts/lifecycle.server.ts), so its tallies are not summed.
  const cohortSums = cohortFigures(db, viewer, now, { cohorts: openCohortCondition(now) });
  if (!cohortSums) return { rows: [], flagged: 0 };
  const rows = allCompiled<StallRow & { flagged: number }>(
    db,
    sql`
    SELECT f.id, c.name, f.active, f.stalled, f.share, f.stalled_new AS stalledNew, sum(f.share > ${threshold}) OVER () AS flagged
    FROM ${cohortSums.figures} f JOIN ${cohorts} c ON c.id = f.id WHERE f.active > 0
    ORDER BY ${MOST_STALLED_FIRST} LIMIT ${TOP_COHORTS}`,
    cohortSums.moments,
  );
  return { rows: rows.map(({ flagged: _, ...row }) => row), flagged: rows[0]?.flagged ?? 0 };
}

/**
 * Stalled participants in scope by whom their current note waits on, and how many of those notes have
 * a follow-up date before today (Jakarta). The current note is the newest uncleared one, as in the
 * list's filters (stall-notes/stall-notes.server.ts), so each count opens a list of as many.
 */
function stallNoteFigures(db: Db, viewer: Viewer, now: number): Pick<Overview, "waitsOn" | "overdueFollowUps"> {
  // CROSS JOIN keeps SQLite's join order: the few uncleared notes first, then each one's participant
  // by its key (the other order would read every participant in scope).
  const today = jakartaDate(new Date(now));
  const rows = db.all<{ waitsOn: WaitsOn; count: number; overdue: number }>(sql`
    SELECT sn.waits_on AS waitsOn, count(*) AS count, sum(sn.follow_up_on < ${today}) AS overdue
    FROM ${stallNotes} sn CROSS JOIN ${participants} ON ${participants.id} = sn.participant_id
    WHERE sn.cleared_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM ${stallNotes} newer WHERE newer.participant_id = sn.participant_id
        AND newer.cleared_at IS NULL AND (newer.recorded_at, newer.id) > (sn.recorded_at, sn.id))
      AND ${participantScope(db, viewer)} AND ${stalledCondition(now)}
    GROUP BY sn.waits_on`);
  const counts = new Map(rows.map((r) => [r.waitsOn, r.count]));
  return {
    waitsOn: WAITS_ON.map((waitsOn) => ({ waitsOn, count: counts.get(waitsOn) ?? 0 })),
    overdueFollowUps: rows.reduce((total, r) => total + r.overdue, 0),
  };
}

/**
 * The stalled in scope by the age of their stall: one grouped count over the onset ranges of
 * stallAgeRange. Only the bands of the last months are read from participants (an index range on the
 * onset); the oldest band is the rest of the stalled, whose count the tallies already hold.
 */

/** The last twelve months (Asia/Jakarta), oldest first, ending with the month of `now`. */
export function lastTwelveMonths(now: number): string[] {
  const [year, month] = monthOf(now).split("-").map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1 - (11 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

function monthly(db: Db, districtIds: number[], now: number): Overview["monthly"] {
  const months = lastTwelveMonths(now);
  const rows = districtIds.length
    ? db
        .select({
          stage: stageMonthCounts.stage,
          month: stageMonthCounts.month,
          entered: sql<number>`sum(${stageMonthCounts.entered})`,
          completed: sql<number>`sum(${stageMonthCounts.completed})`,
        })
        .from(stageMonthCounts)
        .where(and(inArray(stageMonthCounts.districtId, districtIds), inArray(stageMonthCounts.month, months)))
        .groupBy(stageMonthCounts.stage, stageMonthCounts.month)
        .all()
    : [];
  const at = new Map(rows.map((r) => [`${r.stage}|${r.month}`, r]));
  return {
    months,
    stages: STAGES.map((stage) => ({
      stage,
      entered: months.map((m) => at.get(`${stage}|${m}`)?.entered ?? 0),
      completed: months.map((m) => at.get(`${stage}|${m}`)?.completed ?? 0),
    })),
  };
}

/**
 * Median time in each stage, over every completion ever counted in scope: the time from the stage's
 * opening (P1 submitted, P2–P7 started or sent back) to its completion (P1 verified, P2–P7 done),
 * kept in whole weeks per completion. The median is the week in which the middle completion falls.
 * Waived stages are not counted: nobody worked through them.
 */
export function medians(db: Db, districtIds: number[]): Overview["medians"] {
  const rows = districtIds.length
    ? db
        .select({ stage: stageDurations.stage, week: stageDurations.week, completions: sql<number>`sum(${stageDurations.completions})` })
        .from(stageDurations)
        .where(inArray(stageDurations.districtId, districtIds))
        .groupBy(stageDurations.stage, stageDurations.week)
        .orderBy(stageDurations.stage, stageDurations.week)
        .all()
    : [];
  return STAGES.map((stage) => {
    const weeks = rows.filter((r) => r.stage === stage);
    const completions = weeks.reduce((total, r) => total + r.completions, 0);
    let seen = 0;
    const middle = weeks.find((r) => (seen += r.completions) >= completions / 2);
    return { stage, completions, medianWeek: middle?.week ?? null };
  });
}

/** The figures every part reads: the scope's districts and the tallies' sums (per mentor only when asked). */
function scopeSums(db: Db, viewer: Viewer, now: number, byMentor = false) {
  const scopeDistricts = districtOptionsInScope(db, viewer);
  return { scopeDistricts, summary: readSummary(db, viewer, now, { byMentor }) };
}

function totalsOf(summary: Summary): Overview["totals"] {
  const { all } = summary;
  return {
    registrants: all.count,
    active: all.active,
    stalled: all.stalled,
    stalledNew: all.stalledNew,
    dormant: all.dormant,
    graduated: summary.graduated,
    reached: all.reached,
  };
}

// The coordinator's figures come as four pages (the overview, the stall map, conversion, mentor
// load): each reads only what it shows, so the overview is not paid for the tables it links to.

/** The overview page: totals and funnel, the most stalled cohorts, the trend and stall ages, notes, medians, months. */
export type OverviewSummary = Pick<
  Overview,
  "asOf" | "threshold" | "totals" | "funnel" | "cohorts" | "cohortsFlagged" | "ageBands" | "trend" | "waitsOn" | "overdueFollowUps" | "medians" | "monthly"
>;

export function getOverviewSummary(db: Db, viewer: Viewer, options: { now?: number } = {}): OverviewSummary {
  const now = options.now ?? Date.now();
  const { scopeDistricts, summary } = scopeSums(db, viewer, now);
  return overviewSummary(db, viewer, now, scopeDistricts, summary, recentOnsets(db, viewer, now));
}

function overviewSummary(
  db: Db,
  viewer: Viewer,
  now: number,
  scopeDistricts: { id: number }[],
  summary: Summary,
  onsets: ReturnType<typeof recentOnsets>,
): OverviewSummary {
  const districtIds = scopeDistricts.map((d) => d.id);
  const threshold = loadStallSettings(db).cohortThreshold;
  const topCohorts = mostStalledCohorts(db, viewer, now, threshold);
  const cohortTrend = cohortDirections(db, viewer, topCohorts.rows.map((c) => c.id), now);
  return {
    asOf: now,
    threshold,
    totals: totalsOf(summary),
    funnel: summary.funnel,
    cohorts: topCohorts.rows.map((c) => ({ ...c, flagged: c.share > threshold, direction: cohortTrend.get(c.id) ?? { opened: 0, resolved: 0 } })),
    cohortsFlagged: topCohorts.flagged,
    ageBands: ageBandsOf(onsets, summary.all.stalled),
    trend: readScopeTrend(db, viewer, now, onsets).trend,
    ...stallNoteFigures(db, viewer, now),
    medians: medians(db, districtIds),
    monthly: monthly(db, districtIds, now),
  };
}

/** The stall map page: districts × stages, with each district's direction over the last weeks. */
export type StallMap = Pick<Overview, "asOf" | "districts" | "districtsEmpty" | "stalledByStage" | "stalledNewByStage"> & {
  totals: Pick<Overview["totals"], "stalled" | "stalledNew">;
  /** Stalls opened and resolved in scope over the direction's weeks (the map's total row). */
  direction: Direction;
};

export function getStallMap(db: Db, viewer: Viewer, options: { now?: number } = {}): StallMap {
  const now = options.now ?? Date.now();
  const { scopeDistricts, summary } = scopeSums(db, viewer, now);
  return stallMap(db, viewer, now, scopeDistricts, summary, recentOnsets(db, viewer, now));
}

function stallMap(
  db: Db,
  viewer: Viewer,
  now: number,
  scopeDistricts: { id: number; name: string }[],
  summary: Summary,
  onsets: ReturnType<typeof recentOnsets>,
): StallMap {
  const districtSums = summary.byDistrict;
  const scopeTrend = readScopeTrend(db, viewer, now, onsets);
  const districtTrend = scopeTrend.districts;
  const districts = scopeDistricts
    .filter((d) => districtSums.has(d.id))
    .map((d) => {
      const sum = districtSums.get(d.id)!;
      const direction = districtTrend.get(d.id) ?? { opened: 0, resolved: 0 };
      return { ...stallRow(d.id, d.name, sum), stalledOpen: sum.stalledOpen, stalledNewOpen: sum.stalledNewOpen, direction };
    })
    .sort(byStalledShare);
  const direction = scopeTrend.trend
    .slice(-DIRECTION_WEEKS)
    .reduce((d, w) => ({ opened: d.opened + w.opened, resolved: d.resolved + w.resolved }), { opened: 0, resolved: 0 });
  return {
    asOf: now,
    totals: { stalled: summary.all.stalled, stalledNew: summary.all.stalledNew },
    direction,
    districts,
    districtsEmpty: scopeDistricts.length - districts.length,
    stalledByStage: summary.all.stalledOpen,
    stalledNewByStage: summary.all.stalledNewOpen,
  };
}

/** The conversion page: how far the people of each district, agency, mentor or cohort got. */
export function getConversion(db: Db, viewer: Viewer, options: { by?: ConversionBy; now?: number } = {}): Pick<Overview, "asOf" | "conversion"> {
  const now = options.now ?? Date.now();
  const by = options.by ?? "district";
  if (by === "cohort") return { asOf: now, conversion: cohortConversion(db, viewer, now) };
  const { scopeDistricts, summary } = scopeSums(db, viewer, now, by === "mentor");
  return { asOf: now, conversion: conversion(db, viewer, summary, by, new Map(scopeDistricts.map((d) => [d.id, d.name])), now) };
}

/** The mentor load page: the mentors with the most stalled participants (TOP_MENTORS). */
export function getMentorLoad(db: Db, viewer: Viewer, options: { now?: number } = {}): Pick<Overview, "asOf" | "mentors" | "mentorsTotal"> {
  const now = options.now ?? Date.now();
  return { asOf: now, ...mentorLoad(db, readSummary(db, viewer, now)) };
}

function mentorLoad(db: Db, summary: Summary): Pick<Overview, "mentors" | "mentorsTotal"> {
  // Ranked on the sums first, so that only the names shown are read.
  const ranked = [...summary.byMentor]
    .map(([id, sum]) => ({ id, participants: sum.count, active: sum.active, stalled: sum.stalled }))
    .sort((a, b) => b.stalled - a.stalled || b.active - a.active || a.id - b.id);
  const shown = ranked.slice(0, TOP_MENTORS);
  const names = namesOf(db, users, shown.map((m) => m.id));
  return { mentors: shown.map((m) => ({ ...m, name: names.get(m.id) ?? String(m.id) })), mentorsTotal: ranked.length };
}

/** Every figure of the four pages at once, from one read of the sums (the figures tests, the benchmark). */
export function getOverview(db: Db, viewer: Viewer, options: { by?: ConversionBy; now?: number } = {}): Overview {
  const now = options.now ?? Date.now();
  const { scopeDistricts, summary } = scopeSums(db, viewer, now, true);
  const onsets = recentOnsets(db, viewer, now);
  const map = stallMap(db, viewer, now, scopeDistricts, summary, onsets);
  return {
    ...overviewSummary(db, viewer, now, scopeDistricts, summary, onsets),
    conversion: conversion(db, viewer, summary, options.by ?? "district", new Map(scopeDistricts.map((d) => [d.id, d.name])), now),
    districts: map.districts,
    districtsEmpty: map.districtsEmpty,
    stalledByStage: map.stalledByStage,
    stalledNewByStage: map.stalledNewByStage,
    ...mentorLoad(db, summary),
  };
}
