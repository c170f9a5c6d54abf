// One-time codes (six digits, typed from a text message) and links (a random token in a URL), for a
// sign-up's proof of contact, sign-in by phone and a password reset. Only a SHA-256 of the secret is
// stored. A code is checked in one immediate transaction that counts the attempt first: at most
// MAX_CODE_ATTEMPTS tries per code, whatever runs in parallel, and a code or link works once.
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { oneTimeCodes } from "../../../db/schema";
import { DAY_MS, HOUR_MS } from "../../../machines/time";
import type { OneTimePurpose } from "../../../machines/vocabulary";

export const CODE_LIFETIME_MS = 10 * 60 * 1000;
export const LINK_LIFETIME_MS = HOUR_MS;
export const MAX_CODE_ATTEMPTS = 5;

function digest(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}

type Issue = { purpose: OneTimePurpose; target: string; userId?: number | null; payload?: unknown };

function insert(db: Db, issue: Issue, secret: string, lifetimeMs: number, now: number): number {
  return db.transaction((tx) => {
    // A new code replaces the earlier ones for the same purpose and recipient.
    tx.update(oneTimeCodes)
      .set({ expiresAt: now })
      .where(and(eq(oneTimeCodes.purpose, issue.purpose), eq(oneTimeCodes.target, issue.target), isNull(oneTimeCodes.usedAt), gt(oneTimeCodes.expiresAt, now)))
      .run();
    tx.delete(oneTimeCodes).where(lt(oneTimeCodes.expiresAt, now - DAY_MS)).run();
    return tx
      .insert(oneTimeCodes)
      .values({
        purpose: issue.purpose,
        secretHash: digest(secret),
        target: issue.target,
        userId: issue.userId ?? null,
        payload: issue.payload ?? null,
        createdAt: now,
        expiresAt: now + lifetimeMs,
      })
      .returning({ id: oneTimeCodes.id })
      .get().id;
  });
}

/** A new six-digit code; returns its row id (the "ticket" the next form carries) and the code to send. */
export function issueCode(db: Db, issue: Issue, now = Date.now()): { id: number; code: string } {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  return { id: insert(db, issue, code, CODE_LIFETIME_MS, now), code };
}

/** A new link token (256 random bits), for a password reset or an invitation; returns the token to put in the link. */
export function issueLinkToken(db: Db, issue: Issue, now = Date.now(), lifetimeMs = LINK_LIFETIME_MS): string {
  const token = randomBytes(32).toString("base64url");
  insert(db, issue, token, lifetimeMs, now);
  return token;
}

export type LinkRow = { id: number; target: string; payload: unknown; usedAt: number | null; expiresAt: number };

/** The stored row of a link token, used or not (to tell "already used" from "expired"); null for an unknown token. */
export function findLink(db: Db, purpose: OneTimePurpose, token: string): LinkRow | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = db
    .select({ id: oneTimeCodes.id, target: oneTimeCodes.target, payload: oneTimeCodes.payload, usedAt: oneTimeCodes.usedAt, expiresAt: oneTimeCodes.expiresAt })
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.secretHash, digest(token)), eq(oneTimeCodes.purpose, purpose)))
    .get();
  return row ?? null;
}

export type CodeCheck =
  | { ok: true; target: string; userId: number | null; payload: unknown }
  | { ok: false; reason: "wrong" | "expired" };

function sameSecret(stored: string, secret: string): boolean {
  const a = Buffer.from(stored);
  const b = Buffer.from(digest(secret));
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks a typed code against ticket `id`: counts the attempt, and on a match uses the code up.
 * "expired" covers used, expired, unknown and out of attempts (the person asks for a new code).
 */
export function checkCode(db: Db, purpose: OneTimePurpose, id: number, code: string, now = Date.now()): CodeCheck {
  return db.transaction(
    (tx) => {
      const row = tx.select().from(oneTimeCodes).where(and(eq(oneTimeCodes.id, id), eq(oneTimeCodes.purpose, purpose))).get();
      if (!row || row.usedAt !== null || row.expiresAt <= now || row.attempts >= MAX_CODE_ATTEMPTS) return { ok: false as const, reason: "expired" as const };
      const match = /^\d{6}$/.test(code) && sameSecret(row.secretHash, code);
      tx.update(oneTimeCodes)
        .set(match ? { attempts: row.attempts + 1, usedAt: now } : { attempts: row.attempts + 1 })
        .where(eq(oneTimeCodes.id, id))
        .run();
      if (!match) return { ok: false as const, reason: row.attempts + 1 >= MAX_CODE_ATTEMPTS ? ("expired" as const) : ("wrong" as const) };
      return { ok: true as const, target: row.target, userId: row.userId, payload: row.payload };
    },
    { behavior: "immediate" },
  );
}

/** Whether ticket `id` can still take a code (for showing the code form or "ask for a new one"). */
export function codeStillOpen(db: Db, purpose: OneTimePurpose, id: number, now = Date.now()): { target: string } | null {
  const row = db.select().from(oneTimeCodes).where(and(eq(oneTimeCodes.id, id), eq(oneTimeCodes.purpose, purpose))).get();
  if (!row || row.usedAt !== null || row.expiresAt <= now || row.attempts >= MAX_CODE_ATTEMPTS) return null;
  return { target: row.target };
}

/** The user a reset link is for, while it works (unused, unexpired); does not use it up. */
export function linkHolder(db: Db, purpose: OneTimePurpose, token: string, now = Date.now()): { id: number; userId: number } | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = db.select().from(oneTimeCodes).where(and(eq(oneTimeCodes.secretHash, digest(token)), eq(oneTimeCodes.purpose, purpose))).get();
  if (!row || row.usedAt !== null || row.expiresAt <= now || row.userId === null) return null;
  return { id: row.id, userId: row.userId };
}

/** Uses a link up; false when someone used it first (two tabs racing apply once). Call inside the write. */
export function useLink(db: Db, id: number, now = Date.now()): boolean {
  return db.update(oneTimeCodes).set({ usedAt: now }).where(and(eq(oneTimeCodes.id, id), isNull(oneTimeCodes.usedAt), gt(oneTimeCodes.expiresAt, now))).run().changes === 1;
}
