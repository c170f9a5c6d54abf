// What one journey move adds to the dashboard counters (db/schema.ts "Dashboard counters"). Pure, so
// the journey service and the scale generator count exactly alike.
import { STAGES, type StageId, type StageState } from "../../../machines/stages";
import { jakartaMonth } from "../i18n/jakarta";
import { WEEK_MS } from "../../../machines/time";

/** Stage durations are kept in whole weeks up to this bucket (two years); longer ones share it. */
export const STAGE_DURATION_MAX_WEEK = 104;

/** The month a moment counts in: months begin at midnight in Jakarta. */
export function monthOf(at: number): string {
  return jakartaMonth(at);
}

export function durationWeek(openedAt: number, doneAt: number): number {
  return Math.min(STAGE_DURATION_MAX_WEEK, Math.max(0, Math.floor((doneAt - openedAt) / WEEK_MS)));
}

export type CounterDelta =
  | { stage: StageId; month: string; kind: "entered" | "waived" }
  | { stage: StageId; month: string; kind: "completed"; week: number | null };

const OPEN: readonly StageState[] = ["submitted", "in_progress"];
const DONE: readonly StageState[] = ["verified", "done"];

/**
 * The counters a move changes: every stage whose state changed, by the state it now has. A stage
 * completed from an open state also gives its duration: from when it was opened (its entered-at
 * before the move) to now. Time on hold counts, as the participant was in the stage meanwhile.
 */
export function counterDeltas(
  before: Record<StageId, StageState> | null,
  after: Record<StageId, StageState>,
  enteredAtBefore: (stage: StageId) => number | null,
  at: number,
): CounterDelta[] {
  let month: string | undefined; // formatted only when something is counted (most moves count nothing)
  const deltas: CounterDelta[] = [];
  for (const stage of STAGES) {
    const from = before?.[stage] ?? null;
    const to = after[stage];
    if (from === to) continue;
    month ??= monthOf(at);
    if (OPEN.includes(to)) deltas.push({ stage, month, kind: "entered" });
    else if (to === "waived") deltas.push({ stage, month, kind: "waived" });
    else if (DONE.includes(to)) {
      const openedAt = from !== null && OPEN.includes(from) ? enteredAtBefore(stage) : null;
      deltas.push({ stage, month, kind: "completed", week: openedAt === null ? null : durationWeek(openedAt, at) });
    }
  }
  return deltas;
}

/** Counter rows summed in memory, for writing many journeys at once (the scale generator). */
export class CounterTally {
  readonly months = new Map<string, { districtId: number; stage: StageId; month: string; entered: number; completed: number; waived: number }>();
  readonly durations = new Map<string, { districtId: number; stage: StageId; week: number; completions: number }>();

  add(districtId: number, deltas: CounterDelta[]): void {
    for (const delta of deltas) {
      const key = `${districtId}|${delta.stage}|${delta.month}`;
      let row = this.months.get(key);
      if (!row) this.months.set(key, (row = { districtId, stage: delta.stage, month: delta.month, entered: 0, completed: 0, waived: 0 }));
      row[delta.kind]++;
      if (delta.kind === "completed" && delta.week !== null) {
        const weekKey = `${districtId}|${delta.stage}|${delta.week}`;
        let bucket = this.durations.get(weekKey);
        if (!bucket) this.durations.set(weekKey, (bucket = { districtId, stage: delta.stage, week: delta.week, completions: 0 }));
        bucket.completions++;
      }
    }
  }
}
