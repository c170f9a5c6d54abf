// Changing and resetting a password. Either ends every session of the user and forgets their known
// devices (whoever knew the old password may hold one); a change then signs the person in again on
// the device they changed it on. A reset goes by a one-time link (one hour, single use) sent through
// the outbox; whether the email has an account is never told.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { loginFailures, users } from "../../../db/schema";
import { issueLinkToken, linkHolder, useLink } from "../codes/one-time.server";
import { hitAll } from "../limits/rate-limit.server";
import { sendMessage } from "../outbox/outbox.server";
import { resetLinkText } from "../outbox/texts";
import { recordAudit } from "../users/audit.server";
import { forgetDevices } from "../auth/devices.server";
import { attemptLogin, normaliseEmail, type AttemptOrigin } from "../auth/login.server";
import { hashPassword } from "../auth/password.server";
import { endSessionsOfUser, type SessionUser } from "../auth/session.server";

export type ChangeOutcome = { ok: true } | { ok: false; reason: "wrong" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** The current password is checked like a sign-in (same counting and throttling): a stolen session cannot guess it. */
export async function changePassword(db: Db, user: SessionUser, current: string, next: string, origin: AttemptOrigin, now = Date.now()): Promise<ChangeOutcome> {
  const checked = await attemptLogin(db, user.email, current, origin, now);
  if (!checked.ok) return checked.reason === "throttled" ? checked : { ok: false, reason: "wrong" };
  const passwordHash = await hashPassword(next);
  db.transaction((tx) => {
    const t = tx as unknown as Db;
    t.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
    endSessionsOfUser(t, user.id);
    forgetDevices(t, user.id);
    recordAudit(t, { actorUserId: user.id, action: "password.changed", subject: `user:${user.id}` }, now);
  });
  return { ok: true };
}

/**
 * Where reset links point. PAS_PUBLIC_URL in production: a link built from the request's Host header
 * could be pointed at another site by whoever sends the request.
 */
export function publicBaseUrl(request: Request): string {
  const configured = process.env.PAS_PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  if (process.env.NODE_ENV === "production" && process.env.PAS_DEMO !== "1") {
    throw new Error("PAS_PUBLIC_URL must be set in production: password reset links are built from it");
  }
  return new URL(request.url).origin;
}

export async function requestPasswordReset(
  db: Db,
  rawEmail: string,
  address: string,
  baseUrl: string,
  now = Date.now(),
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const email = normaliseEmail(rawEmail);
  const limited = hitAll(
    db,
    [
      ["CODES_PER_ADDRESS", address],
      ["CODES_PER_RECIPIENT", email],
    ],
    now,
  );
  if (!limited.ok) return limited;
  const user = db.select({ id: users.id, active: users.active }).from(users).where(eq(users.email, email)).get();
  if (!user?.active) return { ok: true };
  const token = issueLinkToken(db, { purpose: "password_reset", target: email, userId: user.id }, now);
  await sendMessage(db, { channel: "email", to: email, ...resetLinkText(`${baseUrl}/atur-sandi/${token}`) }, now);
  return { ok: true };
}

/** Whose password a reset link sets, while it works. */
export function resetLinkHolder(db: Db, token: string, now = Date.now()): { name: string; email: string } | null {
  const holder = linkHolder(db, "password_reset", token, now);
  if (!holder) return null;
  return db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, holder.userId)).get() ?? null;
}

/** Sets the new password through a link; false when the link no longer works (used, expired, unknown). */
export async function resetPassword(db: Db, token: string, password: string, now = Date.now()): Promise<boolean> {
  if (!linkHolder(db, "password_reset", token, now)) return false;
  const passwordHash = await hashPassword(password);
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const holder = linkHolder(t, "password_reset", token, now);
    if (!holder || !useLink(t, holder.id, now)) return false;
    const user = t.update(users).set({ passwordHash }).where(eq(users.id, holder.userId)).returning({ email: users.email }).get();
    endSessionsOfUser(t, holder.userId);
    forgetDevices(t, holder.userId);
    // Whoever reset it holds the mailbox: the account's wait after failed guesses ends.
    if (user) t.delete(loginFailures).where(eq(loginFailures.email, user.email)).run();
    recordAudit(t, { actorUserId: holder.userId, action: "password.reset", subject: `user:${holder.userId}` }, now);
    return true;
  });
}
