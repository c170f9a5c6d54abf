// The handoff form: one schema shared by the action and the component. Safe for both sides.
import { z } from "zod";

const id = (message: string) => z.number({ invalid_type_error: message, required_error: message }).int().positive();

export const HANDOFF_REASON_MAX = 500;

export const handoffSchema = z.object({
  districtId: id("validation.choose"),
  mentorId: id("validation.choose"),
  reason: z
    .string({ required_error: "validation.reasonRequired" })
    .trim()
    .min(1, "validation.reasonRequired")
    .max(HANDOFF_REASON_MAX, "validation.tooLong"),
  // What the person saw when the form was shown (see handOff in handoffs.server.ts).
  version: id("validation.invalidRequest"),
  fromDistrictId: id("validation.invalidRequest"),
  fromMentorId: id("validation.invalidRequest").optional(),
});
export type HandoffValue = z.infer<typeof handoffSchema>;
