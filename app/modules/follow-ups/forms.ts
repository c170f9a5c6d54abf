// The entrepreneur's short report after the programme: turnover, workers, still operating, a note.
import { z } from "zod";
import { MAX_RUPIAH, MAX_WORKERS } from "../participants/forms";
import { rupiahField } from "../participants/rupiah";

export const followUpAnswerSchema = z
  .object({
    followUpId: z.number({ required_error: "validation.invalidRequest", invalid_type_error: "validation.invalidRequest" }).int().positive(),
    operating: z.enum(["yes", "no"], { errorMap: () => ({ message: "validation.choose" }) }),
    turnover: rupiahField({ max: MAX_RUPIAH }).optional(),
    workers: z
      .number({ invalid_type_error: "followUps.validation.workersInvalid" })
      .int("followUps.validation.workersInvalid")
      .min(0, "followUps.validation.workersInvalid")
      .max(MAX_WORKERS, "followUps.validation.workersInvalid")
      .optional(),
    note: z.string().trim().max(500, "validation.tooLong").optional(),
  })
  .superRefine((value, ctx) => {
    // A business still running reports its figures; one that closed has none to report.
    if (value.operating === "yes") {
      if (value.turnover === undefined) ctx.addIssue({ code: "custom", path: ["turnover"], message: "validation.required" });
      if (value.workers === undefined) ctx.addIssue({ code: "custom", path: ["workers"], message: "validation.required" });
    }
  });
export type FollowUpAnswerValue = z.infer<typeof followUpAnswerSchema>;
