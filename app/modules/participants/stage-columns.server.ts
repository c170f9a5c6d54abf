// A participant's seven stage states (and the times each stage was entered), selected together
// wherever a page or file shows P1–P7, and read back in stage order.
import { participants } from "../../../db/schema";
import type { StageState } from "../../../machines/stages";

export const stageStateColumns = {
  p1: participants.p1State,
  p2: participants.p2State,
  p3: participants.p3State,
  p4: participants.p4State,
  p5: participants.p5State,
  p6: participants.p6State,
  p7: participants.p7State,
};

export type StageStateRow = { [K in keyof typeof stageStateColumns]: StageState };

export function stageStatesOf(row: StageStateRow): StageState[] {
  return [row.p1, row.p2, row.p3, row.p4, row.p5, row.p6, row.p7];
}

export const stageEnteredColumns = {
  e1: participants.p1EnteredAt,
  e2: participants.p2EnteredAt,
  e3: participants.p3EnteredAt,
  e4: participants.p4EnteredAt,
  e5: participants.p5EnteredAt,
  e6: participants.p6EnteredAt,
  e7: participants.p7EnteredAt,
};

/** When each stage was entered (epoch ms), null for a stage not entered yet. */
export function stageEnteredAtOf(row: { [K in keyof typeof stageEnteredColumns]: number | null }): (number | null)[] {
  return [row.e1, row.e2, row.e3, row.e4, row.e5, row.e6, row.e7];
}

/**
 * The entry times under the column names the stall rule reads (StallColumns in journey/stalled.ts),
 * for the list and the participant page, and for the counters a move writes.
 */
export const enteredAtColumns = {
  p1EnteredAt: participants.p1EnteredAt,
  p2EnteredAt: participants.p2EnteredAt,
  p3EnteredAt: participants.p3EnteredAt,
  p4EnteredAt: participants.p4EnteredAt,
  p5EnteredAt: participants.p5EnteredAt,
  p6EnteredAt: participants.p6EnteredAt,
  p7EnteredAt: participants.p7EnteredAt,
};
