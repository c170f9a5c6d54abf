// The evidence details a page may show (stage_evidence.details, see the evidence details contract).
// Safe for both sides: the server picks these keys out of the stored JSON, the browser labels them.

/** Every key of the contract that is shown; anything else stored in details stays on the server. */
export const SHOWN_DETAILS = [
  "statement",
  "topic",
  "skill",
  "partnerName",
  "notes",
  "type",
  "number",
  "issuer",
  "expiresOn",
  "channel",
  "name",
  "period",
  "turnover",
  "assets",
  "workers",
  "lender",
  "product",
  "amount",
  // A loan rejection's reason; a second mentoring session's reason for the same day.
  "reason",
  "sameDayReason",
  // Older records carried a free note.
  "note",
] as const;
export type EvidenceDetails = Partial<Record<(typeof SHOWN_DETAILS)[number], string | number>>;

export function shownDetails(raw: unknown): EvidenceDetails {
  const details: EvidenceDetails = {};
  if (!raw || typeof raw !== "object") return details;
  for (const key of SHOWN_DETAILS) {
    const value = (raw as Record<string, unknown>)[key];
    if (typeof value === "string" || typeof value === "number") details[key] = value;
  }
  return details;
}
