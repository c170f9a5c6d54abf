// The forms of a walk-in's account invitation (safe for both sides): the mentor's (which language the
// WhatsApp message is written in) and the person's (the code, and a password if they want one).
import { z } from "zod";
import { LOCALES } from "../i18n/i18n";

/** Mirrors PASSWORD_MIN_LENGTH / PASSWORD_MAX_LENGTH in password.server.ts (this file is also bundled for the browser). */
const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_LENGTH = 256;

export const accountInviteSchema = z.object({
  language: z.enum(LOCALES, { errorMap: () => ({ message: "validation.invalidRequest" }) }),
});

export const claimSendSchema = z.object({ intent: z.literal("send") });

export const claimAccountSchema = z
  .object({
    intent: z.literal("claim"),
    n: z.number({ required_error: "validation.required", invalid_type_error: "validation.required" }).int().positive().max(Number.MAX_SAFE_INTEGER),
    code: z
      .string({ required_error: "validation.required" })
      // People copy codes with spaces ("123 456"): those are not part of it.
      .transform((value) => value.replace(/\s/g, ""))
      .refine((value) => /^\d{6}$/.test(value), "signup.invalidCode"),
    // Empty: no password, the person signs in by phone and code.
    password: z.string().max(PASSWORD_MAX_LENGTH, "validation.tooLong").optional(),
    confirm: z.string().max(PASSWORD_MAX_LENGTH, "validation.tooLong").optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.password) return;
    if (value.password.length < PASSWORD_MIN_LENGTH) ctx.addIssue({ code: "custom", path: ["password"], message: "password.tooShort" });
    else if (value.password !== value.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "password.mismatch" });
  });
