// Known devices: a browser that signed in to an account gets a cookie with a random token (the table
// holds its SHA-256). Sign-in attempts that bring it are counted per device, apart from the account's
// own count: a stranger's guesses slow the account down, while its owner, on a phone or computer
// they have used before, still gets in (decision 0016).
import { createHash, randomBytes } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { knownDevices } from "../../../db/schema";
import { DAY_MS } from "../../../machines/time";
import { readCookie, serializeCookie } from "../http/cookies.server";

export const DEVICE_COOKIE = "pas_device";
/** A device not used for this long is forgotten (and its cookie expires with it). */
export const DEVICE_LIFETIME_MS = 180 * DAY_MS;

function digest(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export function readDeviceToken(request: Request): string | null {
  const token = readCookie(request, DEVICE_COOKIE);
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

/** The device's key for counting attempts when it has signed in to this user before; otherwise null. */
export function knownDeviceOf(db: Db, token: string | null, userId: number, now = Date.now()): string | null {
  if (!token) return null;
  const tokenHash = digest(token);
  const row = db
    .select({ lastUsedAt: knownDevices.lastUsedAt })
    .from(knownDevices)
    .where(and(eq(knownDevices.tokenHash, tokenHash), eq(knownDevices.userId, userId)))
    .get();
  return row && now - row.lastUsedAt < DEVICE_LIFETIME_MS ? tokenHash : null;
}

/**
 * After a successful sign-in: remembers this device for the user (a new token unless the cookie
 * already holds one of theirs) and returns the cookie to set.
 */
export function rememberDevice(db: Db, token: string | null, userId: number, now = Date.now()): string {
  const known = knownDeviceOf(db, token, userId, now);
  let value = token;
  if (known) {
    db.update(knownDevices).set({ lastUsedAt: now }).where(eq(knownDevices.tokenHash, known)).run();
  } else {
    value = randomBytes(32).toString("base64url");
    db.insert(knownDevices).values({ tokenHash: digest(value), userId, createdAt: now, lastUsedAt: now }).run();
    db.delete(knownDevices).where(lt(knownDevices.lastUsedAt, now - DEVICE_LIFETIME_MS)).run();
  }
  return serializeCookie(DEVICE_COOKIE, value!, { maxAgeSeconds: DEVICE_LIFETIME_MS / 1000 });
}

/** A password change or reset forgets the user's devices: whoever knew the old password may hold one. */
export function forgetDevices(db: Db, userId: number): void {
  db.delete(knownDevices).where(eq(knownDevices.userId, userId)).run();
}
