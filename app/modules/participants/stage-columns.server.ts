// A participant's seven stage states, selected together wherever a page or file shows the P1–P7
// strip, and read back in stage order.
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
