// Sessions live in the database, so that logout, expiry, deactivation and an administrator can end
// them. The cookie holds a random 256-bit token; the table holds only its SHA-256, so a copy of the
// database does not hand out live sessions.
import { createHash, randomBytes } from "node:crypto";
import { eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { sessions, users, type Role } from "../../../db/schema";
import { readCookie, serializeCookie } from "../http/cookies.server";
import { HOUR_MS } from "../../../machines/time";

export const SESSION_COOKIE = "pas_session";
/** Signed out after this long without a request. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** Signed out this long after signing in, however active. */
export const ABSOLUTE_LIFETIME_MS = 12 * HOUR_MS;
/** last_seen_at is written at most this often (a write per request would serialise all readers behind the writer). */
const TOUCH_INTERVAL_MS = 60 * 1000;

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** Coordinator scope: one city, or the whole region when null. */
  cityId: number | null;
  /** Mentors: their agency. */
  agencyId: number | null;
  /** Partner staff: their organisation. */
  organisationId: number | null;
};

function tokenDigest(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** A new session (always a new id: signing in never reuses one). Returns the cookie to set. */
export function createSession(db: Db, userId: number, now = Date.now()): { token: string; cookie: string } {
  const token = randomBytes(32).toString("base64url");
  db.insert(sessions)
    .values({ id: tokenDigest(token), userId, createdAt: now, lastSeenAt: now, expiresAt: now + ABSOLUTE_LIFETIME_MS })
    .run();
  pruneSessions(db, now);
  return {
    token,
    cookie: serializeCookie(SESSION_COOKIE, token, { maxAgeSeconds: ABSOLUTE_LIFETIME_MS / 1000 }),
  };
}

export function clearSessionCookie(): string {
  return serializeCookie(SESSION_COOKIE, "", { maxAgeSeconds: 0 });
}

export function readSessionToken(request: Request): string | null {
  const token = readCookie(request, SESSION_COOKIE);
  // Tokens are 43 base64url characters; anything else is not ours and never reaches the database.
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

// Every request reads its session (the root's loader and the page's each do): one statement prepared
// per database handle, instead of building and compiling the same SQL each time.
const sessionQueries = new WeakMap<Db, ReturnType<typeof prepareSessionQuery>>();

function prepareSessionQuery(db: Db) {
  return db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      active: users.active,
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        cityId: users.cityId,
        agencyId: users.agencyId,
        organisationId: users.organisationId,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare();
}

/**
 * The signed-in user for a token, or null. A session past its idle timeout or absolute lifetime, or
 * of a deactivated user, is deleted on sight.
 */
export function getSessionUser(db: Db, token: string, now = Date.now()): SessionUser | null {
  const id = tokenDigest(token);
  let query = sessionQueries.get(db);
  if (!query) sessionQueries.set(db, (query = prepareSessionQuery(db)));
  const row = query.get({ id });
  if (!row) return null;
  if (now >= row.expiresAt || now - row.lastSeenAt >= IDLE_TIMEOUT_MS || !row.active) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return null;
  }
  if (now - row.lastSeenAt >= TOUCH_INTERVAL_MS) {
    db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id)).run();
  }
  return row.user;
}

/** Logout: the row goes, so the token is worthless even if the cookie survives somewhere. */
export function endSession(db: Db, token: string): void {
  db.delete(sessions).where(eq(sessions.id, tokenDigest(token))).run();
}

/** Ends every session of a user (deactivation, password change). */
export function endSessionsOfUser(db: Db, userId: number): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Drops sessions that can no longer be used. */
function pruneSessions(db: Db, now = Date.now()): void {
  db.delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, now - IDLE_TIMEOUT_MS)))
    .run();
}

