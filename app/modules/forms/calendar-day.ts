// A form field holding one calendar day, shared by forms of different areas (a cohort's intake, a
// survey round's period) without one importing the other's form module and its messages. Safe for
// both sides; the error messages are keys of the common file.
import { z } from "zod";

/** An ISO date (YYYY-MM-DD) of a real calendar day, in the years a programme can sensibly name (2000–2099). */
export const calendarDay = z
  .string({ required_error: "validation.required" })
  .trim()
  .refine((value) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const date = new Date(`${value}T00:00:00Z`);
    const year = date.getUTCFullYear();
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && year >= 2000 && year <= 2099;
  }, "validation.dateInvalid");
