// Writes the dashboard counters. Called inside the move's own transaction (journey.server.ts), so a
// counter never disagrees with the moves that were committed.
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { participants, stageDurations, stageMonthCounts } from "../../../db/schema";
import { stageNumber, type StageId, type StageState } from "../../../machines/stages";
import { enteredAtColumns } from "../participants/stage-columns.server";
import { counterDeltas, type CounterDelta } from "./counters";

/** The columns a move must read before it writes, to count what it changes. */
export const counterColumns = { districtId: participants.districtId, ...enteredAtColumns };
type CounterRow = { districtId: number } & { [K in `p${1 | 2 | 3 | 4 | 5 | 6 | 7}EnteredAt`]?: number | null };

/** Counts one applied move: `row` was read (with counterColumns) before the move wrote. */
export function countMove(
  tx: Db,
  row: CounterRow,
  before: Record<StageId, StageState> | null,
  after: Record<StageId, StageState>,
  at: number,
): void {
  const enteredAt = (stage: StageId) => row[`p${stageNumber(stage) as 1 | 2 | 3 | 4 | 5 | 6 | 7}EnteredAt`] ?? null;
  recordCounters(tx, row.districtId, counterDeltas(before, after, enteredAt, at));
}

export function recordCounters(tx: Db, districtId: number, deltas: CounterDelta[]): void {
  for (const delta of deltas) {
    const add = { entered: 0, completed: 0, waived: 0, [delta.kind]: 1 };
    tx.insert(stageMonthCounts)
      .values({ districtId, stage: delta.stage, month: delta.month, ...add })
      .onConflictDoUpdate({
        target: [stageMonthCounts.districtId, stageMonthCounts.stage, stageMonthCounts.month],
        set: {
          entered: sql`${stageMonthCounts.entered} + ${add.entered}`,
          completed: sql`${stageMonthCounts.completed} + ${add.completed}`,
          waived: sql`${stageMonthCounts.waived} + ${add.waived}`,
        },
      })
      .run();
    if (delta.kind === "completed" && delta.week !== null) {
      tx.insert(stageDurations)
        .values({ districtId, stage: delta.stage, week: delta.week, completions: 1 })
        .onConflictDoUpdate({
          target: [stageDurations.districtId, stageDurations.stage, stageDurations.week],
          set: { completions: sql`${stageDurations.completions} + 1` },
        })
        .run();
    }
  }
}
