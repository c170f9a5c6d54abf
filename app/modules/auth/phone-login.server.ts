// Signing in with a phone number and a one-time code: a warung owner knows their phone number, not
// an email. For entrepreneurs only (staff sign in with email and password). Whether the number has an
// account is never told: every request gets "if the number is registered, a code was sent", and a
// ticket; for an unknown number the code is simply never sent, so no typed code can match it.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { users } from "../../../db/schema";
import { checkCode, issueCode } from "../codes/one-time.server";
import { hitAll } from "../limits/rate-limit.server";
import { sendMessage } from "../outbox/outbox.server";
import { signInCodeText } from "../outbox/texts";
import { internationalPhone } from "../identity/phone";
import type { SessionUser } from "./session.server";

/**
 * The active entrepreneur account with this number (stored as typed, so compared in international
 * form). None when two accounts share the number: they sign in by email instead.
 */
function entrepreneurByPhone(db: Db, phone: string): number | null {
  const candidates = db
    .select({ id: users.id, phone: users.phone })
    .from(users)
    // Numbers are stored as typed ("0812-3456 7890"): the separators are dropped before the last digits are compared.
    .where(
      and(
        eq(users.role, "entrepreneur"),
        eq(users.active, true),
        sql`replace(replace(replace(${users.phone}, '-', ''), ' ', ''), '.', '') LIKE ${`%${phone.slice(-8)}`}`,
      ),
    )
    .all()
    .filter((row) => internationalPhone(row.phone) === phone);
  return candidates.length === 1 ? candidates[0]!.id : null;
}

export type PhoneLoginStart = { ok: true; ticket: number; phone: string } | { ok: false; retryAfterSeconds: number };

export async function startPhoneLogin(db: Db, rawPhone: string, address: string, now = Date.now()): Promise<PhoneLoginStart> {
  const phone = internationalPhone(rawPhone);
  // The form's schema has checked the shape; a number that still does not convert gets a ticket like any other.
  const target = phone ?? rawPhone;
  const limited = hitAll(
    db,
    [
      ["CODES_PER_ADDRESS", address],
      ["CODES_PER_RECIPIENT", target],
    ],
    now,
  );
  if (!limited.ok) return limited;
  const userId = phone ? entrepreneurByPhone(db, phone) : null;
  const { id, code } = issueCode(db, { purpose: "phone_login", target, userId }, now);
  if (userId !== null) await sendMessage(db, { channel: "phone", to: target, ...signInCodeText(code) }, now);
  return { ok: true, ticket: id, phone: target };
}

export type PhoneLoginFinish = { ok: true; user: SessionUser } | { ok: false; reason: "wrong" | "expired" };

export function finishPhoneLogin(db: Db, ticket: number, code: string, now = Date.now()): PhoneLoginFinish {
  const checked = checkCode(db, "phone_login", ticket, code, now);
  if (!checked.ok) return { ok: false, reason: checked.reason };
  const user = checked.userId === null ? undefined : db.select().from(users).where(and(eq(users.id, checked.userId), eq(users.active, true))).get();
  if (!user) return { ok: false, reason: "expired" };
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, cityId: user.cityId, agencyId: user.agencyId, organisationId: user.organisationId },
  };
}
