// The pipeline beside a round's collaboration scores: for each district, the figures the coordinator's
// dashboard computes (stall rule, tallies, stall episodes, stage durations), read through the dashboard's
// own verbs so that "stalled" has one definition. Figures about people stand as of now (the tallies hold
// the present); stalls opened are counted over the round's period.
import type { Db } from "../../../db/client";
import { STAGES, type StageId } from "../../../machines/stages";
import { DAY_MS } from "../../../machines/time";
import type { Viewer } from "../access/scope.server";
import { medians } from "../dashboard/overview.server";
import { stallsOpenedByDistrict } from "../dashboard/trend.server";
import { readSummary } from "../tallies/tallies.server";

export type DistrictPipeline = {
  /** Active (not dormant) participants now, and the stalled among them. */
  active: number;
  stalled: number;
  share: number;
  /** Stall episodes whose onset fell in the round's period (ended since or still under way). */
  openedInPeriod: number;
  /** Registrants, and those who reached P7 (done or waived): the P1→P7 conversion. */
  registrants: number;
  reachedLast: number;
  conversion: number | null;
};

/** The first moment of a Jakarta day (YYYY-MM-DD). */
export const dayStart = (day: string) => Date.parse(`${day}T00:00:00+07:00`);

/** A period's moments: from its first day's start to its last day's end, and never past now. */
export function periodMoments(period: { periodStart: string; periodEnd: string }, now: number): { from: number; to: number } {
  return { from: dayStart(period.periodStart), to: Math.min(now, dayStart(period.periodEnd) + DAY_MS) };
}

/** Each district's pipeline figures, for the districts given, within the viewer's scope. */
export function districtPipelines(
  db: Db,
  viewer: Viewer,
  districtIds: number[],
  period: { periodStart: string; periodEnd: string },
  now = Date.now(),
): Map<number, DistrictPipeline> {
  const summary = readSummary(db, viewer, now);
  const { from, to } = periodMoments(period, now);
  const opened = from < to ? stallsOpenedByDistrict(db, viewer, from, to) : new Map<number, number>();
  const result = new Map<number, DistrictPipeline>();
  for (const id of districtIds) {
    const sum = summary.byDistrict.get(id);
    const registrants = sum?.count ?? 0;
    const reachedLast = sum?.reached[STAGES.length - 1] ?? 0;
    result.set(id, {
      active: sum?.active ?? 0,
      stalled: sum?.stalled ?? 0,
      share: sum && sum.active > 0 ? sum.stalled / sum.active : 0,
      openedInPeriod: opened.get(id) ?? 0,
      registrants,
      reachedLast,
      conversion: registrants > 0 ? reachedLast / registrants : null,
    });
  }
  return result;
}

/** Median weeks in each stage for the district (the dashboard's medians over its completions). */
export function districtMedians(db: Db, districtId: number): { stage: StageId; completions: number; medianWeek: number | null }[] {
  return medians(db, [districtId]);
}
