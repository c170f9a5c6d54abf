// The rate limits on the doors (sign-up, sign-in, one-time codes, every anonymous form), declared once:
// the server enforces them, the tests and the README quote them. Each can be changed by environment
// (PAS_LIMIT_<NAME>=count/seconds, e.g. PAS_LIMIT_SIGNUP_PER_ADDRESS=5/3600). No I/O.
import { HOUR_MS } from "../../../machines/time";

const MINUTE_MS = 60_000;

export type LimitRule = { limit: number; windowMs: number };

export const LIMIT_RULES = {
  /** Self-registrations started from one network address. */
  SIGNUP_PER_ADDRESS: { limit: 5, windowMs: HOUR_MS },
  /** Self-registrations started by everyone together (a flood from many addresses). */
  SIGNUP_GLOBAL: { limit: 60, windowMs: 10 * MINUTE_MS },
  /**
   * Failed sign-ins from one address, counted before the password is checked. Generous: a district
   * office puts all its mentors behind one address.
   */
  SIGNIN_FAILURES_PER_ADDRESS: { limit: 30, windowMs: 15 * MINUTE_MS },
  /**
   * Failed sign-ins from everyone together, on devices not known to the account (credential stuffing:
   * one guess each for many accounts from many addresses). Past it, only known devices get a password
   * checked until the window closes; everyone else waits (or signs in by phone code).
   */
  SIGNIN_FAILURES_GLOBAL: { limit: 200, windowMs: 15 * MINUTE_MS },
  /** Failed sign-ins from a device that signed in to the account before (its owner's count, apart from strangers'). */
  SIGNIN_FAILURES_PER_DEVICE: { limit: 10, windowMs: 15 * MINUTE_MS },
  /** Any form posted without a session (sign-in, sign-up, codes, reset, language), per address. */
  ANONYMOUS_POSTS_PER_ADDRESS: { limit: 120, windowMs: 10 * MINUTE_MS },
  /** Codes and links sent to one phone number or email (no one can flood a stranger's phone). */
  CODES_PER_RECIPIENT: { limit: 3, windowMs: 15 * MINUTE_MS },
  /** Authenticator or recovery codes tried for one account (counted before checking; a right code takes its try back). */
  MFA_GUESSES_PER_ACCOUNT: { limit: 5, windowMs: 15 * MINUTE_MS },
  /** Codes and links sent from one address. */
  CODES_PER_ADDRESS: { limit: 10, windowMs: HOUR_MS },
} as const satisfies Record<string, LimitRule>;

export type LimitName = keyof typeof LIMIT_RULES;

/** The rule in force: the default, or PAS_LIMIT_<NAME> as "count/seconds". */
export function limitRule(name: LimitName, env: Record<string, string | undefined> = process.env): LimitRule {
  const raw = env[`PAS_LIMIT_${name}`];
  if (!raw) return LIMIT_RULES[name];
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
  if (!match) throw new Error(`PAS_LIMIT_${name} must be "count/seconds", e.g. "5/3600", not "${raw}"`);
  return { limit: Number(match[1]), windowMs: Number(match[2]) * 1000 };
}
