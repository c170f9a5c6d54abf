// The stall note form (whom a stalled participant waits on, and when to follow up): one schema shared
// by the action and the component, and the follow-up state shown next to a note. Safe for both sides.
import { z } from "zod";
import { WAITS_ON } from "../../../machines/vocabulary";
import { jakartaDate } from "../i18n/jakarta";


export const STALL_NOTE_MAX = 500;
/** A follow-up further away than this is a typing mistake, not a plan. */
export const FOLLOW_UP_HORIZON_DAYS = 366;

/**
 * YYYY-MM-DD plus some days (calendar arithmetic in UTC: the value is a date, not an instant); null
 * when the text is not a real calendar day (2026-02-30 is not).
 */
export function addDays(isoDate: string, days: number): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return null;
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== isoDate) return null;
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export const stallNoteSchema = z.object({
  intent: z.literal("save"),
  waitsOn: z.enum(WAITS_ON, { errorMap: () => ({ message: "stallNote.errors.waitsOn" }) }),
  followUpOn: z.string({ required_error: "validation.required" }).superRefine((value, ctx) => {
    const today = jakartaDate();
    const problem =
      addDays(value, 0) === null
        ? "validation.dateInvalid"
        : value < today
          ? "stallNote.errors.followUpPast"
          : value > addDays(today, FOLLOW_UP_HORIZON_DAYS)!
            ? "stallNote.errors.followUpTooFar"
            : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  note: z.string().trim().max(STALL_NOTE_MAX, "validation.tooLong").optional(),
});
export type StallNoteValue = z.infer<typeof stallNoteSchema>;

/** Clearing names the note it clears, so that clearing a note someone has just replaced is refused. */
export const clearStallNoteSchema = z.object({
  intent: z.literal("clear"),
  noteId: z.number({ invalid_type_error: "validation.invalidRequest", required_error: "validation.invalidRequest" }).int().positive(),
});

export type FollowUpState = "upcoming" | "due" | "overdue";

export function followUpState(followUpOn: string, today: string): FollowUpState {
  return followUpOn < today ? "overdue" : followUpOn === today ? "due" : "upcoming";
}
