// Closing dormant participants in bulk: the form's schema (shared by the action and the component)
// and the per-participant outcome, both sides. Dormancy itself is defined in journey/stalled.ts.
import { z } from "zod";
import type { Requirement } from "../../../machines/journey.requirements";
import type { JourneyErrorCode } from "../journey/errors";

export const dormantCloseSchema = z.object({
  /** Why they are closed as not completed: the WITHDRAW reason, logged for each participant. */
  reason: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(500, "validation.tooLong"),
});
export type DormantCloseValue = z.infer<typeof dormantCloseSchema>;

/** Why one participant was not closed: the service's refusal, or no longer dormant when the move came. */
export type DormantCloseRefusal = { code: JourneyErrorCode | "not-dormant"; missing: Requirement[] };

/** What happened to one participant. Stored as is (no personal data) and shown on the result page. */
export type DormantCloseOutcome = { participantId: number; closed: boolean; refusal: DormantCloseRefusal | null };
