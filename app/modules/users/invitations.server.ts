// Invitations: a one-time link (/undangan/:token) for an invited user to set their password. There
// is no email here, so the coordinator sees the link once and passes it on. Only a SHA-256 of the
// random token is stored: a copy of the database hands out no working links. A link works for 7
// days and once; accepting it sets the password and activates the account.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { invitations, users } from "../../../db/schema";
import { hashPassword } from "../auth/password.server";
import { recordAudit } from "./audit.server";
import { WEEK_MS } from "../../../machines/time";

export const INVITATION_LIFETIME_MS = WEEK_MS;
/** The password hash of an invited user until they accept: no password verifies against it. */
export const PENDING_PASSWORD_HASH = "!invited";

function tokenDigest(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** A new link for a user; earlier unused links of theirs stop working. Returns the token (shown once). */
export function issueInvitation(db: Db, userId: number, createdBy: number, now = Date.now()): string {
  const token = randomBytes(32).toString("base64url");
  db.update(invitations)
    .set({ expiresAt: now })
    .where(and(eq(invitations.userId, userId), isNull(invitations.usedAt), gt(invitations.expiresAt, now)))
    .run();
  db.insert(invitations)
    .values({ tokenHash: tokenDigest(token), userId, createdBy, createdAt: now, expiresAt: now + INVITATION_LIFETIME_MS })
    .run();
  return token;
}

export function invitationPath(token: string): string {
  return `/undangan/${token}`;
}

/** The invitee of a link that still works (unused, not expired), or null. */
export function validInvitation(db: Db, token: string, now = Date.now()): { id: number; userId: number; name: string; email: string } | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = db
    .select({ id: invitations.id, userId: users.id, name: users.name, email: users.email, usedAt: invitations.usedAt, expiresAt: invitations.expiresAt })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(eq(invitations.tokenHash, tokenDigest(token)))
    .get();
  if (!row || row.usedAt !== null || row.expiresAt <= now) return null;
  return { id: row.id, userId: row.userId, name: row.name, email: row.email };
}

/**
 * Sets the invitee's password and activates them; false when the link no longer works (used,
 * expired, unknown). The check is repeated inside the write so two racing acceptances apply once.
 */
export async function acceptInvitation(db: Db, token: string, password: string, now = Date.now()): Promise<boolean> {
  if (!validInvitation(db, token, now)) return false;
  const passwordHash = await hashPassword(password);
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const invitation = validInvitation(t, token, now);
    if (!invitation) return false;
    t.update(invitations).set({ usedAt: now }).where(eq(invitations.id, invitation.id)).run();
    t.update(users).set({ passwordHash, active: true }).where(eq(users.id, invitation.userId)).run();
    recordAudit(t, { actorUserId: invitation.userId, action: "invitation.accepted", subject: `user:${invitation.userId}` }, now);
    return true;
  });
}
