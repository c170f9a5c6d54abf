// The coordinator's figures about people, from the participant columns: one grouped pass over the
// participants in the viewer's scope (participantScope), by district, cohort, mentor, agency, status
// and furthest stage. Everything the overview and the cohort list show about people is a sum over
// these groups, so the pages always agree with each other and with the participant list.
//
// At 300,000 participants one pass takes about half a second (it reads every row in scope from the
// participants_dashboard index), so the result is kept for a short while per scope (ROLLUP_MAX_AGE_MS): the
// dashboard reads "as of" that moment. A change of the rules (stage limits, inactivity days,
// threshold) or of who belongs where (cohort assignments, handoffs, users: all audited) is not
// waited out: it changes the marker the kept rollup was computed under, so the next request
// computes afresh and the change shows at once. Journey events (entries, completions, durations) do not come
// from here but from counters kept in the move's transaction (counters.server.ts).
import { sql } from "drizzle-orm";
import { perDatabase, type Db } from "../../../db/client";
import { participants } from "../../../db/schema";
import { STAGES, stageNumber, type ParticipantStatus } from "../../../machines/stages";
import { openStates, type StallSettings } from "../journey/stalled";
import { loadStallSettings, stalledCondition } from "../journey/stalled.server";
import { participantScope, type Viewer } from "../participants/scope.server";

export type RollupGroup = {
  districtId: number;
  cohortId: number | null;
  mentorId: number | null;
  agencyId: number;
  status: ParticipantStatus;
  furthest: number;
  count: number;
  stalled: number;
  /** The earliest stall onset among the stalled of the group (ms), null when none is stalled. */
  stalledSince: number | null;
  /** Per stage P1…P7: stalled participants with that stage open. */
  stalledOpen: number[];
};

export type Rollup = { at: number; settings: StallSettings; marker: string; groups: RollupGroup[] };

/** How long a computed rollup is served before it is computed again. */
export const ROLLUP_MAX_AGE_MS = 60_000;

const rollupsOf = perDatabase(() => new Map<string, Rollup>());

function scopeKey(viewer: Viewer): string {
  return viewer.role === "coordinator" ? `coordinator:${viewer.cityId ?? "all"}` : `${viewer.role}:${viewer.id}`;
}

/** The groups of the viewer's scope, computed at most `maxAgeMs` ago (0: now). */
export function getRollup(db: Db, viewer: Viewer, { now = Date.now(), maxAgeMs = ROLLUP_MAX_AGE_MS } = {}): Rollup {
  const byScope = rollupsOf(db);
  const key = scopeKey(viewer);
  const kept = byScope.get(key);
  if (kept && now - kept.at <= maxAgeMs && kept.at <= now && kept.marker === changeMarker(db)) return kept;
  const rollup = computeRollup(db, viewer, now);
  byScope.set(key, rollup);
  return rollup;
}

/** Changes whenever the rules or the placement of people change (a few primary-key lookups). */
function changeMarker(db: Db): string {
  const ids = db.$client
    .prepare(
      `SELECT (SELECT max(id) FROM audit_log) AS audit, (SELECT max(id) FROM handoffs) AS handoffs,
              (SELECT max(id) FROM settings_changes) AS settings, (SELECT max(version) FROM journey_rules) AS rules`,
    )
    .get();
  return JSON.stringify([ids, loadStallSettings(db)]);
}

export function computeRollup(db: Db, viewer: Viewer, now: number): Rollup {
  const marker = changeMarker(db);
  const settings = loadStallSettings(db);
  // Whether each participant is stalled is decided once (in the materialised inner query), then summed.
  const openFlags = STAGES.map((stage) => {
    const n = stageNumber(stage);
    return sql`(${sql.raw(`p${n}_state`)} = ${openStates(stage)}) AS ${sql.raw(`o${n}`)}`;
  });
  const stalledOpen = STAGES.map((stage) => sql.raw(`sum(stalled AND o${stageNumber(stage)})`));
  const rows = db.all<Omit<RollupGroup, "stalledOpen"> & Record<`s${1 | 2 | 3 | 4 | 5 | 6 | 7}`, number>>(sql`
    WITH marked AS MATERIALIZED (
      SELECT district_id, cohort_id, mentor_id, agency_id, status, furthest_stage,
        ${stalledCondition(now)} AS stalled, stalled_since AS since, ${sql.join(openFlags, sql`, `)}
      FROM ${participants} WHERE ${participantScope(db, viewer)}
    )
    SELECT district_id AS districtId, cohort_id AS cohortId, mentor_id AS mentorId, agency_id AS agencyId,
      status, furthest_stage AS furthest, count(*) AS count, sum(stalled) AS stalled,
      min(CASE WHEN stalled THEN since END) AS stalledSince,
      ${sql.join(stalledOpen.map((expr, i) => sql`${expr} AS ${sql.raw(`s${i + 1}`)}`), sql`, `)}
    FROM marked GROUP BY district_id, cohort_id, mentor_id, agency_id, status, furthest_stage`);
  return {
    at: now,
    settings,
    marker,
    groups: rows.map(({ s1, s2, s3, s4, s5, s6, s7, ...group }) => ({ ...group, stalledOpen: [s1, s2, s3, s4, s5, s6, s7] })),
  };
}
