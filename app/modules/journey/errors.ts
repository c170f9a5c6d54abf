// Domain refusals: typed, with a code that maps to a message in the user's language.
import type { Requirement } from "../../../machines/journey.requirements";

export type JourneyErrorCode = "not-allowed" | "stale-version" | "not-found" | "invalid";

export class JourneyError extends Error {
  constructor(
    readonly code: JourneyErrorCode,
    message: string,
    readonly missing: Requirement[] = [],
  ) {
    super(message);
    this.name = "JourneyError";
  }
}
