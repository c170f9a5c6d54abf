import { z } from "zod";

/** Mirrors PASSWORD_MAX_LENGTH in password.server.ts (this file is also bundled for the browser). */
const PASSWORD_MAX_LENGTH = 256;

/** The sign-in form (shared by the action and the page). Messages are message keys. */
export const loginSchema = z.object({
  email: z
    .string({ required_error: "validation.required" })
    .trim()
    .max(254, "validation.tooLong")
    .email("validation.emailInvalid"),
  // No length rule at sign-in beyond a sane maximum: the check is the password itself.
  password: z.string({ required_error: "validation.required" }).max(PASSWORD_MAX_LENGTH, "validation.tooLong"),
  redirectTo: z.string().max(500).optional(),
});
