// The stall rule as SQL, for lists and counts over many participants. Same rule as stalled.ts.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { settings, stageSettings } from "../../../db/schema";
import { STAGES, type StageId } from "../../../machines/stages";
import type { StallSettings } from "./stalled";

// The same fallbacks are written in the stalled_since triggers (db/migrations/0005_stalled_since.sql).
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
 * A boolean SQL expression over the `participants` table: true when the participant is stalled at
 * `now`. The onset is kept in `stalled_since` by the database (migration 0005) from the same settings
 * loadStallSettings reads, so this is one indexed range. Unqualified, so it works in any query over
 * participants.
 */
export function stalledCondition(now: number): SQL {
  return sql`(status = 'active' AND stalled_since < ${now})`;
}
