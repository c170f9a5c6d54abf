// An account for a walk-in. A mentor registers a person who came to the office (no account is made
// then); the mentor can then send them a one-time invitation link by WhatsApp. Opening it, the person
// proves they hold the participant's phone with a six-digit code sent to it (through the outbox), may
// set a password, and the entrepreneur account is made and tied to their record. Afterwards they sign
// in by phone number and code, or with the password.
//
// The link is a one_time_codes row of purpose "account_invite" (only a SHA-256 of the token is kept),
// for the participant (target "participant:<id>", so a new link replaces the earlier one), working
// INVITE_LIFETIME_DAYS days and once. The code is an "account_claim" row naming the invitation it
// belongs to: a code sent for one invitation cannot claim another person's record.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { participants, users } from "../../../db/schema";
import { DAY_MS } from "../../../machines/time";
import { hashPassword } from "../auth/password.server";
import { checkCode, findLink, issueCode, issueLinkToken, useLink } from "../codes/one-time.server";
import { internationalPhone } from "../identity/phone";
import { hitAll } from "../limits/rate-limit.server";
import { maskedPhone } from "../outbox/masked";
import { sendMessage } from "../outbox/outbox.server";
import { claimCodeText } from "../outbox/texts";
import { recordAudit } from "../users/audit.server";

export const INVITE_LIFETIME_DAYS = 7;
const INVITE_LIFETIME_MS = INVITE_LIFETIME_DAYS * DAY_MS;
/** The password hash of an account made without a password: no password verifies against it (phone sign-in only). */
export const PHONE_ONLY_PASSWORD_HASH = "!phone-only";

/**
 * Every account needs an email (the column is unique and required); a person invited by phone may
 * have none. This address names the record and can never receive mail (".invalid" is reserved).
 */
export function phoneAccountEmail(participantId: number): string {
  return `peserta-${participantId}@telepon.invalid`;
}

const target = (participantId: number) => `participant:${participantId}`;

/** Who the invitation would be for: the name, the number WhatsApp can reach (or null), and whether they already have an account. */
export function inviteSubject(db: Db, participantId: number): { fullName: string; businessName: string; phone: string | null; hasAccount: boolean } | null {
  const row = db
    .select({ fullName: participants.fullName, businessName: participants.businessName, phone: participants.phone, userId: participants.userId })
    .from(participants)
    .where(eq(participants.id, participantId))
    .get();
  if (!row) return null;
  return { fullName: row.fullName, businessName: row.businessName, phone: internationalPhone(row.phone), hasAccount: row.userId !== null };
}

export type InviteCreated =
  | { ok: true; token: string; phone: string; fullName: string; businessName: string; expiresAt: number }
  | { ok: false; reason: "has-account" | "no-phone" };

/**
 * A new invitation link for the participant (the caller has checked that the mentor may see them).
 * An earlier unused link of theirs stops working. Returns the token: shown once, never stored.
 */
export function createAccountInvite(db: Db, mentorId: number, participantId: number, now = Date.now()): InviteCreated {
  const subject = inviteSubject(db, participantId);
  if (!subject || subject.hasAccount) return { ok: false, reason: "has-account" };
  if (!subject.phone) return { ok: false, reason: "no-phone" };
  const token = issueLinkToken(db, { purpose: "account_invite", target: target(participantId), payload: { participantId } }, now, INVITE_LIFETIME_MS);
  recordAudit(db, { actorUserId: mentorId, action: "account_invite.created", subject: `participant:${participantId}` }, now);
  return { ok: true, token, phone: subject.phone, fullName: subject.fullName, businessName: subject.businessName, expiresAt: now + INVITE_LIFETIME_MS };
}

export type InviteState =
  | { state: "open"; inviteId: number; participantId: number; firstName: string; businessName: string; phoneMasked: string }
  /** Claimed (by this link, or the person has an account some other way). */
  | { state: "used" }
  /** Past its days, replaced by a newer link, or unknown. */
  | { state: "expired" };

/** What a link is now. Reading it changes nothing. */
export function accountInviteState(db: Db, token: string, now = Date.now()): InviteState {
  const link = findLink(db, "account_invite", token);
  if (!link) return { state: "expired" };
  const participantId = (link.payload as { participantId?: unknown } | null)?.participantId;
  if (typeof participantId !== "number") return { state: "expired" };
  const row = db
    .select({ fullName: participants.fullName, businessName: participants.businessName, phone: participants.phone, userId: participants.userId })
    .from(participants)
    .where(eq(participants.id, participantId))
    .get();
  if (link.usedAt !== null || (row && row.userId !== null)) return { state: "used" };
  const phone = internationalPhone(row?.phone);
  if (!row || !phone || link.expiresAt <= now) return { state: "expired" };
  return {
    state: "open",
    inviteId: link.id,
    participantId,
    firstName: row.fullName.trim().split(/\s+/)[0] ?? row.fullName,
    businessName: row.businessName,
    phoneMasked: maskedPhone(phone),
  };
}

export type ClaimCodeSent = { ok: true; ticket: number } | { ok: false; reason: "used" | "expired" } | { ok: false; reason: "limited"; retryAfterSeconds: number };

/** Sends the six-digit code to the participant's phone (limited per address and per number like every code). */
export async function sendClaimCode(db: Db, token: string, address: string, now = Date.now()): Promise<ClaimCodeSent> {
  const invite = accountInviteState(db, token, now);
  if (invite.state !== "open") return { ok: false, reason: invite.state };
  const phone = internationalPhone(db.select({ phone: participants.phone }).from(participants).where(eq(participants.id, invite.participantId)).get()?.phone)!;
  const limited = hitAll(
    db,
    [
      ["CODES_PER_ADDRESS", address],
      ["CODES_PER_RECIPIENT", phone],
    ],
    now,
  );
  if (!limited.ok) return { ok: false, reason: "limited", retryAfterSeconds: limited.retryAfterSeconds };
  const { id, code } = issueCode(db, { purpose: "account_claim", target: phone, payload: { inviteId: invite.inviteId } }, now);
  await sendMessage(db, { channel: "phone", to: phone, ...claimCodeText(code) }, now);
  return { ok: true, ticket: id };
}

export type Claimed = { ok: true; userId: number } | { ok: false; reason: "wrong" | "code-expired" | "used" | "expired" };

/**
 * Claims the account: checks the code (which must have been sent for this very invitation), then in
 * one immediate transaction uses the link up, makes the entrepreneur account (with the password, or
 * phone sign-in only) and ties the record to it. Two racing claims make one account.
 */
export async function claimAccount(db: Db, token: string, ticket: number, code: string, password: string | null, now = Date.now()): Promise<Claimed> {
  const invite = accountInviteState(db, token, now);
  if (invite.state !== "open") return { ok: false, reason: invite.state };
  const checked = checkCode(db, "account_claim", ticket, code, now);
  if (!checked.ok) return { ok: false, reason: checked.reason === "wrong" ? "wrong" : "code-expired" };
  if ((checked.payload as { inviteId?: unknown } | null)?.inviteId !== invite.inviteId) return { ok: false, reason: "code-expired" };
  // Hashed before the transaction: a write transaction stays synchronous.
  const passwordHash = password === null ? PHONE_ONLY_PASSWORD_HASH : await hashPassword(password);
  return db.transaction(
    (tx) => {
      const t = tx as unknown as Db;
      const row = t.select({ fullName: participants.fullName, phone: participants.phone, userId: participants.userId }).from(participants).where(eq(participants.id, invite.participantId)).get();
      if (!row || row.userId !== null || !useLink(t, invite.inviteId, now)) return { ok: false as const, reason: "used" as const };
      const user = t
        .insert(users)
        .values({ email: phoneAccountEmail(invite.participantId), name: row.fullName, role: "entrepreneur", passwordHash, phone: row.phone, createdAt: now })
        .returning({ id: users.id })
        .get();
      const tied = t.update(participants).set({ userId: user.id }).where(and(eq(participants.id, invite.participantId), isNull(participants.userId))).run();
      if (tied.changes !== 1) throw new Error("participant was tied to an account during the claim");
      recordAudit(t, { actorUserId: user.id, action: "account_invite.claimed", subject: `participant:${invite.participantId}`, detail: { withPassword: password !== null } }, now);
      return { ok: true as const, userId: user.id };
    },
    { behavior: "immediate" },
  );
}
