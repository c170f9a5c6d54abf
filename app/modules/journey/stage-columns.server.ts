// A participant's seven stage states and the times each stage was entered, selected together
// wherever a page, a file or a move reads P1–P7, and read back in stage order. The names are those
// the stall rule reads (StallColumns in journey/stalled.ts), so a row selected with them can be
// given to stallReasons as it is.
import { participants } from "../../../db/schema";
import type { StageState } from "../../../machines/stages";

export const stageStateColumns = {
  p1State: participants.p1State,
  p2State: participants.p2State,
  p3State: participants.p3State,
  p4State: participants.p4State,
  p5State: participants.p5State,
  p6State: participants.p6State,
  p7State: participants.p7State,
};

export type StageStateRow = { [K in keyof typeof stageStateColumns]: StageState };

export function stageStatesOf(row: StageStateRow): StageState[] {
  return [row.p1State, row.p2State, row.p3State, row.p4State, row.p5State, row.p6State, row.p7State];
}

export const enteredAtColumns = {
  p1EnteredAt: participants.p1EnteredAt,
  p2EnteredAt: participants.p2EnteredAt,
  p3EnteredAt: participants.p3EnteredAt,
  p4EnteredAt: participants.p4EnteredAt,
  p5EnteredAt: participants.p5EnteredAt,
  p6EnteredAt: participants.p6EnteredAt,
  p7EnteredAt: participants.p7EnteredAt,
};

export type EnteredAtRow = { [K in keyof typeof enteredAtColumns]: number | null };

/** When each stage was entered (epoch ms), null for a stage not entered yet. */
export function stageEnteredAtOf(row: EnteredAtRow): (number | null)[] {
  return [row.p1EnteredAt, row.p2EnteredAt, row.p3EnteredAt, row.p4EnteredAt, row.p5EnteredAt, row.p6EnteredAt, row.p7EnteredAt];
}
