// The participant list's query string: filters carried in the URL (a GET form), so a list can be
// bookmarked, shared and walked back with the browser. Safe for both sides.
// A bad value never fails the page: it is dropped and named, and the list runs without it.
import { z } from "zod";
import { PHASES, STAGES, TRACKS } from "../../../machines/stages";
import { STALL_AGE_BANDS } from "../journey/stalled";
import { SECTORS } from "../../../machines/vocabulary";
import { WAITS_ON } from "../../../machines/vocabulary";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The list's status choices: the stored statuses and the derived "dormant". */

/** One schema per parameter, so that one bad value does not take the good ones with it. */
export const listFilterSchema = {
  q: z.string().trim().max(100),
  district: id,
  cohort: id,
  stage: z.enum(STAGES),
  /** A stored status, or "dormant" (active with nothing recorded for the dormancy days, stalled.ts); "active" leaves the dormant out. */
  status: z.enum(PHASES),
  track: z.enum(TRACKS),
  stalled: z.enum(["yes", "no"]),
  /** Stalled, with the stall's age in this band (stalled.ts STALL_AGE_BANDS). */
  stallAge: z.enum(STALL_AGE_BANDS),
  sector: z.enum(SECTORS),
  /** Stalled, and the current stall note waits on this. */
  waitsOn: z.enum(WAITS_ON),
  /** Stalled, and the current stall note's follow-up date is before today (Jakarta). */
  followUp: z.enum(["overdue"]),
  /** Reached at least this stage (P1–P7 done or waived: furthest stage ≥ n); the dashboard's funnel. */
  reached: z.coerce.number().int().min(1).max(7),
  mentor: id,
  agency: id,
  page: z.coerce.number().int().positive().max(1_000_000),
} as const;

export type ListFilterKey = keyof typeof listFilterSchema;
export const LIST_FILTER_KEYS = Object.keys(listFilterSchema) as ListFilterKey[];

export type ListFilters = { [K in ListFilterKey]?: z.infer<(typeof listFilterSchema)[K]> };

export type ParsedListFilters = {
  filters: ListFilters;
  /** Parameters that were given but not understood, in LIST_FILTER_KEYS order. */
  invalid: ListFilterKey[];
};

/** Reads the list's filters from a query string. Empty values mean "no filter"; unknown keys are ignored. */
export function parseListFilters(params: URLSearchParams): ParsedListFilters {
  const filters: Record<string, unknown> = {};
  const invalid: ListFilterKey[] = [];
  for (const key of LIST_FILTER_KEYS) {
    const raw = params.get(key);
    if (raw == null || raw.trim() === "") continue;
    const parsed = listFilterSchema[key].safeParse(raw);
    if (parsed.success) filters[key] = parsed.data;
    else invalid.push(key);
  }
  if (filters.q === "") delete filters.q;
  return { filters: filters as ListFilters, invalid };
}

/** The query string for the same filters on another page (page 1 is left out). */
export function listSearch(filters: ListFilters, page = 1): string {
  const params = new URLSearchParams();
  for (const key of LIST_FILTER_KEYS) {
    if (key === "page") continue;
    const value = filters[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** The same filters, asking for the dormant (what the stall filters ask cannot hold for them). */
export function dormantFilters(filters: ListFilters): ListFilters {
  const { stalled: _stalled, stallAge: _age, waitsOn: _waitsOn, followUp: _followUp, page: _page, ...rest } = filters;
  return { ...rest, status: "dormant" };
}

/** At most this many cohorts are offered at once; narrowing by district first shows the rest. */
export const COHORT_OPTION_LIMIT = 200;

/** A search text that may be the last four NIK digits or the end of a phone number. */
export function digitsOf(q: string): string | null {
  const digits = q.replace(/[\s\-.()+]/g, "");
  return /^\d{4,15}$/.test(digits) ? digits : null;
}
