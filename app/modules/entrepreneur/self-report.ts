// The entrepreneur's own financial report (P6) and the mentor's review of it: one zod schema per
// form, shared by the action and the component. Error messages are message keys.
import { z } from "zod";
import { jakartaDate } from "../i18n/jakarta";
import { rupiahField } from "../participants/rupiah";

/** Larger than any micro or small business's figures: a typo, not a report. */
export const MAX_RUPIAH = 100_000_000_000;
export const MAX_WORKERS = 10_000;

/** A head count: digits only. */
function headCount(max: number) {
  return z
    .string({ required_error: "validation.required" })
    .trim()
    .transform((raw, ctx) => {
      const value = /^\d+$/.test(raw) ? Number(raw) : null;
      if (value === null || !Number.isSafeInteger(value)) {
        ctx.addIssue({ code: "custom", message: "self.report.numberInvalid" });
        return z.NEVER;
      }
      if (value > max) {
        ctx.addIssue({ code: "custom", message: "self.report.numberTooLarge" });
        return z.NEVER;
      }
      return value;
    });
}

/** The month now in Jakarta, as YYYY-MM. */
export function currentPeriod(now = new Date()): string {
  return jakartaDate(now).slice(0, 7);
}

export const selfReportSchema = z.object({
  period: z
    .string({ required_error: "validation.required" })
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "validation.periodInvalid")
    .refine((value) => value >= "2000-01", "validation.periodInvalid")
    .refine((value) => value <= currentPeriod(), "self.report.periodInFuture"),
  turnover: rupiahField({ max: MAX_RUPIAH }),
  assets: rupiahField({ max: MAX_RUPIAH }),
  workers: headCount(MAX_WORKERS),
});
export type SelfReportValue = z.infer<typeof selfReportSchema>;

const id = z.number({ invalid_type_error: "validation.invalidRequest", required_error: "validation.invalidRequest" }).int().min(1);

/** The mentor's decision on one pending report; declining needs a note the entrepreneur will read. */
export const reportReviewSchema = z
  .object({
    evidenceId: id,
    version: id,
    decision: z.enum(["accept", "decline"], { errorMap: () => ({ message: "validation.invalidRequest" }) }),
    note: z.string().trim().max(500, "validation.tooLong").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "decline" && !value.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: "self.review.noteRequired" });
    }
  });
export type ReportReviewValue = z.infer<typeof reportReviewSchema>;

/** The form id of one report's review form (several sit on one page). */
export const reviewFormId = (evidenceId: number) => `review-${evidenceId}`;
