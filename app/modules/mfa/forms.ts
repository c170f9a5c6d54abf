// The second factor's forms (safe for both sides): a code at enrolment, a code or recovery code at sign-in.
import { z } from "zod";

const required = { required_error: "validation.required" };

export const mfaStartSchema = z.object({ intent: z.literal("start") });

export const mfaConfirmSchema = z.object({
  intent: z.literal("confirm"),
  code: z
    .string(required)
    .transform((value) => value.replace(/\s/g, ""))
    .refine((value) => /^\d{6}$/.test(value), "signup.invalidCode"),
});

export const mfaSignInSchema = z.object({
  // Six digits from the app, or a recovery code ("abcde-fghjk").
  code: z
    .string(required)
    .trim()
    .max(40, "validation.tooLong")
    .refine((value) => /^\d{3}\s?\d{3}$/.test(value) || /^[a-z0-9]{5}-?[a-z0-9]{5}$/i.test(value), "mfa.wrongCode"),
  redirectTo: z.string().max(500).optional(),
});
