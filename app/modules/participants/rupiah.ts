// Rupiah as people type it, for every money field (evidence, the entrepreneur's own report, partner
// staff's loan outcomes): one parser and one zod field, so that a figure one form takes is taken by
// all. Safe for both sides.
//
// Accepted: "25000000", "25.000.000", "25,000,000", "25 000 000", each with or without "Rp", "Rp.",
// "IDR" in front and ",-" or ",00" behind ("Rp 25.000.000,-" is how prices are written in Indonesia).
// Rupiah has no cents, so a figure with a non-zero part after the decimal mark ("25.000,50") is
// refused with its own message rather than rounded: a rounding nobody saw would change a report.
// A lone separator that is not a thousands group ("5.5", "1,25") could be either a decimal or a
// slip, so it is refused too.
import { z } from "zod";

export type RupiahProblem = "invalid" | "cents";

/** The messages the field answers with: what is accepted, or why a figure is refused. */
export const RUPIAH_MESSAGES = {
  invalid: "validation.amountInvalid",
  cents: "validation.amountCents",
  tooLarge: "validation.amountTooLarge",
  tooSmall: "validation.amountTooSmall",
} as const;

const GROUPED = { ".": /^\d{1,3}(\.\d{3})+$/, ",": /^\d{1,3}(,\d{3})+$/ } as const;

/** The whole rupiah a text means, or why it means none. */
export function parseRupiah(raw: string): { value: number } | { problem: RupiahProblem } {
  let text = raw
    .trim()
    .replace(/^(rp\.?|idr)\s*/i, "")
    .replace(/\s+/g, "")
    // ",-" and ".-" close a price without cents.
    .replace(/[.,]-$/, "");
  // A decimal part after the other separator than the grouping one: ",00" is whole rupiah, ",50" is not.
  const decimal = /^(\d{1,3}(?:([.,])\d{3})+|\d+)([.,])(\d{1,2})$/.exec(text);
  if (decimal && decimal[2] !== decimal[3] && (decimal[2] !== undefined || decimal[4]!.length === 2)) {
    if (Number(decimal[4]) !== 0) return { problem: "cents" };
    text = decimal[1]!;
  }
  const digits = /^\d+$/.test(text) ? text : GROUPED["."].test(text) || GROUPED[","].test(text) ? text.replace(/[.,]/g, "") : null;
  if (digits === null) return { problem: "invalid" };
  const value = Number(digits);
  return Number.isSafeInteger(value) ? { value } : { problem: "invalid" };
}

/**
 * A money field: the text typed, turned into whole rupiah between `min` and `max`. Add `.optional()`
 * where the field may be left empty (Conform sends an empty field as undefined).
 */
export function rupiahField({ min = 0, max }: { min?: number; max: number }) {
  return z.string({ required_error: "validation.required", invalid_type_error: RUPIAH_MESSAGES.invalid }).transform((raw, ctx) => {
    const parsed = parseRupiah(raw);
    if ("problem" in parsed) {
      ctx.addIssue({ code: "custom", message: RUPIAH_MESSAGES[parsed.problem] });
      return z.NEVER;
    }
    const problem = parsed.value > max ? RUPIAH_MESSAGES.tooLarge : parsed.value < min ? RUPIAH_MESSAGES.tooSmall : null;
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return parsed.value;
  });
}
