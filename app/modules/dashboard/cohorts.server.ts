// Cohorts, read-only: the list with each cohort's stalled share, and one cohort's funnel, stalled
// members and recent moves. A cohort is visible when its district is in the viewer's districts (and,
// for a mentor, it belongs to their agency); its figures count only participants in scope.
import { aliasedTable, and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { isCohortClosed } from "../cohorts/lifecycle";
import { openCohortCondition } from "../cohorts/lifecycle.server";
import { agencies, cohorts, districts, participants, transitionLog, users } from "../../../db/schema";
import { STATUSES, type ParticipantStatus } from "../../../machines/stages";
import { activeCondition, loadStallSettings, stalledCondition } from "../journey/stalled.server";
import { listParticipantsInScope, type ParticipantList } from "../participants/participants.server";
import { cohortsInScope, participantScope, type Viewer } from "../access/scope.server";
import type { StallRow } from "./overview.server";
import type { CohortSort } from "./options";
import { cohortFigures, MOST_STALLED_FIRST } from "../tallies/tallies.server";
import { allCompiled } from "../../../db/compiled-statements";

export const COHORT_PAGE_SIZE = 50;
export const COHORT_HISTORY_PAGE_SIZE = 25;

export type CohortListRow = StallRow & { districtName: string; intakeDate: string; members: number; flagged: boolean };

export function listCohorts(
  db: Db,
  viewer: Viewer,
  { sort = "stalled", page = 1, now = Date.now() }: { sort?: CohortSort; page?: number; now?: number } = {},
) {
  // Cohort lifecycle: open cohorts only. A closed cohort (planned end passed in Jakarta) is never
  // ranked among the stalled; /kohort lists the closed apart (cohorts/closed.server.ts).
  const inScope = cohortsInScope(db, viewer);
  const where = inScope && and(inScope, openCohortCondition(now))!;
  const threshold = loadStallSettings(db).cohortThreshold;
  const total = where ? db.select({ n: count() }).from(cohorts).where(where).get()!.n : 0;
  const pageCount = Math.max(1, Math.ceil(total / COHORT_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const cohortSums = where ? cohortFigures(db, viewer, now, { cohorts: openCohortCondition(now) }) : null;
  // Sorted and cut in SQL: a province has thousands of cohorts and a page shows fifty.
  const order: Record<CohortSort, SQL> = {
    stalled: MOST_STALLED_FIRST,
    intake: sql`f.intakeDate DESC, f.name COLLATE NOCASE, f.id`,
    name: sql`f.name COLLATE NOCASE, f.id`,
  };
  const rows =
    where && cohortSums
      ? allCompiled<Omit<CohortListRow, "flagged" | "stalledNew"> & { flaggedInAll: number; stalled_new: number }>(
          db,
          sql`
          SELECT f.*, sum(f.share > ${threshold}) OVER () AS flaggedInAll
          FROM (SELECT ${cohorts.id} AS id, ${cohorts.name} AS name, ${cohorts.intakeDate} AS intakeDate, ${districts.name} AS districtName,
              coalesce(x.members, 0) AS members, coalesce(x.active, 0) AS active, coalesce(x.stalled, 0) AS stalled,
              coalesce(x.share, 0.0) AS share, coalesce(x.stalled_new, 0) AS stalled_new
            FROM ${cohorts} JOIN ${districts} ON ${districts.id} = ${cohorts.districtId} LEFT JOIN ${cohortSums.figures} x ON x.id = ${cohorts.id}
            WHERE ${where}) f
          ORDER BY ${order[sort]} LIMIT ${COHORT_PAGE_SIZE} OFFSET ${(current - 1) * COHORT_PAGE_SIZE}`,
          cohortSums.moments,
        )
      : [];
  return {
    asOf: now,
    threshold,
    total,
    flagged: rows[0]?.flaggedInAll ?? 0,
    sort,
    page: current,
    pageCount,
    rows: rows.map(({ flaggedInAll: _, stalled_new, ...row }) => ({ ...row, stalledNew: stalled_new, flagged: row.share > threshold })),
  };
}

/** The cohort when the viewer may see it, else null (the route answers 404 either way). */
export function findCohortInScope(db: Db, viewer: Viewer, cohortId: number) {
  const where = cohortsInScope(db, viewer);
  if (!where) return null;
  return (
    db
      .select({
        id: cohorts.id,
        name: cohorts.name,
        intakeDate: cohorts.intakeDate,
        plannedEndOn: cohorts.plannedEndOn,
        districtId: cohorts.districtId,
        districtName: districts.name,
        agencyName: agencies.name,
      })
      .from(cohorts)
      .innerJoin(districts, eq(districts.id, cohorts.districtId))
      .innerJoin(agencies, eq(agencies.id, cohorts.agencyId))
      .where(and(eq(cohorts.id, cohortId), where))
      .get() ?? null
  );
}

export type CohortHistoryEntry = {
  id: number;
  at: number;
  eventType: string;
  stage: string | null;
  kind: string | null;
  reason: string | null;
  participantId: number;
  participantName: string;
  actorName: string | null;
};

export type CohortPage = {
  cohort: NonNullable<ReturnType<typeof findCohortInScope>>;
  threshold: number;
  members: number;
  active: number;
  stalled: number;
  share: number;
  flagged: boolean;
  /** Per stage P1…P7: members who reached it, by status now. */
  funnel: Record<ParticipantStatus, number>[];
  stalledMembers: ParticipantList;
  history: { entries: CohortHistoryEntry[]; page: number; hasMore: boolean };
};

const actor = aliasedTable(users, "actor");

/** Everything the cohort page shows, computed now from its members (a cohort is small). */
export function getCohortPage(
  db: Db,
  viewer: Viewer,
  cohortId: number,
  { historyPage = 1, stalledPage = 1, now = Date.now() }: { historyPage?: number; stalledPage?: number; now?: number } = {},
): CohortPage | null {
  const cohort = findCohortInScope(db, viewer, cohortId);
  if (!cohort) return null;
  const settings = loadStallSettings(db);
  const stalled = stalledCondition(now);
  const members = and(eq(participants.cohortId, cohortId), participantScope(db, viewer))!;
  const groups = db
    .select({
      status: participants.status,
      furthest: participants.furthestStage,
      count: sql<number>`count(*)`,
      stalled: sql<number>`sum(CASE WHEN ${stalled} THEN 1 ELSE 0 END)`,
      // Active and not dormant: the "active" of every figure.
      active: sql<number>`sum(CASE WHEN ${activeCondition(now)} THEN 1 ELSE 0 END)`,
    })
    .from(participants)
    .where(members)
    .groupBy(participants.status, participants.furthestStage)
    .all();
  const total = groups.reduce((t, g) => t + g.count, 0);
  const active = groups.reduce((t, g) => t + g.active, 0);
  const stalledCount = groups.reduce((t, g) => t + g.stalled, 0);
  const funnel = [1, 2, 3, 4, 5, 6, 7].map((n) => {
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ParticipantStatus, number>;
    for (const g of groups) if (g.furthest >= n) byStatus[g.status] += g.count;
    return byStatus;
  });

  const page = Math.max(1, historyPage);
  const entries = db
    .select({
      id: transitionLog.id,
      at: transitionLog.at,
      eventType: transitionLog.eventType,
      stage: transitionLog.stage,
      kind: sql<string | null>`json_extract(${transitionLog.event}, '$.kind')`,
      reason: transitionLog.reason,
      participantId: participants.id,
      participantName: participants.fullName,
      actorName: actor.name,
    })
    .from(transitionLog)
    .innerJoin(participants, eq(participants.id, transitionLog.participantId))
    .leftJoin(actor, eq(actor.id, transitionLog.actorUserId))
    .where(members)
    .orderBy(desc(transitionLog.at), desc(transitionLog.id))
    .limit(COHORT_HISTORY_PAGE_SIZE + 1)
    .offset((page - 1) * COHORT_HISTORY_PAGE_SIZE)
    .all();

  const share = active === 0 ? 0 : stalledCount / active;
  return {
    cohort,
    threshold: settings.cohortThreshold,
    members: total,
    active,
    stalled: stalledCount,
    share,
    // Only an open cohort is flagged as stalled (cohorts/lifecycle.ts).
    flagged: share > settings.cohortThreshold && !isCohortClosed(cohort.plannedEndOn, now),
    funnel,
    stalledMembers: listParticipantsInScope(db, viewer, { cohort: cohortId, stalled: "yes", page: stalledPage }, now),
    history: { entries: entries.slice(0, COHORT_HISTORY_PAGE_SIZE), page, hasMore: entries.length > COHORT_HISTORY_PAGE_SIZE },
  };
}
