// Closed cohorts, listed apart from the open ones (which /kohort ranks by stalled share): the most
// recently ended first, each with its result over the members the viewer may see.
import { and, asc, count, desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { cohorts, districts } from "../../../db/schema";
import { cohortsInScope, type Viewer } from "../access/scope.server";
import type { CohortResult } from "./lifecycle";
import { closedCohortCondition, cohortResults, openCohortCondition } from "./lifecycle.server";

export const CLOSED_PAGE_SIZE = 50;

export type ClosedCohortRow = {
  id: number;
  name: string;
  districtName: string;
  intakeDate: string;
  plannedEndOn: string;
  result: CohortResult;
};

export function listClosedCohorts(db: Db, viewer: Viewer, { page = 1, now = Date.now() }: { page?: number; now?: number } = {}) {
  const scope = cohortsInScope(db, viewer);
  const where = scope && and(scope, closedCohortCondition(now))!;
  const total = where ? db.select({ n: count() }).from(cohorts).where(where).get()!.n : 0;
  const pageCount = Math.max(1, Math.ceil(total / CLOSED_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = where
    ? db
        .select({ id: cohorts.id, name: cohorts.name, districtName: districts.name, intakeDate: cohorts.intakeDate, plannedEndOn: cohorts.plannedEndOn })
        .from(cohorts)
        .innerJoin(districts, eq(districts.id, cohorts.districtId))
        .where(where)
        .orderBy(desc(cohorts.plannedEndOn), asc(cohorts.name), asc(cohorts.id))
        .limit(CLOSED_PAGE_SIZE)
        .offset((current - 1) * CLOSED_PAGE_SIZE)
        .all()
    : [];
  // Only the page's cohorts are counted: each is a few dozen members, read by participants_cohort_status.
  const results = cohortResults(db, viewer, rows.map((r) => r.id), now);
  return {
    asOf: now,
    total,
    page: current,
    pageCount,
    rows: rows.map((row): ClosedCohortRow => ({ ...row, result: results.get(row.id)! })),
  };
}

/** How many cohorts in the viewer's scope are closed at `now`. */
export function countClosedCohorts(db: Db, viewer: Viewer, now: number): number {
  const scope = cohortsInScope(db, viewer);
  return scope ? db.select({ n: count() }).from(cohorts).where(and(scope, closedCohortCondition(now))).get()!.n : 0;
}

/** How many cohorts in the viewer's scope are open at `now` (those /kohort ranks). */
export function countOpenCohorts(db: Db, viewer: Viewer, now: number): number {
  const scope = cohortsInScope(db, viewer);
  return scope ? db.select({ n: count() }).from(cohorts).where(and(scope, openCohortCondition(now))).get()!.n : 0;
}
