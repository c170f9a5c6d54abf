// The stall and dormancy rule as SQL conditions over participants, for lists and counts. The onsets
// themselves are kept in participants.stalled_since and dormant_since by triggers generated from
// stalled.ts (stall-sql.server.ts), so every condition here is an indexed range.
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { settings, stageSettings } from "../../../db/schema";
import { STAGES, type StageId } from "../../../machines/stages";
import { DEFAULT_STALL_SETTINGS, STALL_SETTING_KEYS, type StallSettings } from "./stalled";

export function loadStallSettings(db: Db): StallSettings {
  const limits = new Map(db.select().from(stageSettings).all().map((r) => [r.stage, r.timeLimitDays]));
  const values = new Map(db.select().from(settings).all().map((r) => [r.key, r.value]));
  const stageLimitDays = Object.fromEntries(
    STAGES.map((stage) => [stage, limits.get(stage) ?? DEFAULT_STALL_SETTINGS.stageLimitDays]),
  ) as Record<StageId, number>;
  const number = (key: keyof typeof STALL_SETTING_KEYS) => Number(values.get(STALL_SETTING_KEYS[key]) ?? DEFAULT_STALL_SETTINGS[key]);
  return {
    inactivityDays: number("inactivityDays"),
    dormantDays: number("dormantDays"),
    cohortThreshold: number("cohortThreshold"),
    stageLimitDays,
  };
}

/**
 * True when the participant is stalled at `now`: active, past their onset, and not dormant.
 * Unqualified, so it works in any query over participants. `now` may be a placeholder, in a statement
 * prepared once (today.server.ts), as it may in the conditions below.
 */
export function stalledCondition(now: number | SQLWrapper): SQL {
  return sql`(status = 'active' AND stalled_since < ${now} AND dormant_since >= ${now})`;
}

/** True when the participant is dormant at `now` (status active, nothing recorded for the dormancy days). */
export function dormantCondition(now: number | SQLWrapper): SQL {
  return sql`(status = 'active' AND dormant_since < ${now})`;
}

/** True when the participant is active and not dormant at `now`: the "active" of every figure. */
export function activeCondition(now: number | SQLWrapper): SQL {
  return sql`(status = 'active' AND dormant_since >= ${now})`;
}
