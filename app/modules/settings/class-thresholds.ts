// The business class thresholds form (/aturan): the upper bound of mikro, kecil and menengah, by
// business capital and by annual sales, in rupiah as people type them. Each row must increase. Safe
// for both sides.
import { z } from "zod";
import { MAX_BOUND, type ClassThresholds } from "../outcomes/business-class";
import { rupiahField } from "../participants/rupiah";

const bound = rupiahField({ min: 1, max: MAX_BOUND });

export const THRESHOLD_FIELDS = ["capitalMikro", "capitalKecil", "capitalMenengah", "salesMikro", "salesKecil", "salesMenengah"] as const;

export const classThresholdsFormSchema = z
  .object({
    intent: z.literal("thresholds"),
    capitalMikro: bound,
    capitalKecil: bound,
    capitalMenengah: bound,
    salesMikro: bound,
    salesKecil: bound,
    salesMenengah: bound,
  })
  .superRefine((v, ctx) => {
    // A larger class starts above the smaller one's bound.
    if (v.capitalKecil <= v.capitalMikro) ctx.addIssue({ code: "custom", path: ["capitalKecil"], message: "outcomes.thresholds.notIncreasing" });
    if (v.capitalMenengah <= v.capitalKecil) ctx.addIssue({ code: "custom", path: ["capitalMenengah"], message: "outcomes.thresholds.notIncreasing" });
    if (v.salesKecil <= v.salesMikro) ctx.addIssue({ code: "custom", path: ["salesKecil"], message: "outcomes.thresholds.notIncreasing" });
    if (v.salesMenengah <= v.salesKecil) ctx.addIssue({ code: "custom", path: ["salesMenengah"], message: "outcomes.thresholds.notIncreasing" });
  });
export type ClassThresholdsFormValue = z.infer<typeof classThresholdsFormSchema>;

export function thresholdsOf(v: ClassThresholdsFormValue): ClassThresholds {
  return {
    capital: { mikro: v.capitalMikro, kecil: v.capitalKecil, menengah: v.capitalMenengah },
    annualSales: { mikro: v.salesMikro, kecil: v.salesKecil, menengah: v.salesMenengah },
  };
}

/** The form's fields for the thresholds in force. */
export function thresholdFieldValues(t: ClassThresholds): Record<(typeof THRESHOLD_FIELDS)[number], string> {
  return {
    capitalMikro: String(t.capital.mikro),
    capitalKecil: String(t.capital.kecil),
    capitalMenengah: String(t.capital.menengah),
    salesMikro: String(t.annualSales.mikro),
    salesKecil: String(t.annualSales.kecil),
    salesMenengah: String(t.annualSales.menengah),
  };
}
