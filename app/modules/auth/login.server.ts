// Signing in: password check with per-account throttling.
//
// Throttling is per account (district offices sit behind one address, so per-IP limits would lock out
// a whole office) and bounded: after FREE_ATTEMPTS failures each further attempt must wait, the wait
// doubling up to MAX_DELAY_MS. Attempts made while waiting are refused without checking the password
// and without counting, so an attacker cannot push a mentor's wait beyond a few minutes.
import { eq, lt } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { loginFailures, users } from "../../../db/schema";
import { hashPassword, verifyPassword } from "./password.server";
import type { SessionUser } from "./session.server";
import { HOUR_MS } from "../../../machines/time";

export const FREE_ATTEMPTS = 5;
const BASE_DELAY_MS = 30 * 1000;
export const MAX_DELAY_MS = 5 * 60 * 1000;
/** Failures older than this are forgotten. */
const FAILURE_MEMORY_MS = HOUR_MS;

export type LoginResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" | "inactive" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** How long this many failures make the next attempt wait. */
export function throttleDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
}

// Unknown emails are checked against a real hash too, so that timing does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword("pas-tracker-no-such-account");
  return dummyHash;
}

export async function attemptLogin(db: Db, rawEmail: string, password: string, now = Date.now()): Promise<LoginResult> {
  const email = normaliseEmail(rawEmail);
  const failure = db.select().from(loginFailures).where(eq(loginFailures.email, email)).get();
  const recent = failure && now - failure.lastFailureAt < FAILURE_MEMORY_MS ? failure.failures : 0;
  const waitUntil = failure ? failure.lastFailureAt + throttleDelayMs(recent) : 0;
  if (recent >= FREE_ATTEMPTS && now < waitUntil) {
    return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil((waitUntil - now) / 1000) };
  }

  const user = db.select().from(users).where(eq(users.email, email)).get();
  const valid = await verifyPassword(user?.passwordHash ?? (await dummy()), password);
  if (!user || !valid) {
    recordFailure(db, email, recent + 1, now);
    return { ok: false, reason: "invalid" };
  }
  db.delete(loginFailures).where(eq(loginFailures.email, email)).run();
  if (!user.active) return { ok: false, reason: "inactive" };
  return {
    ok: true,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      cityId: user.cityId,
      agencyId: user.agencyId,
      organisationId: user.organisationId,
    },
  };
}

function recordFailure(db: Db, email: string, failures: number, now: number): void {
  db.insert(loginFailures)
    .values({ email, failures, lastFailureAt: now })
    .onConflictDoUpdate({ target: loginFailures.email, set: { failures, lastFailureAt: now } })
    .run();
  // Keep the table small: rows for guessed addresses are forgotten like any other.
  db.delete(loginFailures).where(lt(loginFailures.lastFailureAt, now - FAILURE_MEMORY_MS)).run();
}

/** The demo database has the demo coordinator; the sign-in page then lists the demo accounts. */
export function isDemoDatabase(db: Db): boolean {
  return db.select({ id: users.id }).from(users).where(eq(users.email, "koordinator@pas.demo")).get() !== undefined;
}
