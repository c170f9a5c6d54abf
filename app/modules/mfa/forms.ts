// The second factor's forms (safe for both sides): a code at enrolment, a code or recovery code at sign-in.
import { z } from "zod";

const required = { required_error: "validation.required" };
const MFA_REFUSAL_WRONG = "mfa.wrongCode";

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
    .refine((value) => /^\d{3}\s?\d{3}$/.test(value) || /^[a-z0-9]{5}-?[a-z0-9]{5}$/i.test(value), MFA_REFUSAL_WRONG),
  redirectTo: z.string().max(500).optional(),
});

/** The refusals of the second factor's pages, as message keys (named here, once, for both pages). */
export const MFA_REFUSAL = {
  wrongCode: MFA_REFUSAL_WRONG,
  /** The sign-in ticket lapsed or was used: sign in again with the password. */
  expired: "mfa.stepExpired",
  /** A code posted with no enrolment waiting for one. */
  nothingToConfirm: "mfa.nothingToConfirm",
} as const;
