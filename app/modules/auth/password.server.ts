// Password hashing: argon2id at OWASP's minimum (t=2, m=19 MiB, p=1) or stronger.
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = { algorithm: 2 /* Argon2id (a const enum, not importable under isolatedModules) */, timeCost: 2, memoryCost: 19456, parallelism: 1 } as const;

/** Length ≥ 8, long passphrases welcome, no composition rules. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
