// A second factor for coordinators (decision 0016): an authenticator app (TOTP). Enrolment keeps a
// secret (encrypted like the NIK) and is confirmed by a first code; then ten one-time recovery codes
// are shown once (only their SHA-256 is kept). At sign-in a right password for an enrolled user opens
// a five-minute ticket (a one-time link token in an HttpOnly cookie) instead of a session; the code
// on /masuk/kode turns it into one. Every code tried counts against MFA_GUESSES_PER_ACCOUNT before
// it is checked; an accepted authenticator code cannot be used again (its step is remembered).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import QRCode from "qrcode";
import type { Db } from "../../../db/client";
import { recoveryCodes, users, type Role } from "../../../db/schema";
import { issueLinkToken, linkHolder, useLink as spendLink } from "../codes/one-time.server";
import { decryptNik as decryptSecret, encryptNik as encryptSecret } from "../identity/identity.server";
import { readCookie, serializeCookie } from "../http/cookies.server";
import { hit, unhit, type LimitOutcome } from "../limits/rate-limit.server";
import { recordAudit } from "../users/audit.server";
import { matchingStep, newTotpSecret, otpauthUri } from "./totp.server";

export const RECOVERY_CODE_COUNT = 10;
/** Where a coordinator enrols (and sees whether they have). */
export const MFA_ENROL_PATH = "/akun/autentikator";
/** The cookie that carries the ticket from the password to the code step. */
export const MFA_COOKIE = "pas_mfa";
/** How long the step between the password and the code may take. */
export const MFA_TICKET_LIFETIME_MS = 5 * 60 * 1000;

/**
 * Whether a coordinator must enrol before using coordinator pages. PAS_REQUIRE_MFA=1 or 0 says so;
 * unset, it is required everywhere except the demo (PAS_DEMO=1), whose coordinators sign in with a
 * password alone so that the demo and the tests can sign in as them. An enrolled user is always asked.
 */
export function mfaRequired(env: Record<string, string | undefined> = process.env): boolean {
  if (env.PAS_REQUIRE_MFA === "1") return true;
  if (env.PAS_REQUIRE_MFA === "0") return false;
  return env.PAS_DEMO !== "1";
}

/** Only coordinators enrol (they can export every participant's identity). */
export function mayEnrol(role: string): boolean {
  return role === "coordinator";
}

function digest(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

type MfaRow = { totpSecret: string | null; totpEnrolledAt: number | null; totpLastStep: number | null };

function mfaRow(db: Db, userId: number): MfaRow | undefined {
  return db.select({ totpSecret: users.totpSecret, totpEnrolledAt: users.totpEnrolledAt, totpLastStep: users.totpLastStep }).from(users).where(eq(users.id, userId)).get();
}

export function isEnrolled(db: Db, userId: number): boolean {
  return mfaRow(db, userId)?.totpEnrolledAt != null;
}

/** Starts (or starts again) an enrolment: a new secret, not yet in force. Refused for an enrolled user. */
export function startEnrolment(db: Db, userId: number): boolean {
  const secret = encryptSecret(newTotpSecret());
  return db.update(users).set({ totpSecret: secret, totpLastStep: null }).where(and(eq(users.id, userId), isNull(users.totpEnrolledAt))).run().changes === 1;
}

export type PendingEnrolment = { secret: string; uri: string; qrSvg: string };

/** The enrolment waiting for its first code: the secret as text, and the QR code as SVG markup (no style attributes). */
export async function pendingEnrolment(db: Db, user: { id: number; email: string }): Promise<PendingEnrolment | null> {
  const row = mfaRow(db, user.id);
  if (!row?.totpSecret || row.totpEnrolledAt != null) return null;
  const secret = decryptSecret(row.totpSecret);
  const uri = otpauthUri(secret, user.email);
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, uri, qrSvg };
}

export type CodeOutcome = { ok: true } | { ok: false; reason: "wrong" } | { ok: false; reason: "limited"; retryAfterSeconds: number };

/** Counts a try before any code is checked; a right code takes its try back. */
function countTry(db: Db, userId: number, now: number): LimitOutcome {
  return hit(db, "MFA_GUESSES_PER_ACCOUNT", `user:${userId}`, now);
}

/**
 * Accepts an authenticator code once: the step it belongs to must be later than the last accepted
 * one, written in the same statement that checks it (two racing uses of one code: one wins).
 */
function acceptTotp(db: Db, userId: number, secret: string, code: string, now: number): boolean {
  const step = matchingStep(secret, code, now);
  if (step === null) return false;
  return (
    db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .run().changes === 1
  );
}

function newRecoveryCode(): string {
  // 10 characters of a 32-letter alphabet without look-alikes (50 bits), written in two groups.
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Confirms the enrolment with a first code: then it is in force, and the recovery codes (shown once) are returned. */
export function confirmEnrolment(db: Db, userId: number, code: string, now = Date.now()): { ok: true; recoveryCodes: string[] } | Exclude<CodeOutcome, { ok: true }> {
  const counted = countTry(db, userId, now);
  if (!counted.ok) return { ok: false, reason: "limited", retryAfterSeconds: counted.retryAfterSeconds };
  const row = mfaRow(db, userId);
  if (!row?.totpSecret || row.totpEnrolledAt != null) return { ok: false, reason: "wrong" };
  const secret = decryptSecret(row.totpSecret);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const done = db.transaction(
    (tx) => {
      const t = tx as unknown as Db;
      if (!acceptTotp(t, userId, secret, code, now)) return false;
      t.update(users).set({ totpEnrolledAt: now }).where(eq(users.id, userId)).run();
      t.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
      t.insert(recoveryCodes)
        .values(codes.map((c) => ({ userId, codeHash: digest(normaliseRecoveryCode(c)), createdAt: now })))
        .run();
      recordAudit(t, { actorUserId: userId, action: "mfa.enrolled", subject: `user:${userId}` }, now);
      return true;
    },
    { behavior: "immediate" },
  );
  if (!done) return { ok: false, reason: "wrong" };
  unhit(db, "MFA_GUESSES_PER_ACCOUNT", `user:${userId}`);
  return { ok: true, recoveryCodes: codes };
}

/** Uses a recovery code up; false when it is not one of the user's unused codes. */
function spendRecoveryCode(db: Db, userId: number, code: string, now: number): boolean {
  const wanted = Buffer.from(digest(normaliseRecoveryCode(code)));
  const unused = db.select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))).all();
  const match = unused.find((row) => {
    const stored = Buffer.from(row.codeHash);
    return stored.length === wanted.length && timingSafeEqual(stored, wanted);
  });
  if (!match) return false;
  return db.update(recoveryCodes).set({ usedAt: now }).where(and(eq(recoveryCodes.id, match.id), isNull(recoveryCodes.usedAt))).run().changes === 1;
}

/** Checks the second factor of an enrolled user: a six-digit authenticator code, or a recovery code (used up). */
export function checkSecondFactor(db: Db, userId: number, code: string, now = Date.now()): CodeOutcome & { recovery?: boolean } {
  const counted = countTry(db, userId, now);
  if (!counted.ok) return { ok: false, reason: "limited", retryAfterSeconds: counted.retryAfterSeconds };
  const row = mfaRow(db, userId);
  if (!row?.totpSecret || row.totpEnrolledAt == null) return { ok: false, reason: "wrong" };
  const typed = code.replace(/\s/g, "");
  const recovery = !/^\d{6}$/.test(typed);
  const ok = recovery ? spendRecoveryCode(db, userId, typed, now) : acceptTotp(db, userId, decryptSecret(row.totpSecret), typed, now);
  if (!ok) return { ok: false, reason: "wrong" };
  unhit(db, "MFA_GUESSES_PER_ACCOUNT", `user:${userId}`);
  if (recovery) recordAudit(db, { actorUserId: userId, action: "mfa.recovery_code_used", subject: `user:${userId}` }, now);
  return { ok: true, recovery };
}

/** How many recovery codes the user has left. */
export function recoveryCodesLeft(db: Db, userId: number): number {
  return db.select({ id: recoveryCodes.id }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))).all().length;
}

// ─── The step between the password and the code ─────────────────────────────

/** After a right password: a ticket for the code step (the token goes in an HttpOnly cookie). */
export function openMfaTicket(db: Db, userId: number, now = Date.now()): string {
  return issueLinkToken(db, { purpose: "mfa_login", target: `user:${userId}`, userId }, now, MFA_TICKET_LIFETIME_MS);
}

export function mfaTicketCookie(token: string): string {
  return serializeCookie(MFA_COOKIE, token, { maxAgeSeconds: MFA_TICKET_LIFETIME_MS / 1000, sameSite: "Strict" });
}

export function clearMfaTicketCookie(): string {
  return serializeCookie(MFA_COOKIE, "", { maxAgeSeconds: 0, sameSite: "Strict" });
}

export function readMfaTicket(request: Request): string | null {
  return readCookie(request, MFA_COOKIE);
}

/** The user a ticket is for, while it is open. */
export function mfaTicketHolder(db: Db, token: string, now = Date.now()): { id: number; userId: number } | null {
  return linkHolder(db, "mfa_login", token, now);
}

/** Closes the ticket once the code was right; false when it was used or lapsed meanwhile. */
export function closeMfaTicket(db: Db, ticketId: number, now = Date.now()): boolean {
  return spendLink(db, ticketId, now);
}

export type MfaSignIn =
  | { ok: true; userId: number; role: Role; recovery: boolean }
  | { ok: false; reason: "expired" | "wrong" }
  | { ok: false; reason: "limited"; retryAfterSeconds: number };

/** The code step of a sign-in: the ticket must be open, the code right; then the ticket is closed (once). */
export function completeMfaSignIn(db: Db, ticketToken: string, code: string, now = Date.now()): MfaSignIn {
  const ticket = mfaTicketHolder(db, ticketToken, now);
  if (!ticket) return { ok: false, reason: "expired" };
  const user = db.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, ticket.userId)).get();
  if (!user?.active) return { ok: false, reason: "expired" };
  const checked = checkSecondFactor(db, ticket.userId, code, now);
  if (!checked.ok) return checked;
  if (!closeMfaTicket(db, ticket.id, now)) return { ok: false, reason: "expired" };
  return { ok: true, userId: ticket.userId, role: user.role, recovery: checked.recovery === true };
}

/** When the user's second factor was confirmed, or null when they have none. */
export function enrolledSince(db: Db, userId: number): number | null {
  return mfaRow(db, userId)?.totpEnrolledAt ?? null;
}
