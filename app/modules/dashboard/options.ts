// The choices the coordinator's pages offer, shared by the pages and the server modules.

export const CONVERSION_BY = ["district", "agency", "mentor", "cohort"] as const;
export type ConversionBy = (typeof CONVERSION_BY)[number];
/** Mentor and cohort tables show the largest this many (a province has hundreds and thousands). */
export const CONVERSION_ROW_LIMIT = 50;

export const COHORT_SORTS = ["stalled", "intake", "name"] as const;
export type CohortSort = (typeof COHORT_SORTS)[number];

/** The indicators by cohort show the cohorts with the most graduates, up to this many. */
export const INDICATOR_COHORT_LIMIT = 50;
