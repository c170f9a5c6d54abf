// The baseline at P1 (monthly turnover, business capital, workers, NIB) as the forms take it: the
// self-registration, the walk-in, the import and the participant page share these fields. Each may be
// left "belum tahu" (an empty figure, the "belum tahu" NIB choice); the journey refuses to verify P1
// until all four are known (machines/journey.requirements.ts). Safe for both sides.
import { z } from "zod";
import { MAX_RUPIAH, MAX_WORKERS } from "./forms";
import { rupiahField } from "./rupiah";

/** Whether the business has an NIB, as the forms ask it: "unknown" is "belum tahu". */
export const NIB_ANSWERS = ["yes", "no", "unknown"] as const;
export type NibAnswer = (typeof NIB_ANSWERS)[number];

export const baselineFields = {
  entryTurnover: rupiahField({ max: MAX_RUPIAH }).optional(),
  entryCapital: rupiahField({ max: MAX_RUPIAH }).optional(),
  entryWorkers: z
    .number({ invalid_type_error: "baseline.workersInvalid" })
    .int("baseline.workersInvalid")
    // The owner counts: a business has at least one worker.
    .min(1, "baseline.workersInvalid")
    .max(MAX_WORKERS, "baseline.workersInvalid")
    .optional(),
  entryNib: z.enum(NIB_ANSWERS, { errorMap: () => ({ message: "validation.choose" }) }).optional(),
};

export type BaselineValue = {
  entryTurnover?: number;
  entryCapital?: number;
  entryWorkers?: number;
  entryNib?: NibAnswer;
};

/** The participant's columns for a baseline as typed: what was left "belum tahu" is null. */
export function baselineColumns(value: BaselineValue) {
  return {
    entryTurnover: value.entryTurnover ?? null,
    entryAssets: value.entryCapital ?? null,
    entryWorkers: value.entryWorkers ?? null,
    entryHasNib: value.entryNib === "yes" ? true : value.entryNib === "no" ? false : null,
  };
}

/** The form's answer for a stored NIB flag. */
export function nibAnswer(hasNib: boolean | null): NibAnswer {
  return hasNib === null ? "unknown" : hasNib ? "yes" : "no";
}

/** The participant page's form: the baseline recorded or corrected before P1 is verified. */
export const baselineFormSchema = z.object({
  intent: z.literal("baseline"),
  ...baselineFields,
});
export type BaselineFormValue = z.infer<typeof baselineFormSchema>;
