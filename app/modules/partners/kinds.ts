// The organisation and agreement kinds, for forms and labels on both sides. db/schema.ts holds the
// same lists for the database; the `satisfies` below keeps these within them (the schema is server-only).
import type { AGREEMENT_KINDS as DB_AGREEMENT_KINDS, ORGANISATION_KINDS as DB_ORGANISATION_KINDS } from "../../../db/schema";

export const ORGANISATION_KINDS = [
  "government",
  "university",
  "marketplace",
  "bank",
  "financial_institution",
  "csr",
  "ngo",
  "community",
] as const satisfies readonly (typeof DB_ORGANISATION_KINDS)[number][];

export const AGREEMENT_KINDS = ["mou", "pks"] as const satisfies readonly (typeof DB_AGREEMENT_KINDS)[number][];
