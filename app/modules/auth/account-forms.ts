// The account forms: a one-time code, sign-in by phone, asking for a reset link, a new password, a
// password change. One zod schema each, shared by the action and the page; messages are message keys.
import { z } from "zod";

/** Mirrors PASSWORD_MIN_LENGTH / PASSWORD_MAX_LENGTH in password.server.ts (this file is also bundled for the browser). */
const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_LENGTH = 256;

const required = { required_error: "validation.required" };
const ticket = z.number({ required_error: "validation.required", invalid_type_error: "validation.required" }).int().positive().max(Number.MAX_SAFE_INTEGER);
const code = z
  .string(required)
  // People copy codes with spaces ("123 456"): those are not part of it.
  .transform((value) => value.replace(/\s/g, ""))
  .refine((value) => /^\d{6}$/.test(value), "signup.invalidCode");
const newPassword = z.string(required).min(PASSWORD_MIN_LENGTH, "password.tooShort").max(PASSWORD_MAX_LENGTH, "validation.tooLong");

export const signupCodeSchema = z.object({ n: ticket, code });

export const phoneSchema = z.object({
  phone: z
    .string(required)
    .max(40, "validation.tooLong")
    .transform((value) => value.replace(/[\s-]/g, ""))
    .refine((value) => /^(\+62|62|0)8\d{7,12}$/.test(value), "registration.phoneInvalid"),
});

export const phoneCodeSchema = z.object({ n: ticket, code });

export const forgotSchema = z.object({
  email: z.string(required).trim().max(254, "validation.tooLong").email("validation.emailInvalid"),
});

function confirmed<T extends { password: string; confirm: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.password !== value.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "password.mismatch" });
}

export const resetSchema = z.object({ password: newPassword, confirm: z.string(required).max(PASSWORD_MAX_LENGTH, "validation.tooLong") }).superRefine(confirmed);

export const changePasswordSchema = z
  .object({
    current: z.string(required).max(PASSWORD_MAX_LENGTH, "validation.tooLong"),
    password: newPassword,
    confirm: z.string(required).max(PASSWORD_MAX_LENGTH, "validation.tooLong"),
  })
  .superRefine(confirmed);
