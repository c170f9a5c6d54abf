// The cohort forms (create, edit, members), one zod schema each, shared by the action and the page.
// Error messages are message keys.
import { z } from "zod";
import { calendarDay } from "../forms/calendar-day";

const required = { required_error: "validation.required" };
const chosenId = z
  .number({ required_error: "validation.choose", invalid_type_error: "validation.choose" })
  .int("validation.choose")
  .positive("validation.choose");

export const cohortName = z.string(required).trim().min(1, "validation.required").max(120, "validation.tooLong");

/** An intake (or planned end) is a real calendar day. */
export const intakeDate = calendarDay;


export const cohortCreateSchema = z
  .object({
    name: cohortName,
    districtId: chosenId,
    agencyId: chosenId,
    intakeDate,
    /** Left empty (conform reads an empty field as undefined): the intake plus the cohort length setting (lifecycle.ts). */
    plannedEndOn: intakeDate.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.plannedEndOn !== undefined && value.plannedEndOn <= value.intakeDate) {
      ctx.addIssue({ code: "custom", path: ["plannedEndOn"], message: "cohortLifecycle.error.endBeforeIntake" });
    }
  });
export type CohortCreateValue = z.infer<typeof cohortCreateSchema>;

export const cohortEditSchema = z.object({ name: cohortName, intakeDate });
export type CohortEditValue = z.infer<typeof cohortEditSchema>;

/**
 * Extending a cohort: a new planned end and why. That it is later than the current end is checked
 * against the stored cohort (manage.server.ts extendCohort), which the form does not know.
 */
export const cohortExtendSchema = z.object({
  plannedEndOn: intakeDate,
  reason: z.string({ required_error: "validation.reasonRequired" }).trim().min(1, "validation.reasonRequired").max(500, "validation.tooLong"),
});
export type CohortExtendValue = z.infer<typeof cohortExtendSchema>;

export const MEMBER_INTENTS = ["add-participant", "remove-participant", "add-mentor", "remove-mentor"] as const;
export type MemberIntent = (typeof MEMBER_INTENTS)[number];

/** One member button (add or remove a participant or a mentor). */
export const cohortMemberSchema = z.object({
  intent: z.enum(MEMBER_INTENTS, { errorMap: () => ({ message: "validation.invalidRequest" }) }),
  memberId: chosenId,
});
