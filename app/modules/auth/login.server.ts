// Signing in: password check with per-account throttling, per-address limits and known devices.
//
// Every attempt is counted before its password is checked, in one write that all server processes
// see (so 40 parallel guesses check at most FREE_ATTEMPTS passwords), and taken back when it
// succeeds. Throttling is per account and bounded: after FREE_ATTEMPTS failures each further attempt
// must wait, the wait doubling up to MAX_DELAY_MS; attempts made while waiting are refused without
// checking the password and without counting. An attempt from a device that has signed in to the
// account before is counted for that device instead, so the owner is not locked out by a stranger's
// guesses (decision 0016). Failures per network address are limited too (a flood of random emails),
// generously, since a district office puts all its mentors behind one address; and failures from
// everyone together (SIGNIN_FAILURES_GLOBAL), against credential stuffing spread over many addresses
// and accounts: past it, only attempts from a device known to the account get their password checked.
import { eq, lt } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { loginFailures, users } from "../../../db/schema";
import { hit, unhit } from "../limits/rate-limit.server";
import { knownDeviceOf } from "./devices.server";
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

/** Where the attempt comes from: the network address and the known-device cookie, if any. */
export type AttemptOrigin = { address: string; deviceToken: string | null };

/**
 * Reserves one attempt on the account's count, or says how long to wait. Synchronous and in one
 * immediate transaction: parallel attempts (in any process) each see the ones reserved before them.
 */
function reserveAttempt(db: Db, email: string, now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
  return db.transaction(
    (tx) => {
      const failure = tx.select().from(loginFailures).where(eq(loginFailures.email, email)).get();
      const recent = failure && now - failure.lastFailureAt < FAILURE_MEMORY_MS ? failure.failures : 0;
      const waitUntil = failure ? failure.lastFailureAt + throttleDelayMs(recent) : 0;
      if (recent >= FREE_ATTEMPTS && now < waitUntil) {
        return { ok: false as const, retryAfterSeconds: Math.ceil((waitUntil - now) / 1000) };
      }
      recordFailure(tx as unknown as Db, email, recent + 1, now);
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}

function toSessionUser(user: typeof users.$inferSelect): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    cityId: user.cityId,
    agencyId: user.agencyId,
    organisationId: user.organisationId,
  };
}

export async function attemptLogin(
  db: Db,
  rawEmail: string,
  password: string,
  origin: AttemptOrigin = { address: "unknown", deviceToken: null },
  now = Date.now(),
): Promise<LoginResult> {
  const email = normaliseEmail(rawEmail);
  const byAddress = hit(db, "SIGNIN_FAILURES_PER_ADDRESS", origin.address, now);
  if (!byAddress.ok) return { ok: false, reason: "throttled", retryAfterSeconds: byAddress.retryAfterSeconds };

  const user = db.select().from(users).where(eq(users.email, email)).get();
  const device = user ? knownDeviceOf(db, origin.deviceToken, user.id, now) : null;
  // A known device is its owner's: counted on its own, never held up by a flood against everyone.
  if (!device) {
    const overall = hit(db, "SIGNIN_FAILURES_GLOBAL", "all", now);
    if (!overall.ok) {
      unhit(db, "SIGNIN_FAILURES_PER_ADDRESS", origin.address);
      return { ok: false, reason: "throttled", retryAfterSeconds: overall.retryAfterSeconds };
    }
  }
  const reserved = device ? hit(db, "SIGNIN_FAILURES_PER_DEVICE", device, now) : reserveAttempt(db, email, now);
  if (!reserved.ok) {
    unhit(db, "SIGNIN_FAILURES_PER_ADDRESS", origin.address);
    if (!device) unhit(db, "SIGNIN_FAILURES_GLOBAL", "all");
    return { ok: false, reason: "throttled", retryAfterSeconds: reserved.retryAfterSeconds };
  }

  const valid = await verifyPassword(user?.passwordHash ?? (await dummy()), password);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  // A success is no failure: the reserved counts are taken back. The owner's success on a known
  // device leaves the account's count alone (the stranger guessing at it still waits).
  unhit(db, "SIGNIN_FAILURES_PER_ADDRESS", origin.address);
  if (device) unhit(db, "SIGNIN_FAILURES_PER_DEVICE", device);
  else {
    unhit(db, "SIGNIN_FAILURES_GLOBAL", "all");
    db.delete(loginFailures).where(eq(loginFailures.email, email)).run();
  }
  if (!user.active) return { ok: false, reason: "inactive" };
  return { ok: true, user: toSessionUser(user) };
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
