// Time-based one-time passwords (RFC 6238): HMAC-SHA1, 6 digits, 30-second steps, as every
// authenticator app (Google Authenticator, Microsoft Authenticator, Aegis …) reads an otpauth:// URI.
// The codes, base32 and the URI are the otpauth library's; what is ours is the policy: the drift
// window, and answering with the step a code belongs to so that a used step is never accepted again.
import { HOTP, Secret, TOTP } from "otpauth";

export const STEP_SECONDS = 30;
export const DIGITS = 6;
/** Codes of the step before and after are accepted too: a phone's clock may be off by up to 30 s. */
export const DRIFT_STEPS = 1;

const ISSUER = "PAS Tracker";

function secretOf(secret: string | Buffer): Secret {
  return typeof secret === "string" ? Secret.fromBase32(secret.replace(/[\s=-]/g, "").toUpperCase()) : Secret.fromHex(secret.toString("hex"));
}

/** A new secret: 160 random bits (RFC 4226's recommended length), in base32 as the apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The 30-second step a moment falls in. */
export function stepAt(now: number): number {
  return Math.floor(now / 1000 / STEP_SECONDS);
}

/** The code for one step (HOTP with the step as counter). */
export function totpCode(secret: string | Buffer, step: number, digits = DIGITS): string {
  return HOTP.generate({ secret: secretOf(secret), algorithm: "SHA1", digits, counter: step });
}

/** The step (within the drift window) whose code this is, or null. */
export function matchingStep(secret: string, code: string, now: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = TOTP.validate({ token: code, secret: secretOf(secret), algorithm: "SHA1", digits: DIGITS, period: STEP_SECONDS, timestamp: now, window: DRIFT_STEPS });
  return delta === null ? null : stepAt(now) + delta;
}

/** The URI an authenticator app reads from the QR code (or from the secret typed in). */
export function otpauthUri(secret: string, account: string): string {
  return new TOTP({ issuer: ISSUER, label: account, algorithm: "SHA1", digits: DIGITS, period: STEP_SECONDS, secret: secretOf(secret) }).toString();
}
