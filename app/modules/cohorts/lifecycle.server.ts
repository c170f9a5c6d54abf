// A cohort's lifecycle on the server: the cohort length setting, "open" and "closed" as SQL (the
// planned end against today's date in Jakarta, so a closed cohort is never stored as such), and a
// cohort's result counted from its members with the dormancy rule of journey/stalled.server.ts.
import { and, eq, inArray, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { cohorts, participants, settings } from "../../../db/schema";
import { activeCondition, dormantCondition } from "../journey/stalled.server";
import { participantScope, type Viewer } from "../access/scope.server";
import { COHORT_LENGTH_SETTING_KEY, DEFAULT_COHORT_LENGTH_MONTHS, emptyCohortResult, jakartaDay, type CohortResult } from "./lifecycle";

/** The cohort length in force (months), the default when never saved. */
export function loadCohortLengthMonths(db: Db): number {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, COHORT_LENGTH_SETTING_KEY)).get();
  const months = row ? Number(row.value) : Number.NaN;
  return Number.isInteger(months) && months > 0 ? months : DEFAULT_COHORT_LENGTH_MONTHS;
}

/**
 * True for a cohort still open at `now`: its planned end is today or later in Jakarta. `plannedEnd`
 * is the column to compare (pass `sql.raw("c.planned_end_on")` in a query that aliases cohorts).
 * ISO dates compare as text, in SQLite and PostgreSQL alike.
 */
export function openCohortCondition(now: number, plannedEnd: SQLWrapper = cohorts.plannedEndOn): SQL {
  return sql`${plannedEnd} >= ${jakartaDay(now)}`;
}

/** True for a cohort closed at `now` (its planned end has passed in Jakarta). */
export function closedCohortCondition(now: number, plannedEnd: SQLWrapper = cohorts.plannedEndOn): SQL {
  return sql`${plannedEnd} < ${jakartaDay(now)}`;
}

const count = (condition: SQL) => sql<number>`coalesce(sum(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`;

/**
 * Each cohort's result at `now`, over the members the viewer may see: graduated, still active (not
 * dormant), on hold, and not completed (dormant or withdrawn). Cohorts without such members get zeros.
 */
export function cohortResults(db: Db, viewer: Viewer, cohortIds: number[], now: number): Map<number, CohortResult> {
  const results = new Map<number, CohortResult>(cohortIds.map((id) => [id, emptyCohortResult()]));
  if (cohortIds.length === 0) return results;
  const rows = db
    .select({
      id: participants.cohortId,
      members: sql<number>`count(*)`,
      graduated: count(sql`${participants.status} = 'graduated'`),
      active: count(activeCondition(now)),
      onHold: count(sql`${participants.status} = 'on_hold'`),
      dormant: count(dormantCondition(now)),
      withdrawn: count(sql`${participants.status} = 'withdrawn'`),
    })
    .from(participants)
    .where(and(inArray(participants.cohortId, cohortIds), participantScope(db, viewer)))
    .groupBy(participants.cohortId)
    .all();
  for (const row of rows) {
    if (row.id === null) continue;
    results.set(row.id, {
      members: row.members,
      graduated: row.graduated,
      active: row.active,
      onHold: row.onHold,
      dormant: row.dormant,
      withdrawn: row.withdrawn,
      notCompleted: row.dormant + row.withdrawn,
    });
  }
  return results;
}
