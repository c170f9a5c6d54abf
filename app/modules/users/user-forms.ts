// The user administration forms (/pengguna) and the invitation form (/undangan/:token), one zod
// schema each, shared by the action and the page. Messages are message keys.
import { z } from "zod";
import { nameField } from "../identity/names";

/** Mirrors PASSWORD_MIN_LENGTH / PASSWORD_MAX_LENGTH in auth/password.server.ts (this file is also bundled for the browser). */
const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_LENGTH = 256;

export const INVITABLE_ROLES = ["mentor", "coordinator"] as const;

const id = z.number({ invalid_type_error: "validation.choose" }).int("validation.choose").positive("validation.choose");
const districtIds = z.array(id).max(100, "validation.tooLong").optional();

export const inviteSchema = z
  .object({
    role: z.enum(INVITABLE_ROLES, { errorMap: () => ({ message: "validation.choose" }) }),
    name: nameField(120),
    email: z.string({ required_error: "validation.required" }).trim().max(254, "validation.tooLong").email("validation.emailInvalid"),
    agencyId: id.optional(),
    districtIds,
    /** Coordinators: one city, or the whole province when empty. */
    cityId: id.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.role !== "mentor") return;
    if (value.agencyId === undefined) ctx.addIssue({ code: "custom", path: ["agencyId"], message: "validation.choose" });
    if (!value.districtIds?.length) ctx.addIssue({ code: "custom", path: ["districtIds"], message: "userAdmin.districtsRequired" });
  });
export type InviteValue = z.infer<typeof inviteSchema>;

export const USER_INTENTS = ["districts", "scope", "deactivate", "reactivate", "reissue"] as const;
export type UserIntent = (typeof USER_INTENTS)[number];

/** Every change on a user's page; which fields count depends on the intent. */
export const userChangeSchema = z.object({
  intent: z.enum(USER_INTENTS, { errorMap: () => ({ message: "validation.invalidRequest" }) }),
  districtIds,
  cityId: id.optional(),
});
export type UserChangeValue = z.infer<typeof userChangeSchema>;

export const acceptInvitationSchema = z
  .object({
    password: z
      .string({ required_error: "validation.required" })
      .min(PASSWORD_MIN_LENGTH, "invitation.passwordTooShort")
      .max(PASSWORD_MAX_LENGTH, "validation.tooLong"),
    confirm: z.string({ required_error: "validation.required" }),
  })
  .refine((value) => value.password === value.confirm, { path: ["confirm"], message: "invitation.passwordMismatch" });

