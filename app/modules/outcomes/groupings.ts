// How the outcomes are grouped on /koordinator/indikator and in the export. Safe for both sides.
export const OUTCOME_GROUPINGS = ["district", "cohort", "agency", "track", "stage"] as const;
export type OutcomeGrouping = (typeof OUTCOME_GROUPINGS)[number];
export const OUTCOME_MEASURES = ["turnover", "capital", "workers"] as const;
export type OutcomeMeasure = (typeof OUTCOME_MEASURES)[number];

export function parseGrouping(value: string | null): OutcomeGrouping {
  return (OUTCOME_GROUPINGS as readonly string[]).includes(value ?? "") ? (value as OutcomeGrouping) : "district";
}
