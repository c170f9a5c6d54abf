// The consistency proof used after seeds, crashes and backups: every participant's stored snapshot
// and query columns equal what replaying its log through the machine gives, and its version is the
// log's last version.
import type { Db } from "../../db/client";
import { replayJourney } from "../../app/modules/journey/journey.server";
import { furthestStage } from "../../machines/journey.requirements";
import type { StoredJourney } from "../../machines/journey.persist";

type Row = {
  id: number;
  snapshot: string;
  status: string;
  furthest_stage: number;
  p1_state: string;
  p2_state: string;
  p3_state: string;
  p4_state: string;
  p5_state: string;
  p6_state: string;
  p7_state: string;
  version: number;
  last_version: number | null;
};

/** Replays every participant (or those given); returns how many were checked and which differ. */
export function replayMismatches(db: Db, participantIds?: readonly number[]): { checked: number; mismatched: number[] } {
  const rows = db.$client
    .prepare(
      `SELECT p.id, p.snapshot, p.status, p.furthest_stage, p.p1_state, p.p2_state, p.p3_state, p.p4_state, p.p5_state,
              p.p6_state, p.p7_state, p.version,
              (SELECT max(version) FROM transition_log l WHERE l.participant_id = p.id) AS last_version
       FROM participants p ORDER BY p.id`,
    )
    .all() as Row[];
  const wanted = participantIds ? new Set(participantIds) : null;
  const mismatched: number[] = [];
  let checked = 0;
  for (const r of rows) {
    if (wanted && !wanted.has(r.id)) continue;
    checked++;
    const replayed = replayJourney(db, r.id);
    const stored = JSON.parse(r.snapshot) as StoredJourney;
    const s = replayed.context.stages;
    const columns = [s.registration, s.training, s.mentoring, s.licensing, s.marketing, s.financial_reporting, s.capital];
    const same =
      JSON.stringify(replayed) === JSON.stringify(stored) &&
      r.status === replayed.context.status &&
      r.furthest_stage === furthestStage(s) &&
      JSON.stringify(columns) === JSON.stringify([r.p1_state, r.p2_state, r.p3_state, r.p4_state, r.p5_state, r.p6_state, r.p7_state]) &&
      r.version === r.last_version;
    if (!same) mismatched.push(r.id);
  }
  return { checked, mismatched };
}
