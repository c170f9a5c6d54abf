// The lender's forms: a loan step for a P7 referral, and a month's repayment status. One zod schema
// each, shared by the action and the page; messages are message keys.
import { z } from "zod";
import { COLLECTABILITY, LOAN_STATUSES, type Collectability, type LoanStatus } from "../../../machines/vocabulary";
import { MAX_RUPIAH, occurredOnField } from "../participants/forms";
import { rupiahField } from "../participants/rupiah";

const choose = { errorMap: () => ({ message: "validation.choose" }) };
const id = z.number({ required_error: "validation.invalidRequest", invalid_type_error: "validation.invalidRequest" }).int().positive("validation.invalidRequest");

/** The longest tenor a lender may record, in months (a 30-year loan). */
export const MAX_TENOR_MONTHS = 360;

export const loanStepSchema = z
  .object({
    intent: z.literal("loan"),
    referralId: id,
    version: id,
    step: z.enum(LOAN_STATUSES, choose),
    product: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(120, "validation.tooLong"),
    amount: rupiahField({ min: 1, max: MAX_RUPIAH }),
    tenorMonths: z
      .number({ required_error: "validation.required", invalid_type_error: "lending.validation.tenorInvalid" })
      .int("lending.validation.tenorInvalid")
      .min(1, "lending.validation.tenorInvalid")
      .max(MAX_TENOR_MONTHS, "lending.validation.tenorInvalid"),
    occurredOn: occurredOnField,
    rejectionReason: z.string().trim().max(300, "validation.tooLong").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.step === "rejected" && !value.rejectionReason) {
      ctx.addIssue({ code: "custom", path: ["rejectionReason"], message: "lending.validation.reasonRequired" });
    }
  });
export type LoanStepValue = z.infer<typeof loanStepSchema>;

export const repaymentSchema = z.object({
  intent: z.literal("repayment"),
  loanId: id,
  month: z
    .string({ required_error: "validation.required" })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "lending.validation.monthInvalid"),
  collectability: z.enum(COLLECTABILITY, choose),
});
export type RepaymentValue = z.infer<typeof repaymentSchema>;

/** A step's place in the order a loan moves (rejected may end it at any point before disbursement). */
export const STEP_ORDER: Record<LoanStatus, number> = { applied: 1, approved: 2, disbursed: 3, rejected: 4 };

/** OJK's number of a collectability category (kolektibilitas 1–5). */
export function collectabilityNumber(category: Collectability): number {
  return COLLECTABILITY.indexOf(category) + 1;
}
