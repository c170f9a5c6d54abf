// The stall rule as SQL, for lists and counts over many participants. Same rule as stalled.ts.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { settings, stageSettings } from "../../../db/schema";
import { STAGES, stageNumber, type StageId } from "../../../machines/stages";
import { DAY_MS, openStates, type StallSettings } from "./stalled";

const FALLBACK_LIMIT_DAYS = 60;

export function loadStallSettings(db: Db): StallSettings {
  const limits = new Map(db.select().from(stageSettings).all().map((r) => [r.stage, r.timeLimitDays]));
  const values = new Map(db.select().from(settings).all().map((r) => [r.key, r.value]));
  const stageLimitDays = Object.fromEntries(
    STAGES.map((stage) => [stage, limits.get(stage) ?? FALLBACK_LIMIT_DAYS]),
  ) as Record<StageId, number>;
  return {
    inactivityDays: Number(values.get("stall_inactivity_days") ?? 45),
    cohortThreshold: Number(values.get("cohort_stall_threshold") ?? 0.3),
    stageLimitDays,
  };
}

/**
 * A boolean SQL expression over the `participants` table: true when the participant is stalled.
 * Column names are unqualified so the expression works in any query over participants.
 */
export function stalledCondition(s: StallSettings, now: number): SQL {
  const stageClauses = STAGES.map((stage) => {
    const n = stageNumber(stage);
    const cutoff = now - s.stageLimitDays[stage] * DAY_MS;
    return sql`(${sql.raw(`p${n}_state`)} = ${openStates(stage)} AND ${sql.raw(`p${n}_entered_at`)} < ${cutoff})`;
  });
  const idleCutoff = now - s.inactivityDays * DAY_MS;
  return sql`(status = 'active' AND (last_activity_at < ${idleCutoff} OR ${sql.join(stageClauses, sql` OR `)}))`;
}
